/* quorum-time-grid.h — columns of a day by hours, with meeting blocks
 *
 * The drawing surface shared by the week view (a column per day) and the
 * rooms view (a column per room, one day).  Blocks are real buttons, so
 * they are focusable and accessible; the grid draws hours, column
 * headings (kept visible while scrolling) and the current-time line.
 */
#pragma once

#include <gtk/gtk.h>
#include "quorum-meeting.h"

G_BEGIN_DECLS

#define QUORUM_TIME_GRID_HOUR_HEIGHT 48
#define QUORUM_TIME_GRID_GUTTER      52
#define QUORUM_TIME_GRID_HEADER      40

typedef struct {
  gint64      day_start;   /* local midnight this column shows */
  gint64      room_id;     /* 0 for a day column */
  const char *label;
  const char *sublabel;    /* NULL or a second line (e.g. capacity) */
} QuorumGridColumn;

#define QUORUM_TYPE_TIME_GRID (quorum_time_grid_get_type ())
G_DECLARE_FINAL_TYPE (QuorumTimeGrid, quorum_time_grid, QUORUM, TIME_GRID, GtkWidget)

/* Signals:
 *   range-selected (guint column, gint64 start_us, gint64 end_us) — a click
 *     or drag on empty time;
 *   block-activated (const char *local_id);
 *   more-activated (guint column) — a "+N more" chip. */
GtkWidget *quorum_time_grid_new            (guint min_column_width);
void       quorum_time_grid_set_columns    (QuorumTimeGrid         *self,
                                            const QuorumGridColumn *columns,
                                            guint                   n_columns);
guint      quorum_time_grid_get_n_columns  (QuorumTimeGrid *self);
const QuorumGridColumn *quorum_time_grid_get_column (QuorumTimeGrid *self,
                                                     guint           column);
void       quorum_time_grid_clear_blocks   (QuorumTimeGrid *self);
/* @start/@end already clipped to the column's day; @sub of @n_sub from
 * quorum_week_layout_columns(). */
GtkWidget *quorum_time_grid_add_block      (QuorumTimeGrid      *self,
                                            guint                column,
                                            const QuorumMeeting *meeting,
                                            gint64               start,
                                            gint64               end,
                                            guint                sub,
                                            guint                n_sub);
/* A "+N more" chip for @n_more meetings of @column not drawn as blocks
 * (quorum_week_layout_pick()), laid out like a block. */
GtkWidget *quorum_time_grid_add_more       (QuorumTimeGrid *self,
                                            guint           column,
                                            gint64          start,
                                            gint64          end,
                                            guint           sub,
                                            guint           n_sub,
                                            guint           n_more);
void       quorum_time_grid_set_now        (QuorumTimeGrid *self,
                                            gint64          now);
/* The scrolled window's adjustment: headings stay at its top. */
void       quorum_time_grid_set_vadjustment (QuorumTimeGrid *self,
                                             GtkAdjustment  *adj);
/* Pure: the time a point @y (in grid pixels) stands for, snapped down to
 * @snap_minutes, from the column's day start. */
gint64     quorum_time_grid_time_at        (gint64 day_start,
                                            double y,
                                            guint  snap_minutes);

G_END_DECLS
