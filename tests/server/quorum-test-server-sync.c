/* quorum-test-server-sync.c — pull (the ordered change feed), push (per
 * change results, idempotent by client_id + change_id) and resolve. */


#include <stdio.h>
#include <string.h>

#include "quorum-test-server-private.h"

JsonObject *
ts_copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = json_node_copy (node);

  return json_node_dup_object (copy);
}

char *
ts_seen_key (const char *client_id,
          const char *change_id)
{
  return g_strconcat (client_id, "\037", change_id, NULL);
}

gboolean
ts_member_bool (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

const char *
ts_member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Pull */

static char *
encode_cursor (guint  generation,
               guint  pos)
{
  g_autofree char *plain = g_strdup_printf ("v1:%u:%u", generation, pos);
  char *text = g_base64_encode ((const guchar *) plain, strlen (plain));

  for (char *p = text; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
    else if (*p == '=')
      *p = '\0';
  return text;
}

static gboolean
decode_cursor (const char *text,
               guint      *generation,
               guint      *pos)
{
  g_autoptr(GString) b64 = g_string_new (text);
  g_autofree guchar *plain = NULL;
  g_autofree char *terminated = NULL;
  gsize len;
  int n = 0;

  if (strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != strlen (text))
    return FALSE;
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  plain = g_base64_decode (b64->str, &len);
  terminated = g_strndup ((const char *) plain, len);
  return sscanf (terminated, "v1:%u:%u%n", generation, pos, &n) == 2 &&
         (gsize) n == strlen (terminated);
}

static gboolean
entry_is_live (QuorumTestServer *self,
               guint             pos)
{
  const TsLogEntry *entry = &g_array_index (self->log, TsLogEntry, pos);

  switch (entry->type)
    {
    case TS_ENTITY_MEETING:
      return ts_meeting_lookup (self, entry->id)->log_pos == pos;
    case TS_ENTITY_ROOM:
      return ts_room_lookup (self, entry->id)->log_pos == pos;
    case TS_ENTITY_USER:
      return ts_user_lookup (self, entry->id)->log_pos == pos;
    default:
      return FALSE;
    }
}

static JsonObject *
feed_change (QuorumTestServer *self,
             guint             pos)
{
  const TsLogEntry *entry = &g_array_index (self->log, TsLogEntry, pos);
  JsonObject *change = json_object_new ();
  g_autofree char *modified = NULL;
  gint64 version = 0;
  JsonObject *data = NULL;

  switch (entry->type)
    {
    case TS_ENTITY_MEETING:
      {
        TsMeeting *m = ts_meeting_lookup (self, entry->id);

        json_object_set_string_member (change, "entity_type", "meeting");
        version = m->modified_at;
        if (!m->deleted)
          data = ts_meeting_to_json (m);
      }
      break;
    case TS_ENTITY_ROOM:
      json_object_set_string_member (change, "entity_type", "room");
      version = ts_room_lookup (self, entry->id)->modified_at;
      data = ts_room_to_json (ts_room_lookup (self, entry->id));
      break;
    default:
      json_object_set_string_member (change, "entity_type", "user");
      version = ts_user_lookup (self, entry->id)->modified_at;
      data = ts_user_to_json (ts_user_lookup (self, entry->id));
      break;
    }
  modified = quorum_test_server_format_time (version);
  json_object_set_int_member (change, "entity_id", entry->id);
  json_object_set_string_member (change, "modified_at", modified);
  json_object_set_boolean_member (change, "is_deleted", data == NULL);
  if (data != NULL)
    json_object_set_object_member (change, "data", data);
  else
    json_object_set_null_member (change, "data");
  return change;
}

void
ts_handle_pull (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  const char *limit_text = req->query ? g_hash_table_lookup (req->query, "limit") : NULL;
  const char *cursor_text = req->query ? g_hash_table_lookup (req->query, "cursor") : NULL;
  guint64 limit = 500;
  guint generation = self->cursor_generation, pos = 0, next, n = 0;
  gboolean has_more = FALSE;
  JsonObject *answer;
  JsonArray *changes;
  g_autofree char *cursor = NULL;
  g_autofree char *now = NULL;

  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, 1000, &limit, NULL))
    {
      ts_reply (req, 400, ts_validation_error ("limit", "1 ile 1000 arasında bir tam sayı girin."));
      return;
    }
  if (cursor_text != NULL && cursor_text[0] != '\0')
    {
      if (!decode_cursor (cursor_text, &generation, &pos) || pos > self->log->len)
        {
          ts_reply (req, 400, ts_validation_error ("cursor", "Geçersiz imleç."));
          return;
        }
      if (generation != self->cursor_generation ||
          (self->faults.cursor_retention > 0 && self->log->len - pos > self->faults.cursor_retention))
        {
          ts_count (self, "cursor_expired", 1);
          ts_reply_error (req, 410, "cursor_expired",
                          "Senkronizasyon imleci geçersiz; tam senkronizasyon gerekli");
          return;
        }
    }

  changes = json_array_sized_new (MIN (limit, 1000));
  for (next = pos; next < self->log->len && n < limit; next++)
    if (entry_is_live (self, next))
      {
        json_array_add_object_element (changes, feed_change (self, next));
        n++;
      }
  for (guint i = next; i < self->log->len && !has_more; i++)
    has_more = entry_is_live (self, i);

  ts_count (self, "pull_changes", n);
  cursor = encode_cursor (generation, next);
  now = quorum_test_server_format_time (g_get_real_time ());
  answer = json_object_new ();
  json_object_set_array_member (answer, "changes", changes);
  json_object_set_string_member (answer, "cursor", cursor);
  json_object_set_boolean_member (answer, "has_more", has_more);
  json_object_set_string_member (answer, "sync_time", now);
  ts_reply (req, 200, answer);
}

/* Push */

static JsonObject *
result_new (JsonObject *change,
            const char *status)
{
  JsonObject *result = json_object_new ();
  JsonNode *id = json_object_get_member (change, "id");

  json_object_set_string_member (result, "change_id", ts_member_string (change, "change_id"));
  if (id != NULL)
    json_object_set_member (result, "id", json_node_copy (id));
  else
    json_object_set_null_member (result, "id");
  json_object_set_string_member (result, "status", status);
  json_object_set_boolean_member (result, "duplicate", FALSE);
  return result;
}

static JsonObject *
rejected (JsonObject *change,
          JsonObject *error)
{
  JsonObject *result = result_new (change, "rejected");

  json_object_set_object_member (result, "error", error);
  return result;
}

static JsonObject *
applied (JsonObject *change,
         TsMeeting  *m)
{
  JsonObject *result = result_new (change, "applied");
  g_autofree char *modified = quorum_test_server_format_time (m->modified_at);

  json_object_set_int_member (result, "entity_id", m->id);
  json_object_set_string_member (result, "modified_at", modified);
  if (m->deleted)
    json_object_set_null_member (result, "data");
  else
    json_object_set_object_member (result, "data", ts_meeting_to_json (m));
  return result;
}

JsonObject *
ts_conflict_entry (const char *change_id,
                TsMeeting  *m,
                const char *local_version)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *server_version = quorum_test_server_format_time (m->modified_at);

  json_object_set_string_member (entry, "change_id", change_id);
  json_object_set_int_member (entry, "entity_id", m->id);
  json_object_set_string_member (entry, "entity_type", "meeting");
  json_object_set_string_member (entry, "server_version", server_version);
  json_object_set_string_member (entry, "local_version", local_version);
  if (m->deleted)
    json_object_set_null_member (entry, "server_data");
  else
    json_object_set_object_member (entry, "server_data", ts_meeting_to_json (m));
  return entry;
}

static JsonObject *
handle_change (QuorumTestServer *self,
               TsUser           *user,
               JsonObject       *change,
               JsonObject      **out_conflict)
{
  const char *type = ts_member_string (change, "entity_type");
  const char *action = ts_member_string (change, "action");
  JsonNode *data_node = json_object_get_member (change, "data");
  JsonObject *data = data_node && JSON_NODE_HOLDS_OBJECT (data_node) ? json_node_get_object (data_node) : NULL;
  gboolean ignore = ts_member_bool (change, "ignore_unavailable") || ts_member_bool (data, "ignore_unavailable");
  const char *base_text;
  TsMeeting *m, *draft = NULL;
  JsonObject *error;
  gint64 id, base;
  guint status;

  if (type == NULL || !g_str_equal (type, "meeting"))
    return rejected (change, ts_validation_error ("entity_type", "Yalnızca toplantılar değiştirilebilir."));
  if (action == NULL ||
      !(g_str_equal (action, "create") || g_str_equal (action, "update") || g_str_equal (action, "delete")))
    return rejected (change, ts_validation_error ("action", "Geçersiz işlem."));

  if (g_str_equal (action, "create"))
    {
      if (ts_member_string (change, "id") == NULL)
        return rejected (change, ts_validation_error ("id", "Geçici bir kimlik (local_...) gerekli."));
      if (data == NULL)
        return rejected (change, ts_validation_error ("data", "Bu alan zorunludur."));
      error = ts_meeting_prepare (self, NULL, user->id, data, TRUE, ignore, 0, 0, &draft, &status);
      if (error != NULL)
        return rejected (change, error);
      return applied (change, ts_meeting_commit (self, draft));
    }

  if (!ts_get_int (change, "id", &id))
    return rejected (change, ts_validation_error ("id", "Geçerli bir tam sayı girin."));
  m = ts_meeting_lookup (self, id);
  if (m == NULL)
    return rejected (change, ts_error_new ("not_found", "Toplantı bulunamadı"));
  base_text = ts_member_string (change, "base_modified_at");
  if (base_text == NULL || !quorum_test_server_parse_time (base_text, &base))
    return rejected (change, ts_validation_error ("base_modified_at", "Geçerli bir sürüm gerekli."));
  if (m->deleted || base != m->modified_at)
    {
      *out_conflict = ts_conflict_entry (ts_member_string (change, "change_id"), m, base_text);
      return result_new (change, "conflict");
    }
  if (m->organizer_id != user->id)
    return rejected (change, ts_error_new ("permission_denied",
                                           "Bu toplantıyı yalnızca düzenleyeni değiştirebilir"));
  if (g_str_equal (action, "delete"))
    {
      ts_meeting_remove (self, m);
      return applied (change, m);
    }
  if (data == NULL)
    return rejected (change, ts_validation_error ("data", "Bu alan zorunludur."));
  error = ts_meeting_prepare (self, m, m->organizer_id, data, TRUE, ignore, m->id, 0, &draft, &status);
  if (error != NULL)
    return rejected (change, error);
  return applied (change, ts_meeting_commit (self, draft));
}

static const char *
entity_type_of (JsonObject *change)
{
  const char *type = ts_member_string (change, "entity_type");

  return type != NULL ? type : "";
}

/* The request as a whole must be well formed before any change runs, so a
 * malformed batch never half-applies. */
static gboolean
check_batch (TsRequest   *req,
             JsonObject  *body,
             const char **client_id,
             JsonArray  **changes)
{
  JsonNode *node = json_object_get_member (body, "changes");
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *client_id = ts_member_string (body, "client_id");
  if (*client_id == NULL || (*client_id)[0] == '\0')
    {
      ts_reply (req, 400, ts_validation_error ("client_id", "Bu alan zorunludur."));
      return FALSE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_reply (req, 400, ts_validation_error ("changes", "Bir liste bekleniyordu."));
      return FALSE;
    }
  *changes = json_node_get_array (node);
  if (json_array_get_length (*changes) > 100)
    {
      ts_reply (req, 400, ts_validation_error ("changes", "Bir istekte en fazla 100 değişiklik olabilir."));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (*changes); i++)
    {
      JsonNode *element = json_array_get_element (*changes, i);
      JsonObject *change;
      JsonNode *id;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          ts_member_string (change = json_node_get_object (element), "change_id") == NULL)
        {
          ts_reply (req, 400, ts_validation_error ("changes", "Her değişikliğin bir change_id'si olmalı."));
          return FALSE;
        }
      id = json_object_get_member (change, "id");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
        continue;
      if (json_node_get_value_type (id) == G_TYPE_INT64)
        key = g_strdup_printf ("%s\037%" G_GINT64_FORMAT,
                               entity_type_of (change), json_node_get_int (id));
      else if (json_node_get_value_type (id) == G_TYPE_STRING)
        key = g_strdup_printf ("%s\037%s", entity_type_of (change),
                               json_node_get_string (id));
      else
        continue;
      if (!g_hash_table_add (entities, key))
        {
          ts_reply (req, 400, ts_validation_error ("changes", "Bir istekte her varlık için tek değişiklik olabilir."));
          return FALSE;
        }
    }
  return TRUE;
}

void
ts_handle_push (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  JsonObject *body, *answer;
  JsonArray *changes, *results, *conflicts;
  const char *client_id;

  if (!ts_require_body_object (req, &body) || !check_batch (req, body, &client_id, &changes))
    return;

  ts_count (self, "push_changes", json_array_get_length (changes));
  results = json_array_new ();
  conflicts = json_array_new ();
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      g_autofree char *key = ts_seen_key (client_id, ts_member_string (change, "change_id"));
      JsonObject *seen = g_hash_table_lookup (self->push_seen, key);
      JsonObject *result, *conflict = NULL;

      if (seen != NULL)
        {
          ts_count (self, "push_duplicates", 1);
          result = ts_copy_object (json_object_get_object_member (seen, "result"));
          json_object_set_boolean_member (result, "duplicate", TRUE);
          if (json_object_has_member (seen, "conflict"))
            json_array_add_object_element (conflicts,
                                           ts_copy_object (json_object_get_object_member (seen, "conflict")));
          json_array_add_object_element (results, result);
          continue;
        }

      result = handle_change (self, req->user, change, &conflict);
      seen = json_object_new ();
      json_object_set_object_member (seen, "result", ts_copy_object (result));
      if (conflict != NULL)
        {
          json_object_set_object_member (seen, "conflict", ts_copy_object (conflict));
          json_array_add_object_element (conflicts, conflict);
        }
      g_hash_table_insert (self->push_seen, g_steal_pointer (&key), seen);
      {
        g_autofree char *name = g_strconcat ("push_", json_object_get_string_member (result, "status"), NULL);

        ts_count (self, name, 1);
      }
      json_array_add_object_element (results, result);
    }

  answer = json_object_new ();
  json_object_set_array_member (answer, "results", results);
  if (json_array_get_length (conflicts) > 0)
    {
      json_object_set_string_member (answer, "code", "sync_conflict");
      json_object_set_string_member (answer, "message", "Veri çakışması tespit edildi");
      json_object_set_array_member (answer, "conflicts", conflicts);
      ts_reply (req, 409, answer);
    }
  else
    {
      json_array_unref (conflicts);
      ts_reply (req, 200, answer);
    }
}
