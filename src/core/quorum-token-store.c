/* quorum-token-store.c — the keyring or the 0600 file */
#include "quorum-token-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

struct _QuorumTokenStore {
  GObject  parent_instance;
  char    *path;   /* NULL: the Secret Service */
};

G_DEFINE_TYPE (QuorumTokenStore, quorum_token_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (quorum-token-store-error-quark, quorum_token_store_error)

static const SecretSchema token_schema = {
  QUORUM_TOKEN_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static void
quorum_token_store_finalize (GObject *object)
{
  QuorumTokenStore *self = QUORUM_TOKEN_STORE (object);

  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (quorum_token_store_parent_class)->finalize (object);
}

static void
quorum_token_store_class_init (QuorumTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_token_store_finalize;
}

static void
quorum_token_store_init (QuorumTokenStore *self)
{
}

QuorumTokenStore *
quorum_token_store_new_secret (void)
{
  return g_object_new (QUORUM_TYPE_TOKEN_STORE, NULL);
}

QuorumTokenStore *
quorum_token_store_new_file (const char *path)
{
  QuorumTokenStore *self;

  g_return_val_if_fail (path != NULL, NULL);
  self = g_object_new (QUORUM_TYPE_TOKEN_STORE, NULL);
  self->path = g_strdup (path);
  return self;
}

gboolean
quorum_token_store_is_secure (QuorumTokenStore *self)
{
  g_return_val_if_fail (QUORUM_IS_TOKEN_STORE (self), FALSE);
  return self->path == NULL;
}

const char *
quorum_token_store_get_path (QuorumTokenStore *self)
{
  g_return_val_if_fail (QUORUM_IS_TOKEN_STORE (self), NULL);
  return self->path;
}

/* ---- The secret's JSON form --------------------------------------------- */

static char *
tokens_to_json (const char            *server,
                const char            *username,
                const QuorumApiTokens *tokens)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (server != NULL)
    {
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, server);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, username);
    }
  json_builder_set_member_name (builder, "access");
  json_builder_add_string_value (builder, tokens->access ? tokens->access : "");
  json_builder_set_member_name (builder, "refresh");
  json_builder_add_string_value (builder, tokens->refresh);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Returns NULL with @error set when the text is not ours; NULL without an
 * error when it belongs to another account. */
static QuorumApiTokens *
tokens_from_json (const char  *text,
                  gsize        length,
                  const char  *server,
                  const char  *username,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  QuorumApiTokens *tokens;
  JsonNode *root;
  JsonObject *o;
  const char *access, *refresh;

  if (!json_parser_load_from_data (parser, text, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_CORRUPT,
                           "The stored tokens are unreadable");
      return NULL;
    }
  o = json_node_get_object (root);
  if (server != NULL &&
      (g_strcmp0 (string_member (o, "server"), server) != 0 ||
       g_strcmp0 (string_member (o, "username"), username) != 0))
    return NULL;
  access = string_member (o, "access");
  refresh = string_member (o, "refresh");
  if (refresh == NULL || *refresh == '\0')
    {
      g_set_error_literal (error, QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_CORRUPT,
                           "The stored tokens have no refresh token");
      return NULL;
    }
  tokens = g_new0 (QuorumApiTokens, 1);
  tokens->access = (access && *access) ? g_strdup (access) : NULL;
  tokens->refresh = g_strdup (refresh);
  return tokens;
}

/* ---- Requests ----------------------------------------------------------- */

typedef struct {
  char *server;
  char *username;
  char *secret;      /* JSON, wiped on free */
} Request;

static void
request_free (Request *request)
{
  g_free (request->server);
  g_free (request->username);
  if (request->secret != NULL)
    {
      memset (request->secret, 0, strlen (request->secret));
      g_free (request->secret);
    }
  g_free (request);
}

static GTask *
request_task (QuorumTokenStore    *self,
              gpointer             source_tag,
              const char          *server,
              const char          *username,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  request->server = g_strdup (server);
  request->username = g_strdup (username);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  return task;
}

static GError *
unavailable (const GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (cause);
  return g_error_new (QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE,
                      "The keyring is not available: %s", cause->message);
}

/* File backend: runs in a worker thread, the main loop never waits on disk. */
static void
file_save_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  QuorumTokenStore *self = source_object;
  Request *request = task_data;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE,
                               "Cannot create %s: %s", dir, g_strerror (saved));
      return;
    }
  /* CONSISTENT: a crash leaves the old file or the new one, never half;
   * DURABLE: fsync before the rename, so "saved" means on disk. */
  if (!g_file_set_contents_full (self->path, request->secret, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_task_return_new_error (task, QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE,
                               "Cannot write the token file: %s", error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
file_load_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  QuorumTokenStore *self = source_object;
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  QuorumApiTokens *tokens;

  if (!g_file_get_contents (self->path, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_new_error (task, QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE,
                                 "Cannot read the token file: %s", error->message);
      return;
    }
  tokens = tokens_from_json (contents, length, request->server, request->username, &error);
  memset (contents, 0, length);
  g_free (contents);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) quorum_api_tokens_free);
}

static void
file_clear_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  QuorumTokenStore *self = source_object;

  if (g_unlink (self->path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_task_return_new_error (task, QUORUM_TOKEN_STORE_ERROR, QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE,
                               "Cannot remove the token file: %s", g_strerror (saved));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Secret Service backend */
static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, unavailable (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
secret_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;
  QuorumApiTokens *tokens;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable (error));
      return;
    }
  if (secret == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  tokens = tokens_from_json (secret, strlen (secret), NULL, NULL, &error);
  secret_password_free (secret);
  if (tokens == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) quorum_api_tokens_free);
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to clear. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, unavailable (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- Public ------------------------------------------------------------- */

void
quorum_token_store_save_async (QuorumTokenStore      *self,
                               const char            *server,
                               const char            *username,
                               const QuorumApiTokens *tokens,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (QUORUM_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL && username != NULL);
  g_return_if_fail (tokens != NULL && tokens->refresh != NULL);

  task = request_task (self, quorum_token_store_save_async, server, username,
                       cancellable, callback, user_data);
  request = g_task_get_task_data (task);

  if (self->path != NULL)
    {
      request->secret = tokens_to_json (server, username, tokens);
      g_task_run_in_thread (task, file_save_thread);
    }
  else
    {
      g_autofree char *label = g_strdup_printf ("Quorum: %s on %s", username, server);
      request->secret = tokens_to_json (NULL, NULL, tokens);
      secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label,
                             request->secret, cancellable, secret_stored_cb,
                             g_steal_pointer (&task),
                             "server", server, "username", username, NULL);
    }
}

gboolean
quorum_token_store_save_finish (QuorumTokenStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
quorum_token_store_load_async (QuorumTokenStore    *self,
                               const char          *server,
                               const char          *username,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QUORUM_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL && username != NULL);

  task = request_task (self, quorum_token_store_load_async, server, username,
                       cancellable, callback, user_data);
  if (self->path != NULL)
    g_task_run_in_thread (task, file_load_thread);
  else
    secret_password_lookup (&token_schema, cancellable, secret_looked_up_cb,
                            g_steal_pointer (&task),
                            "server", server, "username", username, NULL);
}

QuorumApiTokens *
quorum_token_store_load_finish (QuorumTokenStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
quorum_token_store_clear_async (QuorumTokenStore    *self,
                                const char          *server,
                                const char          *username,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QUORUM_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL && username != NULL);

  task = request_task (self, quorum_token_store_clear_async, server, username,
                       cancellable, callback, user_data);
  if (self->path != NULL)
    g_task_run_in_thread (task, file_clear_thread);
  else
    secret_password_clear (&token_schema, cancellable, secret_cleared_cb,
                           g_steal_pointer (&task),
                           "server", server, "username", username, NULL);
}

gboolean
quorum_token_store_clear_finish (QuorumTokenStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
