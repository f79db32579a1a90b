/* quorum-store-directory.c — rooms, users and the free/busy cache */
#include "quorum-store-private.h"

static gboolean
get_int (JsonObject *o,
         const char *member,
         gint64     *out)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static const char *
get_str (JsonObject *o,
         const char *member)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
get_bool (JsonObject *o,
          const char *member,
          gboolean    fallback)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (n);
}

static char *
object_to_string (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, o);
  return json_to_string (node, FALSE);
}

static gboolean
bad_entity (GError    **error,
            const char *what)
{
  g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
               "%s without a positive integer id", what);
  return FALSE;
}

gboolean
quorum_store_upsert_room (QuorumStore *self,
                          JsonObject  *room,
                          GError     **error)
{
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0, capacity = 0;
  gboolean ok = FALSE;

  if (!get_int (room, "id", &id) || id <= 0)
    return bad_entity (error, "room");
  json = object_to_string (room);

  STORE_LOCK (self);
  stmt = store_prepare (self,
    "INSERT OR REPLACE INTO rooms (id, name, capacity, is_active, modified_at, json, generation)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, get_str (room, "name") ? get_str (room, "name") : "", -1, SQLITE_STATIC);
      if (get_int (room, "capacity", &capacity))
        sqlite3_bind_int64 (stmt, 3, capacity);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int (stmt, 4, get_bool (room, "is_active", TRUE));
      store_bind_text_or_null (stmt, 5, get_str (room, "modified_at"));
      sqlite3_bind_text (stmt, 6, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, self->generation);
      ok = store_step_done (self, stmt, error);
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return ok;
}

gboolean
quorum_store_upsert_user (QuorumStore *self,
                          JsonObject  *user,
                          GError     **error)
{
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok = FALSE;

  if (!get_int (user, "id", &id) || id <= 0)
    return bad_entity (error, "user");
  json = object_to_string (user);

  STORE_LOCK (self);
  stmt = store_prepare (self,
    "INSERT OR REPLACE INTO users (id, username, name, is_active, modified_at, json, generation)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, get_str (user, "username") ? get_str (user, "username") : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, get_str (user, "name") ? get_str (user, "name") : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, get_bool (user, "is_active", TRUE));
      store_bind_text_or_null (stmt, 5, get_str (user, "modified_at"));
      sqlite3_bind_text (stmt, 6, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, self->generation);
      ok = store_step_done (self, stmt, error);
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return ok;
}

static GPtrArray *
list_json (QuorumStore *self,
           const char  *sql,
           gint64       id,
           GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, sql, error);
  if (stmt)
    {
      out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      if (id > 0)
        sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
          if (node && JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (out, json_object_ref (json_node_get_object (node)));
        }
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return out;
}

GPtrArray *
quorum_store_list_rooms (QuorumStore *self,
                         GError     **error)
{
  return list_json (self, "SELECT json FROM rooms ORDER BY name, id", 0, error);
}

GPtrArray *
quorum_store_list_users (QuorumStore *self,
                         GError     **error)
{
  return list_json (self, "SELECT json FROM users ORDER BY name, id", 0, error);
}

static JsonObject *
get_json (QuorumStore *self,
          const char  *sql,
          gint64       id)
{
  g_autoptr(GPtrArray) all = list_json (self, sql, id, NULL);

  if (all == NULL || all->len == 0)
    return NULL;
  return json_object_ref (g_ptr_array_index (all, 0));
}

JsonObject *
quorum_store_get_room (QuorumStore *self,
                       gint64       id)
{
  return get_json (self, "SELECT json FROM rooms WHERE id = ?", id);
}

JsonObject *
quorum_store_get_user (QuorumStore *self,
                       gint64       id)
{
  return get_json (self, "SELECT json FROM users WHERE id = ?", id);
}

gboolean
quorum_store_put_freebusy (QuorumStore *self,
                           const char  *query_key,
                           const char  *answer_json,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  STORE_LOCK (self);
  stmt = store_prepare (self,
    "INSERT OR REPLACE INTO freebusy_cache (query_key, answer, fetched_at) VALUES (?, ?, ?)", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, query_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, answer_json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      ok = store_step_done (self, stmt, error);
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return ok;
}

char *
quorum_store_get_freebusy (QuorumStore *self,
                           const char  *query_key,
                           gint64      *out_fetched_at)
{
  sqlite3_stmt *stmt;
  char *answer = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT answer, fetched_at FROM freebusy_cache WHERE query_key = ?", NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, query_key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          answer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          if (out_fetched_at)
            *out_fetched_at = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return answer;
}
