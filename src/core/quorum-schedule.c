/* quorum-schedule.c — free slots from busy intervals, rooms by capacity
 *
 * The rules are written out in docs/merge-and-scheduling.md; keep the two
 * in step.
 */
#include "config.h"

#include "quorum-schedule-private.h"

static void
person_free (QuorumSchedulePerson *p)
{
  g_clear_pointer (&p->busy, g_array_unref);
  g_clear_pointer (&p->known, g_array_unref);
  g_free (p);
}

static void
room_free (QuorumScheduleRoom *r)
{
  g_clear_pointer (&r->busy, g_array_unref);
  g_free (r);
}

QuorumSchedule *
quorum_schedule_new (gint64 from,
                     gint64 to,
                     gint64 duration)
{
  QuorumSchedule *self = g_new0 (QuorumSchedule, 1);

  self->from = from;
  self->to = to;
  self->duration = duration;
  self->step = QUORUM_SCHEDULE_DEFAULT_STEP;
  self->tz = g_time_zone_new_local ();
  self->work_start = QUORUM_SCHEDULE_DEFAULT_WORK_START;
  self->work_end = QUORUM_SCHEDULE_DEFAULT_WORK_END;
  self->work_days = QUORUM_SCHEDULE_MONDAY_TO_FRIDAY;
  self->rank = QUORUM_SCHEDULE_RANK_EARLIEST_FIRST;
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  self->people_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) room_free);
  self->rooms_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  return self;
}

void
quorum_schedule_free (QuorumSchedule *self)
{
  if (self == NULL)
    return;
  /* The hash tables point into the arrays' elements: drop them first. */
  g_clear_pointer (&self->people_by_id, g_hash_table_unref);
  g_clear_pointer (&self->rooms_by_id, g_hash_table_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self);
}

/* Settings */

void
quorum_schedule_set_time_zone (QuorumSchedule *self,
                               GTimeZone      *tz)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tz != NULL);

  g_time_zone_unref (self->tz);
  self->tz = g_time_zone_ref (tz);
}

void
quorum_schedule_set_working_hours (QuorumSchedule *self,
                                   guint           start_minute,
                                   guint           end_minute,
                                   guint           days)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (start_minute < end_minute && end_minute <= 24 * 60);

  self->work_start = start_minute;
  self->work_end = end_minute;
  self->work_days = days & QUORUM_SCHEDULE_EVERY_DAY;
}

void
quorum_schedule_set_step (QuorumSchedule *self,
                          gint64          step)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (step >= G_TIME_SPAN_MINUTE && step % G_TIME_SPAN_MINUTE == 0);

  self->step = step;
}

void
quorum_schedule_set_max_results (QuorumSchedule *self,
                                 guint           max_results)
{
  g_return_if_fail (self != NULL);
  self->max_results = max_results;
}

void
quorum_schedule_set_rank (QuorumSchedule    *self,
                          QuorumScheduleRank rank)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rank == QUORUM_SCHEDULE_RANK_EARLIEST_FIRST ||
                    rank == QUORUM_SCHEDULE_RANK_FEWEST_UNKNOWN_FIRST);
  self->rank = rank;
}

void
quorum_schedule_set_ignore_meeting (QuorumSchedule *self,
                                    gint64          meeting_id)
{
  g_return_if_fail (self != NULL);
  self->ignore_meeting_id = meeting_id;
}

void
quorum_schedule_require_room (QuorumSchedule *self,
                              gint64          room_id)
{
  g_return_if_fail (self != NULL);
  self->required_room_id = room_id;
}

void
quorum_schedule_set_min_capacity (QuorumSchedule *self,
                                  guint           capacity)
{
  g_return_if_fail (self != NULL);
  self->min_capacity = capacity;
}

/* People and rooms */

static QuorumSchedulePerson *
ensure_person (QuorumSchedule *self,
               gint64          id)
{
  QuorumSchedulePerson *p = g_hash_table_lookup (self->people_by_id, &id);

  if (p == NULL)
    {
      p = g_new0 (QuorumSchedulePerson, 1);
      p->id = id;
      p->busy = g_array_new (FALSE, FALSE, sizeof (QuorumBusyInterval));
      p->known = g_array_new (FALSE, FALSE, sizeof (QuorumInterval));
      g_ptr_array_add (self->people, p);
      g_hash_table_insert (self->people_by_id, &p->id, p);
    }
  return p;
}

static QuorumScheduleRoom *
ensure_room (QuorumSchedule *self,
             gint64          id)
{
  QuorumScheduleRoom *r = g_hash_table_lookup (self->rooms_by_id, &id);

  if (r == NULL)
    {
      r = g_new0 (QuorumScheduleRoom, 1);
      r->id = id;
      r->busy = g_array_new (FALSE, FALSE, sizeof (QuorumBusyInterval));
      g_ptr_array_add (self->rooms, r);
      g_hash_table_insert (self->rooms_by_id, &r->id, r);
    }
  return r;
}

void
quorum_schedule_add_person (QuorumSchedule *self,
                            gint64          person_id)
{
  g_return_if_fail (self != NULL);
  ensure_person (self, person_id);
}

void
quorum_schedule_add_person_known (QuorumSchedule *self,
                                  gint64          person_id,
                                  gint64          start,
                                  gint64          end)
{
  QuorumSchedulePerson *p;
  QuorumInterval range = { start, end };

  g_return_if_fail (self != NULL);

  p = ensure_person (self, person_id);
  /* Data from the server may be nonsense; an empty range says nothing. */
  if (end <= start)
    return;
  g_array_append_val (p->known, range);
  p->known_dirty = TRUE;
}

void
quorum_schedule_add_person_busy (QuorumSchedule *self,
                                 gint64          person_id,
                                 gint64          start,
                                 gint64          end,
                                 gint64          meeting_id)
{
  QuorumSchedulePerson *p;
  QuorumBusyInterval busy = { start, end, meeting_id };

  g_return_if_fail (self != NULL);

  p = ensure_person (self, person_id);
  if (end <= start)
    return;
  g_array_append_val (p->busy, busy);
}

void
quorum_schedule_add_room (QuorumSchedule *self,
                          gint64          room_id,
                          guint           capacity)
{
  g_return_if_fail (self != NULL);
  ensure_room (self, room_id)->capacity = capacity;
}

void
quorum_schedule_add_room_busy (QuorumSchedule *self,
                               gint64          room_id,
                               gint64          start,
                               gint64          end,
                               gint64          meeting_id)
{
  QuorumScheduleRoom *r;
  QuorumBusyInterval busy = { start, end, meeting_id };

  g_return_if_fail (self != NULL);

  r = ensure_room (self, room_id);
  if (end <= start)
    return;
  g_array_append_val (r->busy, busy);
}

/* Intervals */

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const QuorumInterval *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

void
quorum_intervals_normalize (GArray *intervals)
{
  guint out = 0;

  g_return_if_fail (intervals != NULL);

  g_array_sort (intervals, compare_intervals);

  for (guint i = 0; i < intervals->len; i++)
    {
      QuorumInterval cur = g_array_index (intervals, QuorumInterval, i);
      QuorumInterval *last;

      if (cur.end <= cur.start)
        continue;
      last = out > 0 ? &g_array_index (intervals, QuorumInterval, out - 1) : NULL;
      /* Half-open intervals that touch merge too: [a,b) ∪ [b,c) = [a,c). */
      if (last != NULL && cur.start <= last->end)
        last->end = MAX (last->end, cur.end);
      else
        g_array_index (intervals, QuorumInterval, out++) = cur;
    }
  g_array_set_size (intervals, out);
}

/* Index of the first interval ending after @t, in sorted merged
 * @intervals (whose ends are increasing too). */
static guint
first_ending_after (const GArray *intervals,
                    gint64        t)
{
  guint lo = 0, hi = intervals->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (intervals, QuorumInterval, mid).end <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
quorum_intervals_overlap (const GArray *intervals,
                          gint64        start,
                          gint64        end)
{
  guint i;

  g_return_val_if_fail (intervals != NULL, FALSE);

  i = first_ending_after (intervals, start);
  return i < intervals->len && g_array_index (intervals, QuorumInterval, i).start < end;
}

gboolean
quorum_intervals_cover (const GArray *intervals,
                        gint64        start,
                        gint64        end)
{
  guint i;
  const QuorumInterval *iv;

  g_return_val_if_fail (intervals != NULL, FALSE);

  i = first_ending_after (intervals, start);
  if (i >= intervals->len)
    return FALSE;
  /* Merged, so contiguous coverage is always a single interval. */
  iv = &g_array_index (intervals, QuorumInterval, i);
  return iv->start <= start && iv->end >= end;
}

/* Appends @busy, less the meeting being edited, as plain intervals. */
void
quorum_schedule_append_busy (const QuorumSchedule *self,
             GArray               *into,
             const GArray         *busy)
{
  for (guint i = 0; i < busy->len; i++)
    {
      const QuorumBusyInterval *b = &g_array_index (busy, QuorumBusyInterval, i);
      QuorumInterval iv = { b->start, b->end };

      if (self->ignore_meeting_id != 0 && b->meeting_id == self->ignore_meeting_id)
        continue;
      g_array_append_val (into, iv);
    }
}

gboolean
quorum_schedule_busy_overlaps (const QuorumSchedule *self,
               const GArray         *busy,
               gint64                start,
               gint64                end)
{
  for (guint i = 0; i < busy->len; i++)
    {
      const QuorumBusyInterval *b = &g_array_index (busy, QuorumBusyInterval, i);

      if (self->ignore_meeting_id != 0 && b->meeting_id == self->ignore_meeting_id)
        continue;
      if (b->start < end && start < b->end)
        return TRUE;
    }
  return FALSE;
}

/* Whether we know @p's calendar over [start, end) at all. */
gboolean
quorum_schedule_person_known (QuorumSchedulePerson *p,
              gint64  start,
              gint64  end)
{
  /* Any meeting or cached busy entry means their calendar is in reach. */
  if (p->busy->len > 0)
    return TRUE;
  if (p->known_dirty)
    {
      quorum_intervals_normalize (p->known);
      p->known_dirty = FALSE;
    }
  return quorum_intervals_cover (p->known, start, end);
}

/* Point questions */

QuorumAvailability
quorum_schedule_person_availability (QuorumSchedule *self,
                                     gint64          person_id,
                                     gint64          start,
                                     gint64          end)
{
  QuorumSchedulePerson *p;

  g_return_val_if_fail (self != NULL, QUORUM_AVAILABILITY_UNKNOWN);

  p = g_hash_table_lookup (self->people_by_id, &person_id);
  if (p == NULL)
    return QUORUM_AVAILABILITY_UNKNOWN;
  if (quorum_schedule_busy_overlaps (self, p->busy, start, end))
    return QUORUM_AVAILABILITY_BUSY;
  return quorum_schedule_person_known (p, start, end) ? QUORUM_AVAILABILITY_FREE : QUORUM_AVAILABILITY_UNKNOWN;
}

static int
compare_availability (gconstpointer a,
                      gconstpointer b)
{
  const QuorumPersonAvailability *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

GArray *
quorum_schedule_availability (QuorumSchedule *self,
                              gint64          start,
                              gint64          end)
{
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_array_sized_new (FALSE, FALSE, sizeof (QuorumPersonAvailability), self->people->len);
  for (guint i = 0; i < self->people->len; i++)
    {
      QuorumSchedulePerson *p = g_ptr_array_index (self->people, i);
      QuorumPersonAvailability a = {
        p->id, quorum_schedule_person_availability (self, p->id, start, end)
      };

      g_array_append_val (result, a);
    }
  g_array_sort (result, compare_availability);
  return result;
}

static int
compare_rooms (gconstpointer a,
               gconstpointer b)
{
  const QuorumScheduleRoom *x = *(QuorumScheduleRoom * const *) a, *y = *(QuorumScheduleRoom * const *) b;

  /* The smallest room that fits leaves the big ones for big meetings. */
  if (x->capacity != y->capacity)
    return x->capacity < y->capacity ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

/* Rooms of at least @min_capacity (or only @only_id when non-zero),
 * smallest first; borrowed pointers. */
GPtrArray *
quorum_schedule_rooms_by_size (QuorumSchedule *self,
               guint           min_capacity,
               gint64          only_id)
{
  GPtrArray *rooms = g_ptr_array_new ();

  for (guint i = 0; i < self->rooms->len; i++)
    {
      QuorumScheduleRoom *r = g_ptr_array_index (self->rooms, i);

      if (r->capacity < min_capacity)
        continue;
      if (only_id != 0 && r->id != only_id)
        continue;
      g_ptr_array_add (rooms, r);
    }
  g_ptr_array_sort (rooms, compare_rooms);
  return rooms;
}

GArray *
quorum_schedule_free_rooms (QuorumSchedule *self,
                            gint64          start,
                            gint64          end,
                            guint           min_capacity)
{
  g_autoptr(GPtrArray) rooms = NULL;
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  rooms = quorum_schedule_rooms_by_size (self, min_capacity, 0);
  result = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < rooms->len; i++)
    {
      QuorumScheduleRoom *r = g_ptr_array_index (rooms, i);

      if (!quorum_schedule_busy_overlaps (self, r->busy, start, end))
        g_array_append_val (result, r->id);
    }
  return result;
}
