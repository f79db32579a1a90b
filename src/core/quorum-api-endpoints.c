/* quorum-api-endpoints.c — the contract's endpoints
 *
 * Every endpoint is one request through quorum_api_call_async() and one
 * reader of quorum-api-read.c that turns the answer into a typed result.
 */
#include "quorum-api-private.h"
#include "quorum-time.h"

#include <string.h>

/* ---- The generic endpoint call ------------------------------------------ */

typedef struct {
  ParseFunc       parse;
  GDestroyNotify  free_result;
  gsize           extra;            /* handed to parse (expected count, flags) */
  gboolean        login;            /* a 401 means wrong credentials */
} Endpoint;

static void
endpoint_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Endpoint *endpoint = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  gpointer value;
  guint status = 0;

  node = quorum_api_call_finish (QUORUM_API (object), result, &status, &error);
  if (error != NULL)
    {
      if (endpoint->login && g_error_matches (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TOKEN_INVALID))
        error->code = QUORUM_API_ERROR_INVALID_CREDENTIALS;
      g_task_return_error (task, error);
      return;
    }
  value = endpoint->parse (node, status, endpoint->extra, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, endpoint->free_result);
}

static void
endpoint_call (QuorumApi           *self,
               gpointer             source_tag,
               ParseFunc            parse,
               GDestroyNotify       free_result,
               gsize                extra,
               const char          *method,
               const char          *path,
               JsonNode            *body,
               QuorumApiCallFlags   flags,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;
  Endpoint *endpoint;

  g_return_if_fail (QUORUM_IS_API (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  endpoint = g_new0 (Endpoint, 1);
  endpoint->parse = parse;
  endpoint->free_result = free_result;
  endpoint->extra = extra;
  endpoint->login = source_tag == (gpointer) quorum_api_login_async;
  g_task_set_task_data (task, endpoint, g_free);

  quorum_api_call_async (self, method, path, body, flags, cancellable, endpoint_cb, task);
}

static gpointer
endpoint_finish (QuorumApi     *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static JsonNode *
one_member_node (const char *name,
                 const char *value)
{
  g_autoptr(JsonObject) object = json_object_new ();
  json_object_set_string_member (object, name, value);
  return object_node (object);
}

/* ---- Endpoints ---------------------------------------------------------- */

void
quorum_api_login_async (QuorumApi           *self,
                        const char          *username,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  json_object_set_string_member (object, "username", username);
  json_object_set_string_member (object, "password", password);
  body = object_node (object);
  endpoint_call (self, quorum_api_login_async, quorum_api_read_tokens,
                 (GDestroyNotify) quorum_api_tokens_free, TRUE,
                 "POST", "/api/token/", body, QUORUM_API_CALL_NONE,
                 cancellable, callback, user_data);
}

QuorumApiTokens *
quorum_api_login_finish (QuorumApi     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return endpoint_finish (self, result, quorum_api_login_async, error);
}

void
quorum_api_refresh_async (QuorumApi           *self,
                          const char          *refresh,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = one_member_node ("refresh", refresh);

  endpoint_call (self, quorum_api_refresh_async, quorum_api_read_tokens,
                 (GDestroyNotify) quorum_api_tokens_free, FALSE,
                 "POST", "/api/token/refresh/", body, QUORUM_API_CALL_NONE,
                 cancellable, callback, user_data);
}

QuorumApiTokens *
quorum_api_refresh_finish (QuorumApi     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return endpoint_finish (self, result, quorum_api_refresh_async, error);
}

void
quorum_api_blacklist_async (QuorumApi           *self,
                            const char          *refresh,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(JsonNode) body = one_member_node ("refresh", refresh);

  endpoint_call (self, quorum_api_blacklist_async, quorum_api_read_true, NULL, 0,
                 "POST", "/api/token/blacklist/", body, QUORUM_API_CALL_NONE,
                 cancellable, callback, user_data);
}

gboolean
quorum_api_blacklist_finish (QuorumApi     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return endpoint_finish (self, result, quorum_api_blacklist_async, error) != NULL;
}

void
quorum_api_me_async (QuorumApi           *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  endpoint_call (self, quorum_api_me_async, quorum_api_read_me, (GDestroyNotify) json_object_unref, 0,
                 "GET", "/api/v1/me/", NULL, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

JsonObject *
quorum_api_me_finish (QuorumApi     *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return endpoint_finish (self, result, quorum_api_me_async, error);
}

void
quorum_api_pull_async (QuorumApi           *self,
                       const char          *cursor,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("/api/v1/sync/changes/");
  char sep = '?';

  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_string_append_printf (path, "%ccursor=%s", sep, escaped);
      sep = '&';
    }
  if (limit > 0)
    g_string_append_printf (path, "%climit=%u", sep, MIN (limit, 1000));

  endpoint_call (self, quorum_api_pull_async, quorum_api_read_pull,
                 (GDestroyNotify) quorum_api_pull_page_free, 0,
                 "GET", path->str, NULL, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

QuorumApiPullPage *
quorum_api_pull_finish (QuorumApi     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return endpoint_finish (self, result, quorum_api_pull_async, error);
}

void
quorum_api_push_async (QuorumApi           *self,
                       const char          *client_id,
                       GPtrArray           *changes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < changes->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (changes, i)));
  json_object_set_string_member (object, "client_id", client_id);
  json_object_set_array_member (object, "changes", array);
  body = object_node (object);

  endpoint_call (self, quorum_api_push_async, quorum_api_read_push,
                 (GDestroyNotify) quorum_api_push_answer_free, changes->len,
                 "POST", "/api/v1/sync/push/", body,
                 QUORUM_API_CALL_AUTH | QUORUM_API_CALL_ACCEPT_SYNC_CONFLICT,
                 cancellable, callback, user_data);
}

QuorumApiPushAnswer *
quorum_api_push_finish (QuorumApi     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return endpoint_finish (self, result, quorum_api_push_async, error);
}

void
quorum_api_resolve_async (QuorumApi           *self,
                          JsonObject          *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = object_node (request);

  endpoint_call (self, quorum_api_resolve_async, quorum_api_read_resolve,
                 (GDestroyNotify) quorum_api_resolve_answer_free, 0,
                 "POST", "/api/v1/sync/resolve/", body, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

QuorumApiResolveAnswer *
quorum_api_resolve_finish (QuorumApi     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return endpoint_finish (self, result, quorum_api_resolve_async, error);
}

void
quorum_api_check_async (QuorumApi           *self,
                        JsonObject          *meeting,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(JsonNode) body = object_node (meeting);

  endpoint_call (self, quorum_api_check_async, quorum_api_read_check, NULL, 0,
                 "POST", "/api/v1/meetings/check/", body, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

gboolean
quorum_api_check_finish (QuorumApi     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return endpoint_finish (self, result, quorum_api_check_async, error) != NULL;
}

static void
append_ids (GString      *s,
            const char   *name,
            const gint64 *ids,
            guint         n)
{
  if (n == 0)
    return;
  g_string_append_printf (s, "%s=", name);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (s, '&');
}

void
quorum_api_freebusy_async (QuorumApi           *self,
                           const gint64        *user_ids,
                           guint                n_users,
                           const gint64        *room_ids,
                           guint                n_rooms,
                           gint64               start,
                           gint64               end,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("/api/v1/freebusy/?");
  g_autofree char *start_text = quorum_time_format_rfc3339 (start);
  g_autofree char *end_text = quorum_time_format_rfc3339 (end);
  g_autofree char *start_escaped = g_uri_escape_string (start_text, NULL, FALSE);
  g_autofree char *end_escaped = g_uri_escape_string (end_text, NULL, FALSE);

  append_ids (path, "user_ids", user_ids, n_users);
  append_ids (path, "room_ids", room_ids, n_rooms);
  g_string_append_printf (path, "start=%s&end=%s", start_escaped, end_escaped);

  endpoint_call (self, quorum_api_freebusy_async, quorum_api_read_freebusy,
                 (GDestroyNotify) json_object_unref, 0,
                 "GET", path->str, NULL, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

JsonObject *
quorum_api_freebusy_finish (QuorumApi     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return endpoint_finish (self, result, quorum_api_freebusy_async, error);
}

void
quorum_api_integrations_async (QuorumApi           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  endpoint_call (self, quorum_api_integrations_async, quorum_api_read_integrations,
                 (GDestroyNotify) g_ptr_array_unref, 0,
                 "GET", "/api/v1/integrations/", NULL, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

GPtrArray *
quorum_api_integrations_finish (QuorumApi     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return endpoint_finish (self, result, quorum_api_integrations_async, error);
}

static char *
provider_path (const char *provider,
               const char *action)
{
  g_autofree char *escaped = g_uri_escape_string (provider, NULL, FALSE);
  return g_strdup_printf ("/api/v1/integrations/%s/%s/", escaped, action);
}

void
quorum_api_reauthorize_async (QuorumApi           *self,
                              const char          *provider,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = provider_path (provider, "reauthorize");

  endpoint_call (self, quorum_api_reauthorize_async, quorum_api_read_reauthorize, g_free, 0,
                 "POST", path, NULL, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

char *
quorum_api_reauthorize_finish (QuorumApi     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return endpoint_finish (self, result, quorum_api_reauthorize_async, error);
}

void
quorum_api_integration_sync_async (QuorumApi           *self,
                                   const char          *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = provider_path (provider, "sync");

  endpoint_call (self, quorum_api_integration_sync_async, quorum_api_read_status_string, g_free, 0,
                 "POST", path, NULL, QUORUM_API_CALL_AUTH,
                 cancellable, callback, user_data);
}

char *
quorum_api_integration_sync_finish (QuorumApi     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return endpoint_finish (self, result, quorum_api_integration_sync_async, error);
}

void
quorum_api_health_async (QuorumApi           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  endpoint_call (self, quorum_api_health_async, quorum_api_read_health,
                 (GDestroyNotify) quorum_api_health_free, 0,
                 "GET", "/api/v1/health/", NULL, QUORUM_API_CALL_NONE,
                 cancellable, callback, user_data);
}

QuorumApiHealth *
quorum_api_health_finish (QuorumApi     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return endpoint_finish (self, result, quorum_api_health_async, error);
}
