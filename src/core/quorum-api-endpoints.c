/* quorum-api-endpoints.c — the contract's endpoints and their typed results
 *
 * Each answer is checked member by member before anything of it is handed
 * on: a member of the wrong type fails the whole answer as BAD_RESPONSE,
 * never half of it.  Unknown members are ignored (forward compatibility).
 */
#include "quorum-api-private.h"
#include "quorum-time.h"

#include <string.h>

/* ---- Defensive member access -------------------------------------------- */

typedef enum {
  REQUIRED = 0,
  OPTIONAL = 1,     /* absent or null gives NULL / the default */
} Presence;

static gboolean
bad (GError    **error,
     const char *what)
{
  g_set_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_BAD_RESPONSE,
               "Unexpected answer from the server: %s", what);
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            Presence     presence,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return presence == OPTIONAL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_id (JsonObject *object,
        const char *name,
        Presence    presence,
        gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return presence == OPTIONAL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return *out > 0;
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          Presence    presence,
          gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return presence == OPTIONAL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_object (JsonObject  *object,
            const char  *name,
            Presence     presence,
            JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return presence == OPTIONAL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (JsonObject *object,
           const char *name,
           Presence    presence,
           JsonArray **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return presence == OPTIONAL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
root_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
ref_or_null (JsonObject *object)
{
  return object ? json_object_ref (object) : NULL;
}

/* A URL we may hand to the user's browser. */
static gboolean
url_is_safe (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      /* A query is fine here; check the host alone. */
      g_autofree char *host_only = g_strdup_printf ("http://%s/", g_uri_get_host (uri));
      g_autofree char *checked = quorum_api_normalize_base_url (host_only, NULL);
      return checked != NULL;
    }
  return FALSE;
}

/* ---- Result structs ----------------------------------------------------- */

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
quorum_api_tokens_free (QuorumApiTokens *tokens)
{
  if (tokens == NULL)
    return;
  wipe_free (tokens->access);
  wipe_free (tokens->refresh);
  g_free (tokens);
}

static void
change_free (QuorumApiChange *change)
{
  g_free (change->modified_at);
  g_clear_pointer (&change->data, json_object_unref);
  g_free (change);
}

void
quorum_api_pull_page_free (QuorumApiPullPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_free (page->cursor);
  g_free (page->sync_time);
  g_free (page);
}

static void
push_result_free (QuorumApiPushResult *result)
{
  g_free (result->change_id);
  g_free (result->modified_at);
  g_clear_pointer (&result->data, json_object_unref);
  g_clear_pointer (&result->error, json_object_unref);
  g_free (result);
}

static void
conflict_free (QuorumApiConflict *conflict)
{
  g_free (conflict->change_id);
  g_free (conflict->entity_type);
  g_free (conflict->server_version);
  g_free (conflict->local_version);
  g_clear_pointer (&conflict->server_data, json_object_unref);
  g_clear_pointer (&conflict->raw, json_object_unref);
  g_free (conflict);
}

void
quorum_api_push_answer_free (QuorumApiPushAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_pointer (&answer->results, g_ptr_array_unref);
  g_clear_pointer (&answer->conflicts, g_ptr_array_unref);
  g_free (answer);
}

void
quorum_api_resolve_answer_free (QuorumApiResolveAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->status);
  g_clear_pointer (&answer->data, json_object_unref);
  g_clear_pointer (&answer->created, json_object_unref);
  g_free (answer);
}

void
quorum_api_integration_free (QuorumApiIntegration *integration)
{
  if (integration == NULL)
    return;
  g_free (integration->provider);
  g_free (integration->status);
  g_free (integration->last_sync);
  g_clear_pointer (&integration->error, json_object_unref);
  g_free (integration);
}

void
quorum_api_health_free (QuorumApiHealth *health)
{
  if (health == NULL)
    return;
  g_free (health->status);
  g_free (health);
}

/* ---- Parsers (node is the 2xx body, or NULL for an empty one) ----------- */

typedef gpointer (*ParseFunc) (JsonNode *node, guint status, gsize expected, GError **error);

static gpointer
parse_tokens (JsonNode  *node,
              guint      status,
              gsize      refresh_required,
              GError   **error)
{
  JsonObject *o = root_object (node);
  const char *access, *refresh;
  QuorumApiTokens *tokens;

  if (o == NULL)
    return bad (error, "the token answer is not an object"), NULL;
  if (!get_string (o, "access", REQUIRED, &access) || *access == '\0')
    return bad (error, "no access token"), NULL;
  /* A SimpleJWT without rotation sends no new refresh token on refresh. */
  if (!get_string (o, "refresh", refresh_required ? REQUIRED : OPTIONAL, &refresh) ||
      (refresh != NULL && *refresh == '\0'))
    return bad (error, "no refresh token"), NULL;

  tokens = g_new0 (QuorumApiTokens, 1);
  tokens->access = g_strdup (access);
  tokens->refresh = g_strdup (refresh);
  return tokens;
}

static gpointer
parse_true (JsonNode  *node,
            guint      status,
            gsize      unused,
            GError   **error)
{
  return GINT_TO_POINTER (1);
}

static gpointer
parse_me (JsonNode  *node,
          guint      status,
          gsize      unused,
          GError   **error)
{
  JsonObject *o = root_object (node);
  const char *username;
  gint64 id;

  if (o == NULL || !get_id (o, "id", REQUIRED, &id) ||
      !get_string (o, "username", REQUIRED, &username))
    return bad (error, "the user object lacks id or username"), NULL;
  return json_object_ref (o);
}

static gboolean
entity_type_from_string (const char       *s,
                         QuorumEntityType *out)
{
  if (g_str_equal (s, "meeting"))
    *out = QUORUM_ENTITY_MEETING;
  else if (g_str_equal (s, "room"))
    *out = QUORUM_ENTITY_ROOM;
  else if (g_str_equal (s, "user"))
    *out = QUORUM_ENTITY_USER;
  else
    return FALSE;
  return TRUE;
}

static gpointer
parse_pull (JsonNode  *node,
            guint      status,
            gsize      unused,
            GError   **error)
{
  JsonObject *o = root_object (node);
  g_autoptr(QuorumApiPullPage) page = NULL;
  JsonArray *changes;
  const char *cursor, *sync_time;
  gboolean has_more;
  guint n;

  if (o == NULL)
    return bad (error, "the page is not an object"), NULL;
  if (!get_array (o, "changes", REQUIRED, &changes))
    return bad (error, "the page has no changes array"), NULL;
  if (!get_string (o, "cursor", OPTIONAL, &cursor) ||
      !get_bool (o, "has_more", REQUIRED, &has_more) ||
      !get_string (o, "sync_time", OPTIONAL, &sync_time))
    return bad (error, "cursor, has_more or sync_time of the wrong type"), NULL;
  /* A next page can only be asked for with a cursor. */
  if (has_more && cursor == NULL)
    return bad (error, "has_more without a cursor"), NULL;

  page = g_new0 (QuorumApiPullPage, 1);
  page->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  page->cursor = g_strdup (cursor);
  page->has_more = has_more;
  page->sync_time = g_strdup (sync_time);

  n = json_array_get_length (changes);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = array_object (changes, i);
      const char *type, *modified_at;
      QuorumEntityType entity_type;
      QuorumApiChange *change;
      JsonObject *data;
      gboolean deleted;
      gint64 id;

      if (c == NULL || !get_string (c, "entity_type", REQUIRED, &type))
        return bad (error, "a change without entity_type"), NULL;
      if (!entity_type_from_string (type, &entity_type))
        continue;
      if (!get_id (c, "entity_id", REQUIRED, &id) ||
          !get_string (c, "modified_at", REQUIRED, &modified_at) ||
          !get_bool (c, "is_deleted", REQUIRED, &deleted) ||
          !get_object (c, "data", deleted ? OPTIONAL : REQUIRED, &data))
        return bad (error, "a change with a missing or mistyped member"), NULL;

      change = g_new0 (QuorumApiChange, 1);
      change->entity_type = entity_type;
      change->entity_id = id;
      change->modified_at = g_strdup (modified_at);
      change->is_deleted = deleted;
      change->data = deleted ? NULL : json_object_ref (data);
      g_ptr_array_add (page->changes, change);
    }
  return g_steal_pointer (&page);
}

static gboolean
push_status_from_string (const char       *s,
                         QuorumPushStatus *out)
{
  if (g_str_equal (s, "applied"))
    *out = QUORUM_PUSH_APPLIED;
  else if (g_str_equal (s, "conflict"))
    *out = QUORUM_PUSH_CONFLICT;
  else if (g_str_equal (s, "rejected"))
    *out = QUORUM_PUSH_REJECTED;
  else
    return FALSE;
  return TRUE;
}

static gpointer
parse_push (JsonNode  *node,
            guint      status,
            gsize      n_sent,
            GError   **error)
{
  JsonObject *o = root_object (node);
  g_autoptr(QuorumApiPushAnswer) answer = NULL;
  JsonArray *results, *conflicts;
  guint n;

  if (o == NULL || !get_array (o, "results", REQUIRED, &results))
    return bad (error, "the push answer has no results array"), NULL;
  if (!get_array (o, "conflicts", OPTIONAL, &conflicts))
    return bad (error, "conflicts is not an array"), NULL;
  n = json_array_get_length (results);
  if (n != n_sent)
    return bad (error, "the push answer does not have one result per change"), NULL;

  answer = g_new0 (QuorumApiPushAnswer, 1);
  answer->status = status;
  answer->results = g_ptr_array_new_with_free_func ((GDestroyNotify) push_result_free);
  answer->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *r = array_object (results, i);
      const char *change_id, *status_string, *modified_at;
      QuorumApiPushResult *result;
      QuorumPushStatus push_status;
      JsonObject *data, *err;
      gboolean duplicate;
      gint64 entity_id;
      gboolean applied;

      if (r == NULL || !get_string (r, "change_id", REQUIRED, &change_id) ||
          !get_string (r, "status", REQUIRED, &status_string) ||
          !push_status_from_string (status_string, &push_status))
        return bad (error, "a push result without change_id or a known status"), NULL;
      applied = push_status == QUORUM_PUSH_APPLIED;
      if (!get_id (r, "entity_id", applied ? REQUIRED : OPTIONAL, &entity_id) ||
          !get_string (r, "modified_at", applied ? REQUIRED : OPTIONAL, &modified_at) ||
          !get_object (r, "data", OPTIONAL, &data) ||
          !get_bool (r, "duplicate", OPTIONAL, &duplicate) ||
          !get_object (r, "error", OPTIONAL, &err))
        return bad (error, "a push result with a missing or mistyped member"), NULL;

      result = g_new0 (QuorumApiPushResult, 1);
      result->change_id = g_strdup (change_id);
      result->status = push_status;
      result->entity_id = entity_id;
      result->modified_at = g_strdup (modified_at);
      result->data = ref_or_null (data);
      result->duplicate = duplicate;
      result->error = ref_or_null (err);
      g_ptr_array_add (answer->results, result);
    }

  n = conflicts ? json_array_get_length (conflicts) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = array_object (conflicts, i);
      const char *change_id, *entity_type, *server_version, *local_version;
      QuorumApiConflict *conflict;
      JsonObject *server_data;
      gint64 entity_id;

      if (c == NULL || !get_string (c, "change_id", REQUIRED, &change_id) ||
          !get_id (c, "entity_id", REQUIRED, &entity_id) ||
          !get_string (c, "entity_type", OPTIONAL, &entity_type) ||
          !get_string (c, "server_version", OPTIONAL, &server_version) ||
          !get_string (c, "local_version", OPTIONAL, &local_version) ||
          !get_object (c, "server_data", OPTIONAL, &server_data))
        return bad (error, "a conflict with a missing or mistyped member"), NULL;

      conflict = g_new0 (QuorumApiConflict, 1);
      conflict->change_id = g_strdup (change_id);
      conflict->entity_id = entity_id;
      conflict->entity_type = g_strdup (entity_type);
      conflict->server_version = g_strdup (server_version);
      conflict->local_version = g_strdup (local_version);
      conflict->server_data = ref_or_null (server_data);
      conflict->raw = json_object_ref (c);
      g_ptr_array_add (answer->conflicts, conflict);
    }
  return g_steal_pointer (&answer);
}

static gpointer
parse_resolve (JsonNode  *node,
               guint      status,
               gsize      unused,
               GError   **error)
{
  JsonObject *o = root_object (node);
  QuorumApiResolveAnswer *answer;
  JsonObject *data, *created;
  const char *status_string;
  gboolean duplicate;

  if (o == NULL || !get_string (o, "status", REQUIRED, &status_string) ||
      !get_object (o, "data", OPTIONAL, &data) ||
      !get_object (o, "created", OPTIONAL, &created) ||
      !get_bool (o, "duplicate", OPTIONAL, &duplicate))
    return bad (error, "the resolve answer has a missing or mistyped member"), NULL;

  answer = g_new0 (QuorumApiResolveAnswer, 1);
  answer->status = g_strdup (status_string);
  answer->data = ref_or_null (data);
  answer->created = ref_or_null (created);
  answer->duplicate = duplicate;
  return answer;
}

static gpointer
parse_check (JsonNode  *node,
             guint      status,
             gsize      unused,
             GError   **error)
{
  JsonObject *o = root_object (node);
  gboolean ok;

  if (o == NULL || !get_bool (o, "ok", REQUIRED, &ok) || !ok)
    return bad (error, "the check answer is not {\"ok\": true}"), NULL;
  return GINT_TO_POINTER (1);
}

static gboolean
busy_list_ok (JsonObject *owner)
{
  JsonArray *busy;

  if (!get_array (owner, "busy", REQUIRED, &busy))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (busy); i++)
    {
      JsonObject *b = array_object (busy, i);
      const char *start, *end, *title, *source;
      gint64 meeting_id;

      if (b == NULL || !get_string (b, "start", REQUIRED, &start) ||
          !get_string (b, "end", REQUIRED, &end) ||
          !get_id (b, "meeting_id", OPTIONAL, &meeting_id) ||
          !get_string (b, "title", OPTIONAL, &title) ||
          !get_string (b, "source", OPTIONAL, &source))
        return FALSE;
    }
  return TRUE;
}

static gpointer
parse_freebusy (JsonNode  *node,
                guint      status,
                gsize      unused,
                GError   **error)
{
  JsonObject *o = root_object (node);
  static const char *const lists[] = { "users", "rooms" };
  static const char *const keys[] = { "user_id", "room_id" };

  if (o == NULL)
    return bad (error, "the free/busy answer is not an object"), NULL;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *array;

      if (!get_array (o, lists[l], OPTIONAL, &array))
        return bad (error, "free/busy users or rooms is not an array"), NULL;
      for (guint i = 0; array && i < json_array_get_length (array); i++)
        {
          JsonObject *entry = array_object (array, i);
          gint64 id;

          if (entry == NULL || !get_id (entry, keys[l], REQUIRED, &id) || !busy_list_ok (entry))
            return bad (error, "a free/busy entry with a missing or mistyped member"), NULL;
        }
    }
  return json_object_ref (o);
}

static gpointer
parse_integrations (JsonNode  *node,
                    guint      status,
                    gsize      unused,
                    GError   **error)
{
  JsonObject *o = root_object (node);
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *array;

  if (o == NULL || !get_array (o, "integrations", REQUIRED, &array))
    return bad (error, "no integrations array"), NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_api_integration_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = array_object (array, i);
      const char *provider, *status_string, *last_sync;
      QuorumApiIntegration *integration;
      JsonObject *err;

      if (entry == NULL || !get_string (entry, "provider", REQUIRED, &provider) ||
          !get_string (entry, "status", REQUIRED, &status_string) ||
          !get_string (entry, "last_sync", OPTIONAL, &last_sync) ||
          !get_object (entry, "error", OPTIONAL, &err))
        return bad (error, "an integration with a missing or mistyped member"), NULL;
      integration = g_new0 (QuorumApiIntegration, 1);
      integration->provider = g_strdup (provider);
      integration->status = g_strdup (status_string);
      integration->last_sync = g_strdup (last_sync);
      integration->error = ref_or_null (err);
      g_ptr_array_add (list, integration);
    }
  return g_steal_pointer (&list);
}

static gpointer
parse_reauthorize (JsonNode  *node,
                   guint      status,
                   gsize      unused,
                   GError   **error)
{
  JsonObject *o = root_object (node);
  const char *url;

  if (o == NULL || !get_string (o, "authorization_url", REQUIRED, &url))
    return bad (error, "no authorization_url"), NULL;
  if (!url_is_safe (url))
    return bad (error, "the authorization URL is not https"), NULL;
  return g_strdup (url);
}

static gpointer
parse_status_string (JsonNode  *node,
                     guint      status,
                     gsize      unused,
                     GError   **error)
{
  JsonObject *o = root_object (node);
  const char *s;

  if (o == NULL || !get_string (o, "status", REQUIRED, &s))
    return bad (error, "no status"), NULL;
  return g_strdup (s);
}

static gpointer
parse_health (JsonNode  *node,
              guint      status,
              gsize      unused,
              GError   **error)
{
  JsonObject *o = root_object (node);
  const char *s, *server_time;
  QuorumApiHealth *health;

  if (o == NULL || !get_string (o, "status", REQUIRED, &s) ||
      !get_string (o, "server_time", OPTIONAL, &server_time))
    return bad (error, "the health answer has a missing or mistyped member"), NULL;
  health = g_new0 (QuorumApiHealth, 1);
  health->status = g_strdup (s);
  if (server_time == NULL || !quorum_time_parse_rfc3339 (server_time, &health->server_time))
    health->server_time = 0;
  return health;
}

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
  endpoint_call (self, quorum_api_login_async, parse_tokens,
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

  endpoint_call (self, quorum_api_refresh_async, parse_tokens,
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

  endpoint_call (self, quorum_api_blacklist_async, parse_true, NULL, 0,
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
  endpoint_call (self, quorum_api_me_async, parse_me, (GDestroyNotify) json_object_unref, 0,
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

  endpoint_call (self, quorum_api_pull_async, parse_pull,
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

  endpoint_call (self, quorum_api_push_async, parse_push,
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

  endpoint_call (self, quorum_api_resolve_async, parse_resolve,
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

  endpoint_call (self, quorum_api_check_async, parse_check, NULL, 0,
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

  endpoint_call (self, quorum_api_freebusy_async, parse_freebusy,
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
  endpoint_call (self, quorum_api_integrations_async, parse_integrations,
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

  endpoint_call (self, quorum_api_reauthorize_async, parse_reauthorize, g_free, 0,
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

  endpoint_call (self, quorum_api_integration_sync_async, parse_status_string, g_free, 0,
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
  endpoint_call (self, quorum_api_health_async, parse_health,
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
