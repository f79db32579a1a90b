/* quorum-suggestions.c — feeds quorum-schedule from the replica */
#include "config.h"
#include "quorum-suggestions.h"
#include "quorum-week-layout.h"

static gboolean
same_meeting (const QuorumMeeting *a,
              const QuorumMeeting *b)
{
  return g_strcmp0 (a->local_id, b->local_id) == 0 || (a->id > 0 && a->id == b->id);
}

static void
add_busy (QuorumSchedule      *schedule,
          QuorumStore         *store,
          const QuorumMeeting *meeting,
          gint64               user_id,
          gint64               room_id,
          gint64               from,
          gint64               to)
{
  g_autoptr(GPtrArray) busy = quorum_store_list_busy (store, user_id, room_id, from, to, NULL);

  for (guint i = 0; busy && i < busy->len; i++)
    {
      const QuorumMeeting *b = g_ptr_array_index (busy, i);

      /* The meeting being moved blocks nobody, and cancelled ones block nothing. */
      if (same_meeting (b, meeting) || g_strcmp0 (b->status, "CANCELLED") == 0)
        continue;
      if (user_id > 0)
        quorum_schedule_add_person_busy (schedule, user_id, b->start_time, b->end_time, b->id);
      else
        quorum_schedule_add_room_busy (schedule, room_id, b->start_time, b->end_time, b->id);
    }
}

GArray *
quorum_suggest_times (QuorumStore         *store,
                      const QuorumMeeting *meeting,
                      guint                max_results)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 from = MAX (quorum_day_start (meeting->start_time, tz), g_get_real_time ());
  gint64 to = quorum_day_add (quorum_day_start (meeting->start_time, tz), 8, tz);
  gint64 duration = MAX (meeting->end_time - meeting->start_time, 15 * G_TIME_SPAN_MINUTE);
  g_autoptr(QuorumSchedule) schedule = quorum_schedule_new (from, to, duration);

  quorum_schedule_set_time_zone (schedule, tz);
  quorum_schedule_set_max_results (schedule, max_results);
  if (meeting->id > 0)
    quorum_schedule_set_ignore_meeting (schedule, meeting->id);
  for (guint i = 0; meeting->participant_ids && i < meeting->participant_ids->len; i++)
    {
      gint64 id = g_array_index (meeting->participant_ids, gint64, i);

      quorum_schedule_add_person (schedule, id);
      /* The replica holds every meeting the user may see: their time is known. */
      quorum_schedule_add_person_known (schedule, id, from, to);
      add_busy (schedule, store, meeting, id, 0, from, to);
    }
  if (meeting->room_id > 0)
    {
      g_autoptr(JsonObject) room = quorum_store_get_room (store, meeting->room_id);

      quorum_schedule_add_room (schedule, meeting->room_id,
                                room ? (guint) json_object_get_int_member_with_default (room, "capacity", 0) : 0);
      add_busy (schedule, store, meeting, 0, meeting->room_id, from, to);
      quorum_schedule_require_room (schedule, meeting->room_id);
    }
  return quorum_schedule_find_slots (schedule);
}

GPtrArray *
quorum_suggest_rooms (QuorumStore         *store,
                      const QuorumMeeting *meeting)
{
  g_autoptr(GPtrArray) rooms = quorum_store_list_rooms (store, NULL);
  g_autoptr(QuorumSchedule) schedule = quorum_schedule_new (meeting->start_time, meeting->end_time,
                                                            meeting->end_time - meeting->start_time);
  g_autoptr(GArray) free_ids = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint needed = meeting->participant_ids ? meeting->participant_ids->len : 0;

  for (guint i = 0; rooms && i < rooms->len; i++)
    {
      JsonObject *room = g_ptr_array_index (rooms, i);
      gint64 id = json_object_get_int_member_with_default (room, "id", 0);

      if (!json_object_get_boolean_member_with_default (room, "is_active", TRUE) ||
          id <= 0 || id == meeting->room_id)
        continue;
      quorum_schedule_add_room (schedule, id,
                                (guint) json_object_get_int_member_with_default (room, "capacity", 0));
      add_busy (schedule, store, meeting, 0, id, meeting->start_time, meeting->end_time);
    }
  free_ids = quorum_schedule_free_rooms (schedule, meeting->start_time, meeting->end_time, needed);
  for (guint i = 0; free_ids && i < free_ids->len; i++)
    {
      JsonObject *room = quorum_store_get_room (store, g_array_index (free_ids, gint64, i));

      if (room != NULL)
        g_ptr_array_add (result, room);
    }
  return result;
}
