/* test-schedule.c — free slots, rooms and availability */
#include "config.h"

#include "quorum-schedule.h"

#define MINUTE  G_TIME_SPAN_MINUTE
#define HOUR G_TIME_SPAN_HOUR
#define DAY  G_TIME_SPAN_DAY

static GTimeZone *
istanbul (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Istanbul");

  g_assert_nonnull (tz);
  return tz;
}

/* A wall-clock time in @tz as µs since the epoch. */
static gint64
at (GTimeZone *tz,
    int        year,
    int        month,
    int        day,
    int        hour,
    int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* 2025-02-03 is a Monday; Istanbul is UTC+3 all year. */
static gint64
ist (int day,
     int hour,
     int minute)
{
  g_autoptr(GTimeZone) tz = istanbul ();

  return at (tz, 2025, 2, day, hour, minute);
}

static QuorumSchedule *
monday_search (gint64 duration)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  QuorumSchedule *s = quorum_schedule_new (ist (3, 0, 0), ist (4, 0, 0), duration);

  quorum_schedule_set_time_zone (s, tz);
  return s;
}

static const QuorumSlot *
slot (GArray *slots,
      guint   i)
{
  g_assert_cmpuint (i, <, slots->len);
  return &g_array_index (slots, QuorumSlot, i);
}

static void
test_intervals_normalize (void)
{
  g_autoptr(GArray) iv = g_array_new (FALSE, FALSE, sizeof (QuorumInterval));
  const QuorumInterval in[] = {
    { 50, 60 }, { 10, 20 }, { 15, 30 }, { 30, 40 }, { 45, 45 }, { 70, 65 }, { 52, 55 },
  };
  const QuorumInterval want[] = { { 10, 40 }, { 50, 60 } };

  g_array_append_vals (iv, in, G_N_ELEMENTS (in));
  quorum_intervals_normalize (iv);

  g_assert_cmpuint (iv->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_assert_cmpint (g_array_index (iv, QuorumInterval, i).start, ==, want[i].start);
      g_assert_cmpint (g_array_index (iv, QuorumInterval, i).end, ==, want[i].end);
    }

  g_assert_true (quorum_intervals_overlap (iv, 39, 41));
  g_assert_false (quorum_intervals_overlap (iv, 40, 50));   /* half-open on both sides */
  g_assert_false (quorum_intervals_overlap (iv, 0, 10));
  g_assert_true (quorum_intervals_overlap (iv, 0, 11));
  g_assert_false (quorum_intervals_overlap (iv, 60, 100));
  g_assert_true (quorum_intervals_cover (iv, 10, 40));
  g_assert_true (quorum_intervals_cover (iv, 12, 20));
  g_assert_false (quorum_intervals_cover (iv, 35, 55));
  g_assert_false (quorum_intervals_cover (iv, 5, 15));
}

static void
test_working_hours (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) slots = quorum_schedule_find_slots (s);

  /* 09:00, 09:15, … 17:00 local: the last one ends at 18:00. */
  g_assert_cmpuint (slots->len, ==, 33);
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 9, 0));
  g_assert_cmpint (slot (slots, 0)->end, ==, ist (3, 10, 0));
  g_assert_cmpint (slot (slots, 1)->start, ==, ist (3, 9, 15));
  g_assert_cmpint (slot (slots, 32)->start, ==, ist (3, 17, 0));
  g_assert_cmpint (slot (slots, 32)->end, ==, ist (3, 18, 0));
  for (guint i = 0; i < slots->len; i++)
    {
      g_assert_cmpint (slot (slots, i)->room_id, ==, 0);
      g_assert_cmpuint (slot (slots, i)->n_unknown, ==, 0);
    }
}

static void
test_custom_hours (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (30 * MINUTE);
  g_autoptr(GArray) slots = NULL;

  /* 08:10–10:00, 20-minute step: starts on 08:20, 08:40, 09:00, 09:20. */
  quorum_schedule_set_working_hours (s, 8 * 60 + 10, 10 * 60, QUORUM_SCHEDULE_MONDAY_TO_FRIDAY);
  quorum_schedule_set_step (s, 20 * MINUTE);
  slots = quorum_schedule_find_slots (s);

  g_assert_cmpuint (slots->len, ==, 4);
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 8, 20));
  g_assert_cmpint (slot (slots, 3)->start, ==, ist (3, 9, 20));
  g_assert_cmpint (slot (slots, 3)->end, ==, ist (3, 9, 50));
}

static void
test_weekend (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  /* Saturday 8th and Sunday 9th. */
  g_autoptr(QuorumSchedule) s = quorum_schedule_new (ist (8, 0, 0), ist (10, 0, 0), HOUR);
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) some = NULL;

  quorum_schedule_set_time_zone (s, tz);
  none = quorum_schedule_find_slots (s);
  g_assert_cmpuint (none->len, ==, 0);

  quorum_schedule_set_working_hours (s, 10 * 60, 12 * 60, QUORUM_SCHEDULE_EVERY_DAY);
  some = quorum_schedule_find_slots (s);
  g_assert_cmpuint (some->len, ==, 10);
  g_assert_cmpint (slot (some, 0)->start, ==, ist (8, 10, 0));
  g_assert_cmpint (slot (some, 5)->start, ==, ist (9, 10, 0));
}

static void
test_time_zone (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) in_istanbul = quorum_schedule_find_slots (s);
  g_autoptr(GArray) in_utc = NULL;
  g_autoptr(QuorumSchedule) dst = NULL;
  g_autoptr(GArray) across_dst = NULL;

  /* 09:00 in Istanbul is 06:00 UTC: no DST, always three hours ahead. */
  g_assert_cmpint (slot (in_istanbul, 0)->start, ==, at (utc, 2025, 2, 3, 6, 0));

  /* The same UTC instants searched in UTC: working hours move with the
   * zone, and the window (Istanbul's Monday) cuts off at 21:00 UTC. */
  quorum_schedule_set_time_zone (s, utc);
  in_utc = quorum_schedule_find_slots (s);
  g_assert_cmpint (slot (in_utc, 0)->start, ==, at (utc, 2025, 2, 3, 9, 0));
  g_assert_cmpint (slot (in_utc, in_utc->len - 1)->end, ==, at (utc, 2025, 2, 3, 18, 0));

  /* New York moves its clocks on Sunday 9 March 2025: 09:00 is 14:00 UTC
   * on Friday the 7th and 13:00 UTC on Monday the 10th. */
  g_assert_nonnull (ny);
  dst = quorum_schedule_new (at (utc, 2025, 3, 7, 0, 0), at (utc, 2025, 3, 11, 0, 0), 9 * HOUR);
  quorum_schedule_set_time_zone (dst, ny);
  across_dst = quorum_schedule_find_slots (dst);
  g_assert_cmpuint (across_dst->len, ==, 2);
  g_assert_cmpint (slot (across_dst, 0)->start, ==, at (utc, 2025, 3, 7, 14, 0));
  g_assert_cmpint (slot (across_dst, 1)->start, ==, at (utc, 2025, 3, 10, 13, 0));
}

static void
test_busy_merging (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (30 * MINUTE);
  g_autoptr(GArray) slots = NULL;

  quorum_schedule_add_person_busy (s, 1, ist (3, 9, 0), ist (3, 10, 0), 100);
  quorum_schedule_add_person_busy (s, 2, ist (3, 9, 30), ist (3, 11, 0), 101);
  quorum_schedule_add_person_busy (s, 1, ist (3, 11, 0), ist (3, 11, 30), 102);  /* touches */
  quorum_schedule_add_person_busy (s, 2, ist (3, 12, 10), ist (3, 12, 20), 103);
  slots = quorum_schedule_find_slots (s);

  /* 11:30 is the first free half hour; 11:45 and 12:00 hit 12:10–12:20;
   * 12:15 too; 12:30 is free again. */
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 11, 30));
  g_assert_cmpint (slot (slots, 1)->start, ==, ist (3, 12, 30));
  g_assert_cmpint (slot (slots, 1)->end, ==, ist (3, 13, 0));
  g_assert_cmpuint (slot (slots, 0)->n_unknown, ==, 0);
}

static void
test_window_edges (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(QuorumSchedule) exact = quorum_schedule_new (ist (3, 10, 0), ist (3, 11, 0), HOUR);
  g_autoptr(QuorumSchedule) short_by_a_minute = quorum_schedule_new (ist (3, 10, 0), ist (3, 10, 59), HOUR);
  g_autoptr(QuorumSchedule) odd_start = quorum_schedule_new (ist (3, 9, 7), ist (3, 10, 0), 15 * MINUTE);
  g_autoptr(QuorumSchedule) too_long = monday_search (10 * HOUR);
  g_autoptr(QuorumSchedule) empty = quorum_schedule_new (ist (3, 12, 0), ist (3, 12, 0), HOUR);
  g_autoptr(GArray) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL;

  quorum_schedule_set_time_zone (exact, tz);
  quorum_schedule_set_time_zone (short_by_a_minute, tz);
  quorum_schedule_set_time_zone (odd_start, tz);
  quorum_schedule_set_time_zone (empty, tz);

  a = quorum_schedule_find_slots (exact);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (slot (a, 0)->start, ==, ist (3, 10, 0));
  g_assert_cmpint (slot (a, 0)->end, ==, ist (3, 11, 0));

  b = quorum_schedule_find_slots (short_by_a_minute);
  g_assert_cmpuint (b->len, ==, 0);

  /* A window opening at 09:07 waits for the quarter hour. */
  c = quorum_schedule_find_slots (odd_start);
  g_assert_cmpuint (c->len, ==, 3);
  g_assert_cmpint (slot (c, 0)->start, ==, ist (3, 9, 15));
  g_assert_cmpint (slot (c, 2)->end, ==, ist (3, 10, 0));

  /* Longer than the working day. */
  d = quorum_schedule_find_slots (too_long);
  g_assert_cmpuint (d->len, ==, 0);

  e = quorum_schedule_find_slots (empty);
  g_assert_cmpuint (e->len, ==, 0);

  /* Bounds beyond any calendar: no slots, and no overflow on the way. */
  {
    g_autoptr(QuorumSchedule) unbounded = quorum_schedule_new (G_MININT64, G_MAXINT64, HOUR);
    g_autoptr(GArray) f = quorum_schedule_find_slots (unbounded);

    g_assert_cmpuint (f->len, ==, 0);
  }
}

static void
test_max_results (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) slots = NULL;

  quorum_schedule_set_max_results (s, 5);
  slots = quorum_schedule_find_slots (s);
  g_assert_cmpuint (slots->len, ==, 5);
  g_assert_cmpint (slot (slots, 4)->start, ==, ist (3, 10, 0));
}

static void
test_room_capacity (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (30 * MINUTE);
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;

  quorum_schedule_add_room (s, 1, 4);
  quorum_schedule_add_room (s, 3, 20);
  quorum_schedule_add_room (s, 2, 10);
  quorum_schedule_add_room (s, 5, 10);
  quorum_schedule_set_min_capacity (s, 8);

  /* The smallest that fits: 2 and 5 seat 10, 2 has the lower id. */
  first = quorum_schedule_find_slots (s);
  g_assert_cmpint (slot (first, 0)->start, ==, ist (3, 9, 0));
  g_assert_cmpint (slot (first, 0)->room_id, ==, 2);

  quorum_schedule_add_room_busy (s, 2, ist (3, 9, 0), ist (3, 10, 0), 0);
  quorum_schedule_add_room_busy (s, 5, ist (3, 9, 0), ist (3, 9, 30), 0);
  quorum_schedule_add_room_busy (s, 3, ist (3, 9, 0), ist (3, 9, 15), 0);
  second = quorum_schedule_find_slots (s);
  /* 09:00: 2, 5 and 3 busy → no slot. 09:15: 3 is free. 09:30: 5. */
  g_assert_cmpint (slot (second, 0)->start, ==, ist (3, 9, 15));
  g_assert_cmpint (slot (second, 0)->room_id, ==, 3);
  g_assert_cmpint (slot (second, 1)->start, ==, ist (3, 9, 30));
  g_assert_cmpint (slot (second, 1)->room_id, ==, 5);
  g_assert_cmpint (slot (second, 3)->start, ==, ist (3, 10, 0));
  g_assert_cmpint (slot (second, 3)->room_id, ==, 2);
}

static void
test_required_room (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(QuorumSchedule) unknown_room = monday_search (HOUR);
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GArray) none = NULL;

  quorum_schedule_add_room (s, 1, 4);
  quorum_schedule_add_room (s, 2, 50);
  quorum_schedule_add_room_busy (s, 1, ist (3, 9, 0), ist (3, 12, 0), 0);
  quorum_schedule_require_room (s, 1);
  slots = quorum_schedule_find_slots (s);
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 12, 0));
  g_assert_cmpint (slot (slots, 0)->room_id, ==, 1);
  g_assert_cmpuint (slots->len, ==, 21);   /* 12:00 … 17:00 */

  /* A room we know nothing of can't be promised. */
  quorum_schedule_require_room (unknown_room, 99);
  none = quorum_schedule_find_slots (unknown_room);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_room_hint (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) slots = NULL;

  /* No room asked for: the smallest room seating all three is offered,
   * and slots without one still count. */
  for (gint64 p = 1; p <= 3; p++)
    quorum_schedule_add_person_known (s, p, G_MININT64, G_MAXINT64);
  quorum_schedule_add_room (s, 1, 2);
  quorum_schedule_add_room (s, 2, 3);
  quorum_schedule_add_room_busy (s, 2, ist (3, 9, 0), ist (3, 10, 0), 0);
  slots = quorum_schedule_find_slots (s);

  g_assert_cmpuint (slots->len, ==, 33);
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 9, 0));
  g_assert_cmpint (slot (slots, 0)->room_id, ==, 0);
  g_assert_cmpint (slot (slots, 4)->start, ==, ist (3, 10, 0));
  g_assert_cmpint (slot (slots, 4)->room_id, ==, 2);
}

static void
test_unknown_people (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) slots = NULL;

  quorum_schedule_add_person_busy (s, 1, ist (3, 9, 0), ist (3, 10, 0), 0);
  quorum_schedule_add_person (s, 2);                                   /* nothing known */
  quorum_schedule_add_person_known (s, 3, ist (3, 13, 0), ist (3, 18, 0));  /* afternoon cached */
  slots = quorum_schedule_find_slots (s);

  /* Person 1 blocks 09:00–10:00; person 2 is never known (but does not
   * block); person 3 is known from 13:00. */
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 10, 0));
  g_assert_cmpuint (slot (slots, 0)->n_unknown, ==, 2);
  for (guint i = 0; i < slots->len; i++)
    {
      const QuorumSlot *sl = slot (slots, i);

      g_assert_cmpuint (sl->n_unknown, ==, sl->start >= ist (3, 13, 0) ? 1 : 2);
      if (i > 0)
        g_assert_cmpint (sl->start, >, slot (slots, i - 1)->start);
    }
}

static void
test_ranking (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) earliest = NULL;
  g_autoptr(GArray) fewest = NULL;

  quorum_schedule_add_person_known (s, 3, ist (3, 14, 0), ist (3, 18, 0));
  quorum_schedule_set_max_results (s, 3);

  earliest = quorum_schedule_find_slots (s);
  g_assert_cmpuint (earliest->len, ==, 3);
  g_assert_cmpint (slot (earliest, 0)->start, ==, ist (3, 9, 0));
  g_assert_cmpuint (slot (earliest, 0)->n_unknown, ==, 1);

  /* The other order sees every slot before it cuts: the fully known
   * afternoon first, earliest first within it. */
  quorum_schedule_set_rank (s, QUORUM_SCHEDULE_RANK_FEWEST_UNKNOWN_FIRST);
  fewest = quorum_schedule_find_slots (s);
  g_assert_cmpuint (fewest->len, ==, 3);
  g_assert_cmpint (slot (fewest, 0)->start, ==, ist (3, 14, 0));
  g_assert_cmpint (slot (fewest, 2)->start, ==, ist (3, 14, 30));
  g_assert_cmpuint (slot (fewest, 2)->n_unknown, ==, 0);
}

static void
test_zero_results (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (30 * MINUTE);
  g_autoptr(GArray) slots = NULL;

  quorum_schedule_add_person_busy (s, 1, ist (3, 8, 0), ist (3, 13, 0), 0);
  quorum_schedule_add_person_busy (s, 2, ist (3, 12, 45), ist (3, 19, 0), 0);
  slots = quorum_schedule_find_slots (s);
  g_assert_nonnull (slots);
  g_assert_cmpuint (slots->len, ==, 0);
}

static void
test_ignore_meeting (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  quorum_schedule_add_person_busy (s, 1, ist (3, 9, 0), ist (3, 10, 0), 5);
  quorum_schedule_add_room (s, 1, 10);
  quorum_schedule_add_room_busy (s, 1, ist (3, 10, 0), ist (3, 11, 0), 5);
  quorum_schedule_require_room (s, 1);

  before = quorum_schedule_find_slots (s);
  g_assert_cmpint (slot (before, 0)->start, ==, ist (3, 11, 0));

  /* Rescheduling meeting 5 itself: its own bookings are no obstacle. */
  quorum_schedule_set_ignore_meeting (s, 5);
  after = quorum_schedule_find_slots (s);
  g_assert_cmpint (slot (after, 0)->start, ==, ist (3, 9, 0));
  g_assert_cmpint (slot (after, 0)->room_id, ==, 1);
}

static void
test_free_rooms (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) big = NULL;
  g_autoptr(GArray) own = NULL;

  quorum_schedule_add_room (s, 7, 12);
  quorum_schedule_add_room (s, 3, 6);
  quorum_schedule_add_room (s, 4, 30);
  quorum_schedule_add_room (s, 9, 6);
  quorum_schedule_add_room_busy (s, 4, ist (3, 10, 30), ist (3, 11, 30), 0);
  quorum_schedule_add_room_busy (s, 9, ist (3, 9, 0), ist (3, 10, 0), 0);    /* ends as we start */
  quorum_schedule_add_room_busy (s, 7, ist (3, 10, 0), ist (3, 11, 0), 42);

  all = quorum_schedule_free_rooms (s, ist (3, 10, 0), ist (3, 11, 0), 0);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, 3);
  g_assert_cmpint (g_array_index (all, gint64, 1), ==, 9);

  big = quorum_schedule_free_rooms (s, ist (3, 12, 0), ist (3, 13, 0), 10);
  g_assert_cmpuint (big->len, ==, 2);
  g_assert_cmpint (g_array_index (big, gint64, 0), ==, 7);
  g_assert_cmpint (g_array_index (big, gint64, 1), ==, 4);

  /* Meeting 42 picking another room still sees its own one as free. */
  quorum_schedule_set_ignore_meeting (s, 42);
  own = quorum_schedule_free_rooms (s, ist (3, 10, 0), ist (3, 11, 0), 10);
  g_assert_cmpuint (own->len, ==, 1);
  g_assert_cmpint (g_array_index (own, gint64, 0), ==, 7);
}

static void
test_availability (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(GArray) states = NULL;
  gint64 from = ist (3, 10, 0), to = ist (3, 11, 0);

  quorum_schedule_add_person_busy (s, 9, ist (3, 10, 30), ist (3, 12, 0), 0);   /* busy then */
  quorum_schedule_add_person_busy (s, 4, ist (4, 10, 0), ist (4, 11, 0), 0);    /* busy another day */
  quorum_schedule_add_person (s, 6);                                            /* nothing known */
  quorum_schedule_add_person_known (s, 5, ist (3, 9, 0), ist (3, 10, 30));     /* cache ends too early */
  quorum_schedule_add_person_known (s, 8, ist (3, 9, 0), ist (3, 10, 30));
  quorum_schedule_add_person_known (s, 8, ist (3, 10, 30), ist (3, 12, 0));     /* two caches, joined */

  g_assert_cmpint (quorum_schedule_person_availability (s, 9, from, to), ==, QUORUM_AVAILABILITY_BUSY);
  g_assert_cmpint (quorum_schedule_person_availability (s, 4, from, to), ==, QUORUM_AVAILABILITY_FREE);
  g_assert_cmpint (quorum_schedule_person_availability (s, 6, from, to), ==, QUORUM_AVAILABILITY_UNKNOWN);
  g_assert_cmpint (quorum_schedule_person_availability (s, 5, from, to), ==, QUORUM_AVAILABILITY_UNKNOWN);
  g_assert_cmpint (quorum_schedule_person_availability (s, 8, from, to), ==, QUORUM_AVAILABILITY_FREE);
  g_assert_cmpint (quorum_schedule_person_availability (s, 77, from, to), ==, QUORUM_AVAILABILITY_UNKNOWN);
  /* Touching is not overlapping. */
  g_assert_cmpint (quorum_schedule_person_availability (s, 9, from, ist (3, 10, 30)), ==,
                   QUORUM_AVAILABILITY_FREE);

  states = quorum_schedule_availability (s, from, to);
  g_assert_cmpuint (states->len, ==, 5);
  g_assert_cmpint (g_array_index (states, QuorumPersonAvailability, 0).id, ==, 4);
  g_assert_cmpint (g_array_index (states, QuorumPersonAvailability, 0).availability, ==, QUORUM_AVAILABILITY_FREE);
  g_assert_cmpint (g_array_index (states, QuorumPersonAvailability, 4).id, ==, 9);
  g_assert_cmpint (g_array_index (states, QuorumPersonAvailability, 4).availability, ==, QUORUM_AVAILABILITY_BUSY);
}

/* 200 people × 2000 busy intervals over 62 days, checked against a
 * minute-by-minute bitmap: the fast path must agree exactly with the
 * obvious one.  Prints its time; asserts none. */
static void
test_large (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  const guint n_people = 200, per_person = 2000, n_days = 62;
  const guint n_minutes = n_days * 24 * 60;
  /* Monday 3 March 2025, 00:00 in Istanbul. */
  gint64 origin = at (tz, 2025, 3, 3, 0, 0);
  g_autoptr(QuorumSchedule) s = quorum_schedule_new (origin, origin + n_days * DAY, HOUR);
  g_autofree guint8 *busy = g_new0 (guint8, n_minutes);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint expected = 0;

  quorum_schedule_set_time_zone (s, tz);
  for (guint p = 1; p <= n_people; p++)
    for (guint i = 0; i < per_person; i++)
      {
        guint day = (guint) g_rand_int_range (rand, 0, (gint32) n_days);
        gint32 kind = g_rand_int_range (rand, 0, 1000);
        guint len = (guint) g_rand_int_range (rand, 5, 90);
        guint start;

        /* Crowded mornings and nights, a few meetings anywhere: the
         * afternoons keep some free hours for the comparison to find. */
        if (kind < 850)
          start = day * 1440 + (guint) g_rand_int_range (rand, 8 * 60, 13 * 60);
        else if (kind < 999)
          start = day * 1440 + (guint) g_rand_int_range (rand, 19 * 60, 30 * 60 + 30);
        else
          start = (guint) g_rand_int_range (rand, 0, (gint32) n_minutes - 120);

        for (guint m = start; m < start + len && m < n_minutes; m++)
          busy[m] = 1;
        quorum_schedule_add_person_busy (s, p, origin + start * MINUTE, origin + (start + len) * MINUTE, 0);
      }

  timer = g_timer_new ();
  slots = quorum_schedule_find_slots (s);
  g_test_message ("find_slots over %u intervals: %.1f ms, %u slots",
                  n_people * per_person, g_timer_elapsed (timer, NULL) * 1000, slots->len);

  /* The obvious way: every quarter hour of every weekday. */
  for (guint day = 0; day < n_days; day++)
    {
      if (day % 7 >= 5)
        continue;
      for (guint m = 9 * 60; m + 60 <= 18 * 60; m += 15)
        {
          gboolean is_free = TRUE;

          for (guint k = 0; k < 60 && is_free; k++)
            is_free = !busy[day * 1440 + m + k];
          if (!is_free)
            continue;
          g_assert_cmpuint (expected, <, slots->len);
          g_assert_cmpint (slot (slots, expected)->start, ==, origin + (day * 1440 + m) * MINUTE);
          expected++;
        }
    }
  g_assert_cmpuint (slots->len, ==, expected);
  g_assert_cmpuint (expected, >, 0);
}

static void
test_input_meeting (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(QuorumMeeting) m = quorum_meeting_new ();
  g_autoptr(QuorumMeeting) cancelled = NULL;
  g_autoptr(GArray) rooms = NULL;
  const gint64 ids[] = { 7, 9, 11 };

  quorum_schedule_add_person (s, 7);
  quorum_schedule_add_person (s, 11);
  quorum_schedule_add_room (s, 3, 8);
  m->id = 40;
  m->start_time = ist (3, 10, 0);
  m->end_time = ist (3, 11, 0);
  m->room_id = 3;
  quorum_meeting_set_participants (m, ids, G_N_ELEMENTS (ids));

  cancelled = quorum_meeting_copy (m);
  g_free (cancelled->status);
  cancelled->status = g_strdup ("CANCELLED");
  cancelled->start_time = ist (3, 14, 0);
  cancelled->end_time = ist (3, 15, 0);

  quorum_schedule_add_meeting (s, m);
  quorum_schedule_add_meeting (s, cancelled);

  g_assert_cmpint (quorum_schedule_person_availability (s, 7, ist (3, 10, 0), ist (3, 10, 15)), ==,
                   QUORUM_AVAILABILITY_BUSY);
  g_assert_cmpint (quorum_schedule_person_availability (s, 11, ist (3, 10, 45), ist (3, 12, 0)), ==,
                   QUORUM_AVAILABILITY_BUSY);
  /* A cancelled meeting blocks nothing. */
  g_assert_cmpint (quorum_schedule_person_availability (s, 7, ist (3, 14, 0), ist (3, 15, 0)), ==,
                   QUORUM_AVAILABILITY_FREE);
  /* Person 9 is not a participant of this search: not added. */
  g_assert_cmpint (quorum_schedule_person_availability (s, 9, ist (3, 10, 0), ist (3, 11, 0)), ==,
                   QUORUM_AVAILABILITY_UNKNOWN);
  rooms = quorum_schedule_free_rooms (s, ist (3, 10, 30), ist (3, 11, 30), 0);
  g_assert_cmpuint (rooms->len, ==, 0);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_input_freebusy (void)
{
  g_autoptr(QuorumSchedule) s = monday_search (HOUR);
  g_autoptr(JsonObject) answer = parse_object (
    "{\"start\": \"2025-02-03T06:00:00.000000Z\", \"end\": \"2025-02-03T10:00:00.000000Z\","
    " \"users\": ["
    "   {\"user_id\": 1, \"busy\": [{\"start\": \"2025-02-03T07:00:00.000000Z\","
    "      \"end\": \"2025-02-03T08:00:00.000000Z\", \"meeting_id\": null, \"title\": null,"
    "      \"source\": \"google\"}]},"
    "   {\"user_id\": 2, \"busy\": []},"
    "   {\"user_id\": 5, \"busy\": [{\"start\": \"2025-02-03T07:00:00Z\","
    "      \"end\": \"2025-02-03T09:00:00Z\", \"meeting_id\": 8, \"source\": \"meeting\"}]}],"
    " \"rooms\": [{\"room_id\": 3, \"busy\": [{\"start\": \"2025-02-03T09:00:00+03:00\","
    "      \"end\": \"2025-02-03T12:00:00+03:00\", \"meeting_id\": 8}]}],"
    " \"future_member\": true}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slots = NULL;

  quorum_schedule_add_person (s, 1);
  quorum_schedule_add_person (s, 2);
  quorum_schedule_add_room (s, 3, 6);
  quorum_schedule_require_room (s, 3);

  g_assert_true (quorum_schedule_add_freebusy_json (s, answer, &error));
  g_assert_no_error (error);

  /* 07:00–08:00 UTC is 10:00–11:00 in Istanbul. */
  g_assert_cmpint (quorum_schedule_person_availability (s, 1, ist (3, 10, 0), ist (3, 11, 0)), ==,
                   QUORUM_AVAILABILITY_BUSY);
  /* Nothing busy, but covered by the answer's range (09:00–13:00 local). */
  g_assert_cmpint (quorum_schedule_person_availability (s, 2, ist (3, 11, 0), ist (3, 12, 0)), ==,
                   QUORUM_AVAILABILITY_FREE);
  g_assert_cmpint (quorum_schedule_person_availability (s, 2, ist (3, 12, 30), ist (3, 13, 30)), ==,
                   QUORUM_AVAILABILITY_UNKNOWN);
  /* User 5 is not one of this search's participants. */
  g_assert_cmpint (quorum_schedule_person_availability (s, 5, ist (3, 10, 0), ist (3, 11, 0)), ==,
                   QUORUM_AVAILABILITY_UNKNOWN);

  /* Room 3 busy 09:00–12:00 local, person 1 10:00–11:00: first slot
   * 12:00–13:00, the last hour the answer covers for person 2; from 12:15
   * on person 2 is unknown. */
  slots = quorum_schedule_find_slots (s);
  g_assert_cmpint (slot (slots, 0)->start, ==, ist (3, 12, 0));
  g_assert_cmpint (slot (slots, 0)->room_id, ==, 3);
  g_assert_cmpuint (slot (slots, 0)->n_unknown, ==, 0);
  g_assert_cmpint (slot (slots, 1)->start, ==, ist (3, 12, 15));
  g_assert_cmpuint (slot (slots, 1)->n_unknown, ==, 1);
}

static void
test_input_freebusy_malformed (void)
{
  const char *bad[] = {
    "{}",
    "{\"start\": \"2025-02-03T06:00:00Z\", \"end\": 5}",
    "{\"start\": \"2025-02-03T06:00:00Z\", \"end\": \"2025-02-04T06:00:00Z\", \"users\": {}}",
    "{\"start\": \"2025-02-03T06:00:00Z\", \"end\": \"2025-02-04T06:00:00Z\","
    " \"users\": [{\"user_id\": \"1\", \"busy\": []}]}",
    "{\"start\": \"2025-02-03T06:00:00Z\", \"end\": \"2025-02-04T06:00:00Z\","
    " \"users\": [{\"user_id\": 1, \"busy\": [{\"start\": \"2025-02-03T07:00:00Z\"}]}]}",
    "{\"start\": \"2025-02-03T06:00:00Z\", \"end\": \"2025-02-04T06:00:00Z\","
    " \"users\": [{\"user_id\": 1, \"busy\": [{\"start\": \"2025-02-03T07:00:00Z\","
    "   \"end\": \"2025-02-03T08:00:00Z\"}]},"
    "  {\"user_id\": 2, \"busy\": [{\"start\": \"yesterday\", \"end\": \"today\"}]}]}",
    "{\"start\": \"2025-02-03T06:00:00Z\", \"end\": \"2025-02-04T06:00:00Z\","
    " \"rooms\": [{\"room_id\": -3, \"busy\": []}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(QuorumSchedule) s = monday_search (HOUR);
      g_autoptr(JsonObject) answer = parse_object (bad[i]);
      g_autoptr(GError) error = NULL;

      quorum_schedule_add_person (s, 1);
      quorum_schedule_add_person (s, 2);
      g_assert_false (quorum_schedule_add_freebusy_json (s, answer, &error));
      g_assert_error (error, QUORUM_SCHEDULE_ERROR, QUORUM_SCHEDULE_ERROR_MALFORMED);
      /* All or nothing: person 1's good entry in the sixth answer is not kept. */
      g_assert_cmpint (quorum_schedule_person_availability (s, 1, ist (3, 10, 0), ist (3, 11, 0)), ==,
                       QUORUM_AVAILABILITY_UNKNOWN);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schedule/intervals/normalize", test_intervals_normalize);
  g_test_add_func ("/schedule/working-hours/default", test_working_hours);
  g_test_add_func ("/schedule/working-hours/custom", test_custom_hours);
  g_test_add_func ("/schedule/working-hours/weekend", test_weekend);
  g_test_add_func ("/schedule/time-zone", test_time_zone);
  g_test_add_func ("/schedule/busy-merging", test_busy_merging);
  g_test_add_func ("/schedule/window-edges", test_window_edges);
  g_test_add_func ("/schedule/max-results", test_max_results);
  g_test_add_func ("/schedule/rooms/capacity", test_room_capacity);
  g_test_add_func ("/schedule/rooms/required", test_required_room);
  g_test_add_func ("/schedule/rooms/hint", test_room_hint);
  g_test_add_func ("/schedule/unknown-people", test_unknown_people);
  g_test_add_func ("/schedule/ranking", test_ranking);
  g_test_add_func ("/schedule/zero-results", test_zero_results);
  g_test_add_func ("/schedule/ignore-meeting", test_ignore_meeting);
  g_test_add_func ("/schedule/free-rooms", test_free_rooms);
  g_test_add_func ("/schedule/availability", test_availability);
  g_test_add_func ("/schedule/input/meeting", test_input_meeting);
  g_test_add_func ("/schedule/input/freebusy", test_input_freebusy);
  g_test_add_func ("/schedule/input/freebusy-malformed", test_input_freebusy_malformed);
  g_test_add_func ("/schedule/large", test_large);

  return g_test_run ();
}
