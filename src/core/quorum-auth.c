/* quorum-auth.c — tokens, single-flight refresh, the store before the use */
#include "quorum-api-private.h"
#include "quorum-auth.h"
#include "quorum-jwt.h"

#include <string.h>

struct _QuorumAuth {
  GObject           parent_instance;

  QuorumApi        *api;
  QuorumTokenStore *store;
  char             *server;
  char             *username;

  char             *access;        /* NULL: none usable */
  char             *refresh;       /* NULL: logged out */
  gint64            access_expiry; /* seconds since the epoch, 0 unknown */
  guint             generation;    /* bumped whenever the access token changes */
  gboolean          login_required;

  gboolean          refreshing;
  GPtrArray        *waiters;       /* GTask*, each waiting for the refresh in flight */
  GCancellable     *cancellable;   /* ours: a waiter going away must not
                                    * abort a refresh whose rotated token
                                    * still has to be stored */
};

G_DEFINE_TYPE (QuorumAuth, quorum_auth, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_USERNAME,
  PROP_LOGGED_IN,
  PROP_LOGIN_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe (char **secret)
{
  if (*secret != NULL)
    {
      memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
quorum_auth_dispose (GObject *object)
{
  QuorumAuth *self = QUORUM_AUTH (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (quorum_auth_parent_class)->dispose (object);
}

static void
quorum_auth_finalize (GObject *object)
{
  QuorumAuth *self = QUORUM_AUTH (object);

  wipe (&self->access);
  wipe (&self->refresh);
  g_clear_object (&self->api);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->username, g_free);

  G_OBJECT_CLASS (quorum_auth_parent_class)->finalize (object);
}

static void
quorum_auth_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QuorumAuth *self = QUORUM_AUTH (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_LOGGED_IN:
      g_value_set_boolean (value, quorum_auth_get_logged_in (self));
      break;
    case PROP_LOGIN_REQUIRED:
      g_value_set_boolean (value, self->login_required);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_auth_class_init (QuorumAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = quorum_auth_dispose;
  object_class->finalize = quorum_auth_finalize;
  object_class->get_property = quorum_auth_get_property;

  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGGED_IN] =
    g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOGIN_REQUIRED] =
    g_param_spec_boolean ("login-required", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quorum_auth_init (QuorumAuth *self)
{
  self->waiters = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

QuorumAuth *
quorum_auth_new (QuorumApi        *api,
                 QuorumTokenStore *store,
                 const char       *username)
{
  QuorumAuth *self;

  g_return_val_if_fail (QUORUM_IS_API (api), NULL);
  g_return_val_if_fail (QUORUM_IS_TOKEN_STORE (store), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  self = g_object_new (QUORUM_TYPE_AUTH, NULL);
  self->api = g_object_ref (api);
  self->store = g_object_ref (store);
  self->server = g_strdup (quorum_api_get_base_url (api));
  self->username = g_strdup (username);
  quorum_api_set_auth (api, self);
  return self;
}

QuorumApi *
quorum_auth_get_api (QuorumAuth *self)
{
  g_return_val_if_fail (QUORUM_IS_AUTH (self), NULL);
  return self->api;
}

QuorumTokenStore *
quorum_auth_get_token_store (QuorumAuth *self)
{
  g_return_val_if_fail (QUORUM_IS_AUTH (self), NULL);
  return self->store;
}

const char *
quorum_auth_get_server (QuorumAuth *self)
{
  g_return_val_if_fail (QUORUM_IS_AUTH (self), NULL);
  return self->server;
}

const char *
quorum_auth_get_username (QuorumAuth *self)
{
  g_return_val_if_fail (QUORUM_IS_AUTH (self), NULL);
  return self->username;
}

gboolean
quorum_auth_get_logged_in (QuorumAuth *self)
{
  g_return_val_if_fail (QUORUM_IS_AUTH (self), FALSE);
  return self->refresh != NULL;
}

gboolean
quorum_auth_get_login_required (QuorumAuth *self)
{
  g_return_val_if_fail (QUORUM_IS_AUTH (self), FALSE);
  return self->login_required;
}

/* ---- Token state -------------------------------------------------------- */

static void
set_login_required (QuorumAuth *self,
                    gboolean    required)
{
  if (self->login_required == required)
    return;
  self->login_required = required;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN_REQUIRED]);
}

/* Takes the tokens; only called once they are durably stored. */
static void
set_tokens (QuorumAuth      *self,
            QuorumApiTokens *tokens)
{
  gboolean was_logged_in = quorum_auth_get_logged_in (self);

  wipe (&self->access);
  wipe (&self->refresh);
  self->access = g_steal_pointer (&tokens->access);
  self->refresh = g_steal_pointer (&tokens->refresh);
  self->access_expiry = quorum_jwt_get_expiry (self->access);
  self->generation++;
  quorum_api_tokens_free (tokens);

  if (!was_logged_in)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
  set_login_required (self, FALSE);
}

static void
forget_tokens (QuorumAuth *self)
{
  gboolean was_logged_in = quorum_auth_get_logged_in (self);

  wipe (&self->access);
  wipe (&self->refresh);
  self->access_expiry = 0;
  self->generation++;
  if (was_logged_in)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
}

static gboolean
access_usable (QuorumAuth *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->access == NULL)
    return FALSE;
  /* No readable exp: trust the token until the server refuses it. */
  return self->access_expiry == 0 || self->access_expiry - now > QUORUM_AUTH_REFRESH_MARGIN;
}

/* ---- Single-flight refresh ---------------------------------------------- */

static void
complete_waiters (QuorumAuth   *self,
                  const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new ();
  self->refreshing = FALSE;
  for (guint i = 0; i < waiters->len; i++)
    {
      g_autoptr(GTask) task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
refresh_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(QuorumAuth) self = user_data;
  g_autoptr(QuorumApiTokens) tokens = g_object_steal_data (G_OBJECT (self), "quorum-pending-tokens");
  g_autoptr(GError) error = NULL;

  if (!quorum_token_store_save_finish (QUORUM_TOKEN_STORE (object), result, &error))
    {
      g_warning ("The refreshed tokens could not be stored: %s", error->message);
      /* The old refresh token is already blacklisted by the rotation, so
       * keep the new one in memory for the next attempt (which stores
       * again), but never use an access token whose refresh token is not
       * on disk. */
      wipe (&self->access);
      wipe (&self->refresh);
      self->refresh = g_steal_pointer (&tokens->refresh);
      self->generation++;
      complete_waiters (self, error);
      return;
    }

  g_debug ("Refreshed tokens stored; the new access token may be used");
  set_tokens (self, g_steal_pointer (&tokens));
  complete_waiters (self, NULL);
}

static void
refresh_forgotten_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(QuorumAuth) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) login_required = NULL;

  if (!quorum_token_store_clear_finish (QUORUM_TOKEN_STORE (object), result, &error))
    g_warning ("The refused tokens could not be removed from the store: %s", error->message);

  login_required = g_error_new_literal (QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED,
                                        "The session has ended; log in again");
  complete_waiters (self, login_required);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(QuorumAuth) self = user_data;
  g_autoptr(QuorumApiTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  const QuorumApiErrorInfo *info;
  QuorumApiTokens *pending;

  tokens = quorum_api_refresh_finish (QUORUM_API (object), result, &error);
  if (tokens == NULL)
    {
      info = quorum_api_error_get_info (error);
      if (info != NULL && info->status == 401)
        {
          g_debug ("The server refused the refresh token: login required");
          forget_tokens (self);
          set_login_required (self, TRUE);
          quorum_token_store_clear_async (self->store, self->server, self->username,
                                          NULL, refresh_forgotten_cb, g_object_ref (self));
          return;
        }
      g_debug ("Refresh failed: %s", error->message);
      complete_waiters (self, error);
      return;
    }

  /* A server that does not rotate keeps the refresh token valid. */
  if (tokens->refresh == NULL)
    tokens->refresh = g_strdup (self->refresh);

  /* Invariant 5: the new pair goes to the store first; set_tokens (the
   * only place an access token becomes usable) runs when it is saved. */
  pending = g_steal_pointer (&tokens);
  g_object_set_data_full (G_OBJECT (self), "quorum-pending-tokens",
                          pending, (GDestroyNotify) quorum_api_tokens_free);
  quorum_token_store_save_async (self->store, self->server, self->username, pending,
                                 NULL, refresh_saved_cb, g_object_ref (self));
}

/* Takes @task. */
static void
join_refresh (QuorumAuth *self,
              GTask      *task)
{
  g_ptr_array_add (self->waiters, task);
  if (self->refreshing)
    return;

  self->refreshing = TRUE;
  g_debug ("Refreshing the access token");
  quorum_api_refresh_async (self->api, self->refresh, self->cancellable,
                            refresh_done_cb, g_object_ref (self));
}

static gboolean
return_if_logged_out (QuorumAuth *self,
                      GTask      *task)
{
  if (self->refresh != NULL)
    return FALSE;
  g_task_return_new_error (task, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED,
                           "Not logged in");
  return TRUE;
}

void
quorum_auth_prepare_async (QuorumAuth          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, quorum_auth_prepare_async);
  if (return_if_logged_out (self, task))
    return;
  if (access_usable (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  join_refresh (self, g_steal_pointer (&task));
}

gboolean
quorum_auth_prepare_finish (QuorumAuth    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
quorum_auth_refresh_async (QuorumAuth          *self,
                           guint                stale_generation,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, quorum_auth_refresh_async);
  if (return_if_logged_out (self, task))
    return;
  /* Somebody already replaced the refused token: just retry with it. */
  if (!self->refreshing && self->access != NULL && self->generation != stale_generation)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  join_refresh (self, g_steal_pointer (&task));
}

gboolean
quorum_auth_refresh_finish (QuorumAuth    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
quorum_auth_authorize_message (QuorumAuth  *self,
                               SoupMessage *message,
                               guint       *out_generation)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (QUORUM_IS_AUTH (self), FALSE);

  if (self->access == NULL)
    return FALSE;
  value = g_strconcat ("Bearer ", self->access, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);
  memset (value, 0, strlen (value));
  *out_generation = self->generation;
  return TRUE;
}

/* ---- Load, login, logout ------------------------------------------------ */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAuth *self = g_task_get_source_object (task);
  QuorumApiTokens *tokens;
  GError *error = NULL;

  tokens = quorum_token_store_load_finish (QUORUM_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (tokens != NULL)
    set_tokens (self, tokens);
  g_task_return_boolean (task, tokens != NULL);
}

void
quorum_auth_load_async (QuorumAuth          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (QUORUM_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_auth_load_async);
  quorum_token_store_load_async (self->store, self->server, self->username,
                                 cancellable, load_cb, task);
}

gboolean
quorum_auth_load_finish (QuorumAuth    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
login_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAuth *self = g_task_get_source_object (task);
  QuorumApiTokens *tokens = g_task_get_task_data (task);
  QuorumApiTokens *stored;
  GError *error = NULL;

  if (!quorum_token_store_save_finish (QUORUM_TOKEN_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Move the strings out; the task data (now empty) is freed with the task. */
  stored = g_new0 (QuorumApiTokens, 1);
  stored->access = g_steal_pointer (&tokens->access);
  stored->refresh = g_steal_pointer (&tokens->refresh);
  set_tokens (self, stored);
  g_debug ("Logged in as %s", self->username);
  g_task_return_boolean (task, TRUE);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumAuth *self = g_task_get_source_object (task);
  QuorumApiTokens *tokens;
  GError *error = NULL;

  tokens = quorum_api_login_finish (QUORUM_API (object), result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, tokens, (GDestroyNotify) quorum_api_tokens_free);
  quorum_token_store_save_async (self->store, self->server, self->username, tokens,
                                 NULL, login_saved_cb, g_steal_pointer (&task));
}

void
quorum_auth_login_async (QuorumAuth          *self,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (QUORUM_IS_AUTH (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_auth_login_async);
  quorum_api_login_async (self->api, self->username, password, cancellable, login_cb, task);
}

gboolean
quorum_auth_login_finish (QuorumAuth    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
logout_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!quorum_token_store_clear_finish (QUORUM_TOKEN_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
logout_forget (GTask *task)
{
  QuorumAuth *self = g_task_get_source_object (task);

  forget_tokens (self);
  quorum_token_store_clear_async (self->store, self->server, self->username,
                                  NULL, logout_cleared_cb, task);
}

static void
logout_blacklisted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!quorum_api_blacklist_finish (QUORUM_API (object), result, &error))
    g_debug ("Blacklisting the refresh token failed (forgetting it anyway): %s",
             error->message);
  logout_forget (user_data);
}

void
quorum_auth_logout_async (QuorumAuth          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (QUORUM_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_auth_logout_async);
  if (self->refresh == NULL)
    logout_forget (task);
  else
    quorum_api_blacklist_async (self->api, self->refresh, cancellable,
                                logout_blacklisted_cb, task);
}

gboolean
quorum_auth_logout_finish (QuorumAuth    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
