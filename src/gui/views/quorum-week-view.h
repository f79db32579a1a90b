/* quorum-week-view.h — seven day columns by hours */
#pragma once

#include <gtk/gtk.h>
#include "quorum-store.h"
#include "quorum-time-grid.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_WEEK_VIEW (quorum_week_view_get_type ())
G_DECLARE_FINAL_TYPE (QuorumWeekView, quorum_week_view, QUORUM, WEEK_VIEW, GtkWidget)

/* Signals: meeting-activated (const char *local_id),
 *          new-meeting-requested (gint64 start, gint64 end, gint64 room_id),
 *          day-requested (gint64 day_start) — a "+N more" chip. */
GtkWidget      *quorum_week_view_new                (QuorumStore *store);
/* 0 = Sunday … 6 = Saturday; -1 follows the locale. */
void            quorum_week_view_set_first_weekday  (QuorumWeekView *self,
                                                     int             first_weekday);
void            quorum_week_view_set_date           (QuorumWeekView *self,
                                                     gint64          us);
void            quorum_week_view_set_show_cancelled (QuorumWeekView *self,
                                                     gboolean        show);
void            quorum_week_view_reload             (QuorumWeekView *self);
gint64          quorum_week_view_get_week_start     (QuorumWeekView *self);
QuorumTimeGrid *quorum_week_view_get_grid           (QuorumWeekView *self);

/* The shared body of the week and rooms views: a scrolled grid that opens
 * at 08:00.  Returns the scrolled window; *out_grid gets the grid. */
GtkWidget      *quorum_time_grid_scroller_new       (guint            min_column_width,
                                                     QuorumTimeGrid **out_grid);
/* More blocks than this in one day column are not drawn (see
 * quorum_week_layout_pick): a day of a whole organisation's replica. */
#define QUORUM_WEEK_MAX_BLOCKS 40

/* Places @meetings (clipped to the column's day) into column @column
 * with side-by-side layout; on a day of more than QUORUM_WEEK_MAX_BLOCKS
 * only those of @user_id (0: none) or with a sync mark, and a "+N more"
 * chip for the others. */
void            quorum_time_grid_place              (QuorumTimeGrid *grid,
                                                     guint           column,
                                                     GPtrArray      *meetings,
                                                     gboolean        show_cancelled,
                                                     gint64          user_id);

G_END_DECLS
