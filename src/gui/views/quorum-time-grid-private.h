/* quorum-time-grid-private.h — what the grid's files share: its blocks
 * (quorum-time-grid-blocks.c makes them) and its instance struct
 * (quorum-time-grid.c lays them out and draws the rest). */
#pragma once

#include "quorum-time-grid.h"

G_BEGIN_DECLS

typedef struct {
  GtkWidget *widget;
  guint      column;
  gint64     start;
  gint64     end;
  guint      sub;
  guint      n_sub;
  GtkWidget *head;        /* the title (and sync mark) line */
  GtkWidget *time;        /* "10:00–11:00", or "10:00" when compact */
  char      *span;
  char      *from;
  gboolean   compact;     /* cascaded in a narrow column */
  guint      n_hidden;    /* cascaded blocks whose start it hides */
} Block;

typedef struct {
  gint64  day_start;
  gint64  room_id;
  char   *label;
  char   *sublabel;
} Column;

struct _QuorumTimeGrid {
  GtkWidget      parent_instance;
  GArray        *columns;        /* Column */
  GArray        *blocks;         /* Block */
  guint          min_column_width;
  gint64         now;
  GtkAdjustment *vadj;
  double         drag_x;
  double         drag_y;
  GtkWidget     *drag_preview;
  gboolean       hidden_stale;   /* blocks changed: recount Block.n_hidden */
};

/* A GArray clear func for Block. */
void quorum_time_grid_block_clear       (gpointer        data);
/* Cascaded (narrow column) or side by side: the words change with room. */
void quorum_time_grid_block_set_compact (Block          *b,
                                         gboolean        compact);
/* Block.n_hidden of every block, per column (when hidden_stale). */
void quorum_time_grid_count_hidden      (QuorumTimeGrid *self);

G_END_DECLS
