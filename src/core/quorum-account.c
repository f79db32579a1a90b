/* quorum-account.c — the signed-in account of this installation */
#include "quorum-account.h"
#include "quorum-log.h"

#include <glib/gi18n.h>

struct _QuorumAccount {
  GObject      parent_instance;
  QuorumStore *store;
  QuorumApi   *api;
  QuorumAuth  *auth;
};

G_DEFINE_FINAL_TYPE (QuorumAccount, quorum_account, G_TYPE_OBJECT)

static void
quorum_account_dispose (GObject *object)
{
  QuorumAccount *self = QUORUM_ACCOUNT (object);

  if (self->api)
    g_signal_handlers_disconnect_by_data (self->api, self);
  g_clear_object (&self->auth);
  g_clear_object (&self->api);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (quorum_account_parent_class)->dispose (object);
}

static void
quorum_account_class_init (QuorumAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = quorum_account_dispose;
}

static void
quorum_account_init (QuorumAccount *self)
{
}

QuorumAccount *
quorum_account_new (QuorumStore *store)
{
  QuorumAccount *self = g_object_new (QUORUM_TYPE_ACCOUNT, NULL);

  self->store = g_object_ref (store);
  return self;
}

QuorumStore *
quorum_account_get_store (QuorumAccount *self)
{
  return self->store;
}

gboolean
quorum_account_is_configured (QuorumAccount *self)
{
  g_autofree char *server = quorum_store_get_state (self->store, "server");
  g_autofree char *username = quorum_store_get_state (self->store, "username");

  return server != NULL && username != NULL;
}

QuorumApi *
quorum_account_get_api (QuorumAccount *self)
{
  return self->api;
}

QuorumAuth *
quorum_account_get_auth (QuorumAccount *self)
{
  return self->auth;
}

gint64
quorum_account_get_user_id (QuorumAccount *self)
{
  return quorum_store_get_user_id (self->store);
}

/* Every 429 moves not-before; it lives in the replica so that a restart
 * honours it too. */
static void
on_not_before (QuorumApi     *api,
               GParamSpec    *pspec,
               QuorumAccount *self)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, quorum_api_get_not_before (api));
  g_autoptr(GError) error = NULL;

  if (!quorum_store_set_state (self->store, "not_before", v, &error))
    g_warning ("Cannot persist the rate limit: %s", error->message);
}

static QuorumTokenStore *
token_store_for (QuorumAccount *self,
                 gboolean       insecure)
{
  if (insecure)
    {
      g_autofree char *path = g_build_filename (quorum_store_get_data_dir (self->store), "tokens.json", NULL);
      return quorum_token_store_new_file (path);
    }
  return quorum_token_store_new_secret ();
}

static gboolean
build (QuorumAccount *self,
       const char    *server,
       const char    *username,
       gboolean       insecure,
       GError       **error)
{
  g_autoptr(QuorumApi) api = quorum_api_new (server, error);
  g_autoptr(QuorumTokenStore) tokens = NULL;
  g_autofree char *not_before = NULL;
  g_autofree char *ca_file = NULL;

  if (api == NULL)
    return FALSE;
  ca_file = quorum_store_get_state (self->store, "ca_file");
  if (ca_file && *ca_file && !quorum_api_set_ca_file (api, ca_file, error))
    return FALSE;
  quorum_api_set_timeout (api, 30);
  not_before = quorum_store_get_state (self->store, "not_before");
  if (not_before)
    quorum_api_set_not_before (api, g_ascii_strtoll (not_before, NULL, 10));

  if (self->api)
    g_signal_handlers_disconnect_by_data (self->api, self);
  g_clear_object (&self->auth);
  g_set_object (&self->api, api);
  g_signal_connect (api, "notify::not-before", G_CALLBACK (on_not_before), self);
  tokens = token_store_for (self, insecure);
  self->auth = quorum_auth_new (api, tokens, username);
  return TRUE;
}

/* CA file */

gboolean
quorum_account_set_ca_file (QuorumAccount *self,
                            const char    *ca_file,
                            GError       **error)
{
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (QUORUM_IS_ACCOUNT (self), FALSE);

  if (ca_file != NULL && *ca_file != '\0')
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GTlsDatabase) database = NULL;

      /* a relative path would change meaning with the working directory */
      absolute = g_canonicalize_filename (ca_file, NULL);
      database = g_tls_file_database_new (absolute, &local_error);
      if (database == NULL)
        {
          g_set_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TLS,
                       _("Cannot use %s as a certificate authority: %s"), absolute, local_error->message);
          return FALSE;
        }
    }
  if (self->api && !quorum_api_set_ca_file (self->api, absolute, error))
    return FALSE;
  if (!quorum_store_set_state (self->store, "ca_file", absolute, error))
    return FALSE;
  quorum_log_sync ("account: %s", absolute ? "an extra certificate authority is trusted" : "only the system's certificate authorities are trusted");
  return TRUE;
}

char *
quorum_account_get_ca_file (QuorumAccount *self)
{
  g_autofree char *ca_file = NULL;

  g_return_val_if_fail (QUORUM_IS_ACCOUNT (self), NULL);
  ca_file = quorum_store_get_state (self->store, "ca_file");
  return ca_file && *ca_file ? g_steal_pointer (&ca_file) : NULL;
}

/* Load */

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean found = quorum_auth_load_finish (QUORUM_AUTH (source), result, &error);

  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, found);
}

void
quorum_account_load_async (QuorumAccount       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *server = quorum_store_get_state (self->store, "server");
  g_autofree char *username = quorum_store_get_state (self->store, "username");
  g_autofree char *storage = quorum_store_get_state (self->store, "token_storage");
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, quorum_account_load_async);
  if (server == NULL || username == NULL)
    {
      g_task_return_new_error (task, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED,
                               "No account: sign in first");
      return;
    }
  if (!build (self, server, username, g_strcmp0 (storage, "file") == 0, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  quorum_auth_load_async (self->auth, cancellable, load_done, g_steal_pointer (&task));
}

gboolean
quorum_account_load_finish (QuorumAccount  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Login */

typedef struct {
  char     *username;
  gboolean  insecure;
} LoginData;

static void
login_data_free (LoginData *d)
{
  g_free (d->username);
  g_free (d);
}

static void
me_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAccount *self = g_task_get_source_object (task);
  LoginData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = quorum_api_me_finish (QUORUM_API (source), result, &error);
  g_autofree char *user_id = NULL;

  if (me == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  user_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (me, "id"));
  if (!quorum_store_set_state (self->store, "server", quorum_api_get_base_url (self->api), &error) ||
      !quorum_store_set_state (self->store, "username", d->username, &error) ||
      !quorum_store_set_state (self->store, "user_id", user_id, &error) ||
      !quorum_store_set_state (self->store, "token_storage", d->insecure ? "file" : "secret", &error) ||
      !quorum_store_set_state (self->store, "logged_in", "1", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  quorum_store_upsert_user (self->store, me, NULL);
  quorum_log_sync ("account: signed in as user %s at %s", user_id, quorum_api_get_base_url (self->api));
  g_task_return_boolean (task, TRUE);
}

static void
login_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!quorum_auth_login_finish (QUORUM_AUTH (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* fetch before the steal: argument order is unspecified */
  quorum_api_me_async (self->api, cancellable, me_done, g_steal_pointer (&task));
}

void
quorum_account_login_async (QuorumAccount       *self,
                            const char          *server,
                            const char          *username,
                            const char          *password,
                            gboolean             insecure_storage,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  LoginData *d = g_new0 (LoginData, 1);

  g_task_set_source_tag (task, quorum_account_login_async);
  d->username = g_strdup (username);
  d->insecure = insecure_storage;
  g_task_set_task_data (task, d, (GDestroyNotify) login_data_free);

  if (!build (self, server, username, insecure_storage, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  quorum_auth_login_async (self->auth, password, cancellable, login_done, g_steal_pointer (&task));
}

gboolean
quorum_account_login_finish (QuorumAccount  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Logout */

static void
logout_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!quorum_auth_logout_finish (QUORUM_AUTH (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  quorum_store_set_state (self->store, "logged_in", "0", NULL);
  quorum_log_sync ("account: signed out");
  g_task_return_boolean (task, TRUE);
}

static void
logout_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  quorum_account_load_finish (self, result, &error);
  if (self->auth == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    quorum_auth_logout_async (self->auth, cancellable, logout_done, g_steal_pointer (&task));
  }
}

void
quorum_account_logout_async (QuorumAccount       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, quorum_account_logout_async);
  if (self->auth)
    quorum_auth_logout_async (self->auth, cancellable, logout_done, g_steal_pointer (&task));
  else
    quorum_account_load_async (self, cancellable, logout_loaded, g_steal_pointer (&task));
}

gboolean
quorum_account_logout_finish (QuorumAccount  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
