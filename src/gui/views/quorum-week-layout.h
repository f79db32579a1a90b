/* quorum-week-layout.h — where meetings go in a time grid, and which day a
 * week starts on
 *
 * Pure: no GTK, no store.  The week and rooms views draw what this decides,
 * and tests check it without a display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 start;        /* in: µs */
  gint64 end;          /* in: µs, > start (an empty one is drawn as a minimum block) */
  guint  column;       /* out: 0-based side-by-side column */
  guint  n_columns;    /* out: columns of the overlap group it belongs to */
} QuorumWeekSlot;

/* Assigns side-by-side columns to overlapping intervals.  Intervals that
 * overlap, directly or through a chain, form a group; each takes the
 * leftmost column free at its start, and every member of a group shares the
 * group's column count so blocks of one group have equal widths.  The
 * array keeps its order. */
void    quorum_week_layout_columns   (QuorumWeekSlot *slots,
                                      guint           n_slots);

/* 0 = Sunday … 6 = Saturday, from the C library's locale data
 * (nl_langinfo _NL_TIME_FIRST_WEEKDAY and _NL_TIME_WEEK_1STDAY); 1 (Monday)
 * when the locale does not say. */
int     quorum_locale_first_weekday  (void);

/* The local midnight starting the week (of @first_weekday, 0 = Sunday)
 * that contains @us, in @tz. */
gint64  quorum_week_start            (gint64     us,
                                      int        first_weekday,
                                      GTimeZone *tz);

/* Local midnight of the day containing @us, and of @n days later (DST safe). */
gint64  quorum_day_start             (gint64     us,
                                      GTimeZone *tz);
gint64  quorum_day_add               (gint64     day_start,
                                      int        n_days,
                                      GTimeZone *tz);

G_END_DECLS
