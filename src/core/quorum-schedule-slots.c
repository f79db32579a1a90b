/* quorum-schedule-slots.c — the free-slot search of QuorumSchedule
 *
 * One union of everybody's busy time (sort + sweep, O(n log n) over all
 * intervals) answers "is anyone busy" for each candidate in O(log n); the
 * candidates are walked day by day in the search's time zone so working
 * hours and quarter hours are the wall clock's, whatever the offset.
 */
#include "config.h"

#include "quorum-schedule-private.h"

static gint64
to_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static GDateTime *
from_usec (gint64     us,
           GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 secs = us / G_USEC_PER_SEC;

  /* Round towards the past: these are only ever day lookups. */
  if (us < 0 && us % G_USEC_PER_SEC != 0)
    secs--;
  utc = g_date_time_new_from_unix_utc (secs);
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, tz);
}

/* The wall-clock time @minute minutes after midnight on @day, in @tz. */
static gint64
wall_clock (GDateTime *day,
            GTimeZone *tz,
            guint      minute)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (minute >= 24 * 60)
    {
      next = g_date_time_add_days (day, 1);
      dt = g_date_time_new (tz, g_date_time_get_year (next), g_date_time_get_month (next),
                            g_date_time_get_day_of_month (next), 0, 0, 0);
    }
  else
    {
      dt = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day), minute / 60, minute % 60, 0);
    }
  return dt != NULL ? to_usec (dt) : G_MAXINT64;
}

typedef struct {
  GArray    *busy;           /* everybody's busy time, merged */
  GPtrArray *maybe_unknown;  /* QuorumSchedulePerson* without busy intervals */
  GPtrArray *rooms;          /* candidate rooms, smallest first */
  GPtrArray *room_busy;      /* GArray of QuorumInterval per candidate, merged */
  gboolean   room_needed;
} Search;

static void
search_clear (Search *s)
{
  g_clear_pointer (&s->busy, g_array_unref);
  g_clear_pointer (&s->maybe_unknown, g_ptr_array_unref);
  g_clear_pointer (&s->rooms, g_ptr_array_unref);
  g_clear_pointer (&s->room_busy, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

static void
search_init (Search         *s,
             QuorumSchedule *self)
{
  guint n_busy = 0;

  for (guint i = 0; i < self->people->len; i++)
    n_busy += ((QuorumSchedulePerson *) g_ptr_array_index (self->people, i))->busy->len;

  s->busy = g_array_sized_new (FALSE, FALSE, sizeof (QuorumInterval), n_busy);
  s->maybe_unknown = g_ptr_array_new ();
  for (guint i = 0; i < self->people->len; i++)
    {
      QuorumSchedulePerson *p = g_ptr_array_index (self->people, i);

      quorum_schedule_append_busy (self, s->busy, p->busy);
      if (p->busy->len == 0)
        g_ptr_array_add (s->maybe_unknown, p);
    }
  quorum_intervals_normalize (s->busy);

  s->room_needed = self->required_room_id != 0 || self->min_capacity > 0;
  /* Without a room asked for, still offer the smallest free room that
   * seats everybody, as a hint (room_id 0 when none does). */
  s->rooms = quorum_schedule_rooms_by_size (self,
                                            s->room_needed ? self->min_capacity
                                                           : self->people->len,
                                            self->required_room_id);
  s->room_busy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < s->rooms->len; i++)
    {
      QuorumScheduleRoom *r = g_ptr_array_index (s->rooms, i);
      GArray *busy = g_array_new (FALSE, FALSE, sizeof (QuorumInterval));

      quorum_schedule_append_busy (self, busy, r->busy);
      quorum_intervals_normalize (busy);
      g_ptr_array_add (s->room_busy, busy);
    }
}

/* Checks one candidate; appends it to @slots when it is free. */
static void
try_slot (Search *s,
          gint64  start,
          gint64  end,
          GArray *slots)
{
  QuorumSlot slot = { start, end, 0, 0 };

  if (quorum_intervals_overlap (s->busy, start, end))
    return;

  for (guint i = 0; i < s->rooms->len; i++)
    {
      if (!quorum_intervals_overlap (g_ptr_array_index (s->room_busy, i), start, end))
        {
          slot.room_id = ((QuorumScheduleRoom *) g_ptr_array_index (s->rooms, i))->id;
          break;
        }
    }
  if (s->room_needed && slot.room_id == 0)
    return;

  for (guint i = 0; i < s->maybe_unknown->len; i++)
    if (!quorum_schedule_person_known (g_ptr_array_index (s->maybe_unknown, i), start, end))
      slot.n_unknown++;

  g_array_append_val (slots, slot);
}

static int
compare_fewest_unknown (gconstpointer a,
                        gconstpointer b)
{
  const QuorumSlot *x = a, *y = b;

  if (x->n_unknown != y->n_unknown)
    return x->n_unknown < y->n_unknown ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

GArray *
quorum_schedule_find_slots (QuorumSchedule *self)
{
  g_auto(Search) s = { 0 };
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (QuorumSlot));
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) day = NULL;
  guint step_minutes;
  guint first_minute;
  gboolean stop_early;

  g_return_val_if_fail (self != NULL, NULL);

  /* Unsigned: the width of any from < to fits, even for extreme bounds. */
  if (self->duration <= 0 || self->from >= self->to ||
      (guint64) self->to - (guint64) self->from < (guint64) self->duration)
    return g_steal_pointer (&slots);

  first = from_usec (self->from, self->tz);
  if (first == NULL)
    return g_steal_pointer (&slots);

  search_init (&s, self);
  if (s.room_needed && s.rooms->len == 0)
    return g_steal_pointer (&slots);

  step_minutes = (guint) (self->step / G_TIME_SPAN_MINUTE);
  /* Slots start on whole steps of the wall clock (09:00, 09:15, …). */
  first_minute = (self->work_start + step_minutes - 1) / step_minutes * step_minutes;
  /* Slots come out in start order, so the earliest-first cut can stop as
   * soon as it has enough; the other ranking has to see them all. */
  stop_early = self->rank == QUORUM_SCHEDULE_RANK_EARLIEST_FIRST && self->max_results > 0;

  day = g_date_time_new (self->tz, g_date_time_get_year (first), g_date_time_get_month (first),
                         g_date_time_get_day_of_month (first), 0, 0, 0);
  while (day != NULL && to_usec (day) < self->to)
    {
      guint weekday = (guint) g_date_time_get_day_of_week (day);
      g_autoptr(GDateTime) next = NULL;

      if ((self->work_days & (1u << (weekday - 1))) != 0 && first_minute < self->work_end)
        {
          gint64 t = wall_clock (day, self->tz, first_minute);
          gint64 limit = MIN (wall_clock (day, self->tz, self->work_end), self->to);

          if (t < self->from)
            t += (self->from - t + self->step - 1) / self->step * self->step;

          for (; t <= limit - self->duration; t += self->step)
            {
              try_slot (&s, t, t + self->duration, slots);
              if (stop_early && slots->len >= self->max_results)
                return g_steal_pointer (&slots);
            }
        }

      next = g_date_time_add_days (day, 1);
      g_clear_pointer (&day, g_date_time_unref);
      if (next != NULL)
        day = g_date_time_new (self->tz, g_date_time_get_year (next), g_date_time_get_month (next),
                               g_date_time_get_day_of_month (next), 0, 0, 0);
    }

  if (self->rank == QUORUM_SCHEDULE_RANK_FEWEST_UNKNOWN_FIRST)
    g_array_sort (slots, compare_fewest_unknown);
  if (self->max_results > 0 && slots->len > self->max_results)
    g_array_set_size (slots, self->max_results);

  return g_steal_pointer (&slots);
}
