/* quorum-week-layout.h — where meetings go in a time grid, which rooms a
 * narrow rooms grid shows, and which day a week starts on
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

/* Across a day column @column_width px wide, where the block in
 * side-by-side column @sub of @n_sub goes (@x from the column's left).
 * Side by side while each would be at least @readable px wide; narrower
 * (a phone-wide week) the group cascades instead: each block nearly the
 * column's width, @sub steps to the right, so the start time written at
 * its top stays readable.  Returns TRUE when cascaded. */
gboolean quorum_week_layout_block_x  (double      column_width,
                                      guint       sub,
                                      guint       n_sub,
                                      double      readable,
                                      double     *x,
                                      double     *width);
/* Cascaded blocks are drawn in order of start (then column), so a later
 * one lies over an earlier one.  How many of @slots block @i lies over
 * closely enough to hide their start time: those drawn before it that
 * start less than @window before it.  Its "+N". */
guint    quorum_week_layout_n_hidden (const QuorumWeekSlot *slots,
                                      guint                 n_slots,
                                      guint                 i,
                                      gint64                window);

/* A day with more than @limit meetings (an organisation's whole replica
 * in one column) cannot be drawn as blocks anyone could read, and
 * thousands of block widgets stall the window.  Which of @n meetings get a
 * block: every one when @n <= @limit; else only the @preferred ones (the
 * user's own, those waiting to be sent or refused), the first @limit of
 * them, and the others are summed up ("+N more").  Sets @shown[i];
 * returns how many are shown. */
guint    quorum_week_layout_pick     (const gboolean *preferred,
                                      guint           n,
                                      guint           limit,
                                      gboolean       *shown);

/* Rooms side by side: how many columns of at least @min_width px fit in
 * @width px (at least 1, at most @n_rooms). */
guint    quorum_rooms_per_page       (int   width,
                                      guint min_width,
                                      guint n_rooms);
/* The first room of a page of @per_page starting near @first: never past
 * the last full page. */
guint    quorum_rooms_page_first     (guint first,
                                      guint per_page,
                                      guint n_rooms);

/* Whether a room called @name is one the user looks for with @filter
 * (NULL or blank: every room): each word of @filter is in @name, without
 * regard to case or accents, and with Turkish ı/İ read as i, so "buyuk"
 * finds "Büyük Salon" and "isik" finds "Işık". */
gboolean quorum_rooms_name_matches   (const char *name,
                                      const char *filter);

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
