/* quorum-suggest.c — free slots from the replica and cached free/busy */
#include "quorum-suggest.h"
#include "quorum-store-private.h"

static int
cmp_id (gconstpointer a,
        gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
append_ids (GString      *s,
            const char   *label,
            const gint64 *ids,
            guint         n)
{
  g_autofree gint64 *sorted = g_memdup2 (ids, n * sizeof (gint64));

  qsort (sorted, n, sizeof (gint64), cmp_id);
  g_string_append (s, label);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", sorted[i]);
}

char *
quorum_suggest_freebusy_key (const gint64 *users,
                             guint         n_users,
                             const gint64 *rooms,
                             guint         n_rooms,
                             gint64        from,
                             gint64        to)
{
  GString *s = g_string_new (NULL);

  append_ids (s, "u:", users, n_users);
  append_ids (s, ";r:", rooms, n_rooms);
  g_string_append_printf (s, ";%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, from, to);
  return g_string_free (s, FALSE);
}

static gint64
member_int (JsonObject *o,
            const char *member)
{
  JsonNode *n = json_object_get_member (o, member);
  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64
         ? json_node_get_int (n) : 0;
}

static gboolean
add_cached_freebusy (QuorumStore    *store,
                     QuorumSchedule *schedule)
{
  sqlite3_stmt *stmt;

  STORE_LOCK (store);
  stmt = store_prepare (store, "SELECT answer FROM freebusy_cache ORDER BY fetched_at", NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
      if (node && JSON_NODE_HOLDS_OBJECT (node))
        quorum_schedule_add_freebusy_json (schedule, json_node_get_object (node), NULL);
    }
  sqlite3_finalize (stmt);
  STORE_UNLOCK (store);
  return TRUE;
}

GArray *
quorum_suggest_slots (QuorumStore               *store,
                      const QuorumSuggestQuery  *q,
                      GError                   **error)
{
  QuorumSchedule *schedule;
  g_autoptr(GPtrArray) rooms = NULL;
  GArray *slots;
  /* busy lookups reach a day either side: a meeting may straddle the window */
  gint64 lo = q->from - G_TIME_SPAN_DAY, hi = q->to + G_TIME_SPAN_DAY;

  schedule = quorum_schedule_new (q->from, q->to, q->duration);
  if (q->tz)
    quorum_schedule_set_time_zone (schedule, q->tz);
  if (q->max_results)
    quorum_schedule_set_max_results (schedule, q->max_results);
  if (q->ignore_meeting_id)
    quorum_schedule_set_ignore_meeting (schedule, q->ignore_meeting_id);

  for (guint i = 0; i < q->n_participants; i++)
    {
      g_autoptr(GPtrArray) busy = quorum_store_list_busy (store, q->participants[i], 0, lo, hi, error);
      if (busy == NULL)
        goto fail;
      quorum_schedule_add_person (schedule, q->participants[i]);
      for (guint j = 0; j < busy->len; j++)
        {
          QuorumMeeting *m = g_ptr_array_index (busy, j);
          quorum_schedule_add_person_busy (schedule, q->participants[i], m->start_time, m->end_time, m->id);
        }
    }

  rooms = quorum_store_list_rooms (store, error);
  if (rooms == NULL)
    goto fail;
  for (guint i = 0; i < rooms->len; i++)
    {
      JsonObject *room = g_ptr_array_index (rooms, i);
      gint64 id = member_int (room, "id");
      JsonNode *active = json_object_get_member (room, "is_active");
      g_autoptr(GPtrArray) busy = NULL;

      if (id <= 0 || (active && JSON_NODE_HOLDS_VALUE (active) &&
                      json_node_get_value_type (active) == G_TYPE_BOOLEAN && !json_node_get_boolean (active)))
        continue;
      if (q->room_id && id != q->room_id)
        continue;
      quorum_schedule_add_room (schedule, id, (guint) CLAMP (member_int (room, "capacity"), 0, G_MAXINT));
      busy = quorum_store_list_busy (store, 0, id, lo, hi, error);
      if (busy == NULL)
        goto fail;
      for (guint j = 0; j < busy->len; j++)
        {
          QuorumMeeting *m = g_ptr_array_index (busy, j);
          quorum_schedule_add_room_busy (schedule, id, m->start_time, m->end_time, m->id);
        }
    }
  if (q->room_id)
    quorum_schedule_require_room (schedule, q->room_id);
  if (q->capacity)
    quorum_schedule_set_min_capacity (schedule, q->capacity);

  add_cached_freebusy (store, schedule);
  slots = quorum_schedule_find_slots (schedule);
  quorum_schedule_free (schedule);
  return slots;

fail:
  quorum_schedule_free (schedule);
  return NULL;
}
