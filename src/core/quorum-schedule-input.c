/* quorum-schedule-input.c — feeding a QuorumSchedule from replica
 * meetings and cached free/busy answers
 *
 * The free/busy answer comes from a server, so it is checked whole before
 * anything is added: a bad entry half-way must not leave half a calendar.
 */
#include "config.h"

#include "quorum-schedule-private.h"
#include "quorum-time.h"

G_DEFINE_QUARK (quorum-schedule-error-quark, quorum_schedule_error)

void
quorum_schedule_add_meeting (QuorumSchedule      *self,
                             const QuorumMeeting *meeting)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (meeting != NULL);

  if (g_strcmp0 (meeting->status, "CANCELLED") == 0)
    return;

  for (guint i = 0; meeting->participant_ids != NULL && i < meeting->participant_ids->len; i++)
    {
      gint64 id = g_array_index (meeting->participant_ids, gint64, i);

      if (g_hash_table_contains (self->people_by_id, &id))
        quorum_schedule_add_person_busy (self, id, meeting->start_time, meeting->end_time,
                                         meeting->id);
    }
  if (meeting->room_id != 0 && g_hash_table_contains (self->rooms_by_id, &meeting->room_id))
    quorum_schedule_add_room_busy (self, meeting->room_id, meeting->start_time,
                                   meeting->end_time, meeting->id);
}

typedef struct {
  gboolean is_room;
  gint64   owner;
  gint64   start;
  gint64   end;
  gint64   meeting_id;
} Entry;

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, QUORUM_SCHEDULE_ERROR, QUORUM_SCHEDULE_ERROR_MALFORMED,
               "Malformed free/busy answer: %s", what);
  return FALSE;
}

static gboolean
get_time (JsonObject *object,
          const char *member,
          gint64     *out_us)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         quorum_time_parse_rfc3339 (json_node_get_string (node), out_us);
}

static gboolean
get_id (JsonObject *object,
        const char *member,
        gboolean    nullable,
        gint64     *out_id)
{
  JsonNode *node = json_object_get_member (object, member);

  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    {
      *out_id = 0;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out_id = json_node_get_int (node);
  return *out_id > 0;
}

/* Collects the entries of "users" or "rooms"; a missing list is empty. */
static gboolean
collect (JsonObject *answer,
         gboolean    rooms,
         GArray     *entries,
         GArray     *owners,
         GError    **error)
{
  const char *list_name = rooms ? "rooms" : "users";
  const char *id_name = rooms ? "room_id" : "user_id";
  JsonNode *list_node = json_object_get_member (answer, list_name);
  JsonArray *list;

  if (list_node == NULL || JSON_NODE_HOLDS_NULL (list_node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list_node))
    return malformed (error, list_name);

  list = json_node_get_array (list_node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      JsonObject *object;
      JsonNode *busy_node;
      JsonArray *busy;
      gint64 owner;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return malformed (error, list_name);
      object = json_node_get_object (item);
      if (!get_id (object, id_name, FALSE, &owner))
        return malformed (error, id_name);
      g_array_append_val (owners, owner);

      busy_node = json_object_get_member (object, "busy");
      if (busy_node == NULL || JSON_NODE_HOLDS_NULL (busy_node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (busy_node))
        return malformed (error, "busy");
      busy = json_node_get_array (busy_node);

      for (guint j = 0; j < json_array_get_length (busy); j++)
        {
          JsonNode *b = json_array_get_element (busy, j);
          Entry e = { rooms, owner, 0, 0, 0 };

          if (!JSON_NODE_HOLDS_OBJECT (b) ||
              !get_time (json_node_get_object (b), "start", &e.start) ||
              !get_time (json_node_get_object (b), "end", &e.end) ||
              !get_id (json_node_get_object (b), "meeting_id", TRUE, &e.meeting_id))
            return malformed (error, "busy entry");
          g_array_append_val (entries, e);
        }
    }
  return TRUE;
}

gboolean
quorum_schedule_add_freebusy_json (QuorumSchedule *self,
                                   JsonObject     *answer,
                                   GError        **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) users = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start, end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  if (!get_time (answer, "start", &start) || !get_time (answer, "end", &end))
    return malformed (error, "start or end");
  if (!collect (answer, FALSE, entries, users, error) ||
      !collect (answer, TRUE, entries, rooms, error))
    return FALSE;

  for (guint i = 0; i < users->len; i++)
    {
      gint64 id = g_array_index (users, gint64, i);

      if (g_hash_table_contains (self->people_by_id, &id))
        quorum_schedule_add_person_known (self, id, start, end);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (e->is_room && g_hash_table_contains (self->rooms_by_id, &e->owner))
        quorum_schedule_add_room_busy (self, e->owner, e->start, e->end, e->meeting_id);
      else if (!e->is_room && g_hash_table_contains (self->people_by_id, &e->owner))
        quorum_schedule_add_person_busy (self, e->owner, e->start, e->end, e->meeting_id);
    }
  return TRUE;
}
