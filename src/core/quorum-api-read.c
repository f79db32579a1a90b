/* quorum-api-read.c — the defensive readers of the contract's answers
 *
 * Each answer is checked member by member before anything of it is handed
 * on: a member of the wrong type fails the whole answer as BAD_RESPONSE,
 * never half of it.  Unknown members are ignored (forward compatibility).
 * The endpoints (quorum-api-endpoints.c) pair each request with one of
 * these readers.
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

gpointer
quorum_api_read_tokens (JsonNode  *node,
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

gpointer
quorum_api_read_true (JsonNode  *node,
                      guint      status,
                      gsize      unused,
                      GError   **error)
{
  return GINT_TO_POINTER (1);
}

gpointer
quorum_api_read_me (JsonNode  *node,
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

gpointer
quorum_api_read_pull (JsonNode  *node,
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

gpointer
quorum_api_read_push (JsonNode  *node,
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

gpointer
quorum_api_read_resolve (JsonNode  *node,
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

gpointer
quorum_api_read_check (JsonNode  *node,
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

gpointer
quorum_api_read_freebusy (JsonNode  *node,
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

gpointer
quorum_api_read_integrations (JsonNode  *node,
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

gpointer
quorum_api_read_reauthorize (JsonNode  *node,
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

gpointer
quorum_api_read_status_string (JsonNode  *node,
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

gpointer
quorum_api_read_health (JsonNode  *node,
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
