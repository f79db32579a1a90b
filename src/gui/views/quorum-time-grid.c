/* quorum-time-grid.c — hours, headings, the blocks' places, click-drag selection
 *
 * The block widgets themselves are made in quorum-time-grid-blocks.c. */
#include "config.h"
#include "quorum-time-grid-private.h"
#include "quorum-week-layout.h"

enum { RANGE_SELECTED, BLOCK_ACTIVATED, MORE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumTimeGrid, quorum_time_grid, GTK_TYPE_WIDGET)

#define DAY_HEIGHT (24 * QUORUM_TIME_GRID_HOUR_HEIGHT)

/* Side by side below this, "Pl…" and "1…" say nothing: cascade instead. */
#define READABLE_BLOCK_WIDTH 40

gint64
quorum_time_grid_time_at (gint64 day_start,
                          double y,
                          guint  snap_minutes)
{
  double minutes = (y - QUORUM_TIME_GRID_HEADER) * 60.0 / QUORUM_TIME_GRID_HOUR_HEIGHT;
  gint64 m = (gint64) CLAMP (minutes, 0, 24 * 60);

  if (snap_minutes > 0)
    m -= m % snap_minutes;
  return day_start + m * G_TIME_SPAN_MINUTE;
}

static double
y_for (gint64 day_start,
       gint64 us)
{
  return QUORUM_TIME_GRID_HEADER +
         (double) (us - day_start) / G_TIME_SPAN_MINUTE * QUORUM_TIME_GRID_HOUR_HEIGHT / 60.0;
}

static void
column_clear (gpointer data)
{
  Column *c = data;

  g_free (c->label);
  g_free (c->sublabel);
}

static double
column_width (QuorumTimeGrid *self,
              int             width)
{
  guint n = MAX (self->columns->len, 1);

  return MAX (1.0, (double) (width - QUORUM_TIME_GRID_GUTTER) / n);
}

static double
header_offset (QuorumTimeGrid *self)
{
  return self->vadj ? gtk_adjustment_get_value (self->vadj) : 0;
}

/* Layout */

static void
quorum_time_grid_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  QuorumTimeGrid *self = QUORUM_TIME_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = QUORUM_TIME_GRID_GUTTER + self->columns->len * self->min_column_width;
      *natural = QUORUM_TIME_GRID_GUTTER + self->columns->len * MAX (self->min_column_width, 120);
    }
  else
    *minimum = *natural = QUORUM_TIME_GRID_HEADER + DAY_HEIGHT;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      int m, n;

      /* Children must be measured before they are allocated. */
      gtk_widget_measure (g_array_index (self->blocks, Block, i).widget, orientation, -1,
                          &m, &n, NULL, NULL);
    }
}

static void
quorum_time_grid_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  QuorumTimeGrid *self = QUORUM_TIME_GRID (widget);
  double colw = column_width (self, width);

  if (self->hidden_stale)
    quorum_time_grid_count_hidden (self);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);
      const Column *c = &g_array_index (self->columns, Column, b->column);
      double dx, subw;
      gboolean compact = quorum_week_layout_block_x (colw, b->sub, b->n_sub, READABLE_BLOCK_WIDTH, &dx, &subw);
      double x = QUORUM_TIME_GRID_GUTTER + b->column * colw + dx;
      double y = y_for (c->day_start, b->start);
      double h = MAX (y_for (c->day_start, b->end) - y, 20);
      GtkAllocation a = { (int) x + 1, (int) y + 1, MAX ((int) subw - 2, 1), MAX ((int) h - 2, 1) };
      int m, n;

      if (compact != b->compact)
        {
          /* The block's words change with its room; measured again below. */
          quorum_time_grid_block_set_compact (b, compact);
          gtk_widget_measure (b->widget, GTK_ORIENTATION_HORIZONTAL, -1, &m, &n, NULL, NULL);
          gtk_widget_measure (b->widget, GTK_ORIENTATION_VERTICAL, -1, &m, &n, NULL, NULL);
        }
      gtk_widget_size_allocate (b->widget, &a, -1);
    }
  if (self->drag_preview != NULL && gtk_widget_get_visible (self->drag_preview))
    {
      GtkAllocation a;
      int m, n;

      gtk_widget_measure (self->drag_preview, GTK_ORIENTATION_HORIZONTAL, -1, &m, &n, NULL, NULL);
      a = *(GtkAllocation *) g_object_get_data (G_OBJECT (self->drag_preview), "rect");
      gtk_widget_size_allocate (self->drag_preview, &a, -1);
    }
}

/* Drawing */

static void
append_line (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             float          x,
             float          y,
             float          w,
             float          h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
draw_text (QuorumTimeGrid *self,
           GtkSnapshot    *snapshot,
           const char     *text,
           float           x,
           float           y,
           float           width,
           gboolean        bold,
           const GdkRGBA  *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
quorum_time_grid_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  QuorumTimeGrid *self = QUORUM_TIME_GRID (widget);
  int width = gtk_widget_get_width (widget);
  double colw = column_width (self, width);
  double top = header_offset (self);
  GdkRGBA fg, line, faint, now_color = { 0.88f, 0.11f, 0.14f, 1.0f }, header_bg;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (style, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  line = fg;
  line.alpha = 0.15f;
  faint = fg;
  faint.alpha = 0.6f;

  for (int h = 0; h <= 24; h++)
    {
      float y = QUORUM_TIME_GRID_HEADER + h * QUORUM_TIME_GRID_HOUR_HEIGHT;
      g_autofree char *label = g_strdup_printf ("%02d:00", h);

      append_line (snapshot, &line, QUORUM_TIME_GRID_GUTTER, y, width - QUORUM_TIME_GRID_GUTTER, 1);
      if (h < 24)
        draw_text (self, snapshot, label, 6, y + 2, 0, FALSE, &faint);
    }
  for (guint c = 0; c <= self->columns->len; c++)
    append_line (snapshot, &line, QUORUM_TIME_GRID_GUTTER + c * colw, QUORUM_TIME_GRID_HEADER,
                 1, DAY_HEIGHT);

  for (guint i = 0; i < self->blocks->len; i++)
    gtk_widget_snapshot_child (widget, g_array_index (self->blocks, Block, i).widget, snapshot);
  if (self->drag_preview != NULL && gtk_widget_get_visible (self->drag_preview))
    gtk_widget_snapshot_child (widget, self->drag_preview, snapshot);

  for (guint c = 0; c < self->columns->len; c++)
    {
      const Column *col = &g_array_index (self->columns, Column, c);

      if (self->now >= col->day_start && self->now < col->day_start + 25 * G_TIME_SPAN_HOUR &&
          y_for (col->day_start, self->now) < QUORUM_TIME_GRID_HEADER + DAY_HEIGHT)
        {
          float y = y_for (col->day_start, self->now);

          append_line (snapshot, &now_color, QUORUM_TIME_GRID_GUTTER + c * colw, y - 1, colw, 2);
          gtk_snapshot_append_color (snapshot, &now_color,
                                     &GRAPHENE_RECT_INIT (QUORUM_TIME_GRID_GUTTER + c * colw - 4,
                                                          y - 4, 8, 8));
        }
    }

  /* Headings last, over the blocks, pinned to the visible top. */
  header_bg = (GdkRGBA) { 0.5f, 0.5f, 0.5f, 0.12f };
  {
    GdkRGBA opaque;
    gboolean dark = fg.red > 0.5f;

    opaque = dark ? (GdkRGBA) { 0.14f, 0.14f, 0.14f, 1 } : (GdkRGBA) { 0.98f, 0.98f, 0.98f, 1 };
    append_line (snapshot, &opaque, 0, top, width, QUORUM_TIME_GRID_HEADER);
    append_line (snapshot, &header_bg, 0, top, width, QUORUM_TIME_GRID_HEADER);
    append_line (snapshot, &line, 0, top + QUORUM_TIME_GRID_HEADER - 1, width, 1);
  }
  for (guint c = 0; c < self->columns->len; c++)
    {
      const Column *col = &g_array_index (self->columns, Column, c);
      float x = QUORUM_TIME_GRID_GUTTER + c * colw;

      draw_text (self, snapshot, col->label, x + 2, top + (col->sublabel ? 2 : 10), colw - 4, TRUE, &fg);
      if (col->sublabel)
        draw_text (self, snapshot, col->sublabel, x + 2, top + 20, colw - 4, FALSE, &faint);
    }
}

/* Input */

static gboolean
column_at (QuorumTimeGrid *self,
           double          x,
           guint          *out_column)
{
  double colw = column_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
  double c;

  if (x < QUORUM_TIME_GRID_GUTTER || self->columns->len == 0)
    return FALSE;
  c = (x - QUORUM_TIME_GRID_GUTTER) / colw;
  if (c >= self->columns->len)
    return FALSE;
  *out_column = (guint) c;
  return TRUE;
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            QuorumTimeGrid *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  guint column;

  if ((picked != NULL && picked != GTK_WIDGET (self)) || !column_at (self, x, &column) ||
      y - header_offset (self) < QUORUM_TIME_GRID_HEADER)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
}

static void
selection_range (QuorumTimeGrid *self,
                 double          y0,
                 double          y1,
                 gint64          day_start,
                 gint64         *start,
                 gint64         *end)
{
  if (ABS (y1 - y0) < 8)
    {
      /* A click: an hour from the half hour under the pointer. */
      *start = quorum_time_grid_time_at (day_start, y0, 30);
      *end = *start + G_TIME_SPAN_HOUR;
    }
  else
    {
      *start = quorum_time_grid_time_at (day_start, MIN (y0, y1), 15);
      *end = quorum_time_grid_time_at (day_start, MAX (y0, y1) + 14 * QUORUM_TIME_GRID_HOUR_HEIGHT / 60.0, 15);
      if (*end <= *start)
        *end = *start + 15 * G_TIME_SPAN_MINUTE;
    }
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             QuorumTimeGrid *self)
{
  guint column;
  gint64 start, end;
  const Column *c;
  double colw = column_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
  GtkAllocation *rect;

  if (!column_at (self, self->drag_x, &column) || ABS (dy) < 8)
    return;
  c = &g_array_index (self->columns, Column, column);
  selection_range (self, self->drag_y, self->drag_y + dy, c->day_start, &start, &end);
  if (self->drag_preview == NULL)
    {
      self->drag_preview = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->drag_preview, "grid-selection");
      gtk_widget_set_parent (self->drag_preview, GTK_WIDGET (self));
    }
  rect = g_new (GtkAllocation, 1);
  rect->x = QUORUM_TIME_GRID_GUTTER + column * colw + 1;
  rect->y = y_for (c->day_start, start);
  rect->width = colw - 2;
  rect->height = MAX (y_for (c->day_start, end) - rect->y, 4);
  g_object_set_data_full (G_OBJECT (self->drag_preview), "rect", rect, g_free);
  gtk_widget_set_visible (self->drag_preview, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          QuorumTimeGrid *self)
{
  guint column;
  gint64 start, end;

  if (self->drag_preview != NULL)
    gtk_widget_set_visible (self->drag_preview, FALSE);
  if (!column_at (self, self->drag_x, &column))
    return;
  selection_range (self, self->drag_y, self->drag_y + dy,
                   g_array_index (self->columns, Column, column).day_start, &start, &end);
  g_signal_emit (self, signals[RANGE_SELECTED], 0, column, start, end);
}

/* Object */

static void
quorum_time_grid_dispose (GObject *object)
{
  QuorumTimeGrid *self = QUORUM_TIME_GRID (object);

  quorum_time_grid_clear_blocks (self);
  g_clear_pointer (&self->drag_preview, gtk_widget_unparent);
  if (self->vadj)
    g_signal_handlers_disconnect_by_data (self->vadj, self);
  g_clear_object (&self->vadj);
  G_OBJECT_CLASS (quorum_time_grid_parent_class)->dispose (object);
}

static void
quorum_time_grid_finalize (GObject *object)
{
  QuorumTimeGrid *self = QUORUM_TIME_GRID (object);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  G_OBJECT_CLASS (quorum_time_grid_parent_class)->finalize (object);
}

static void
quorum_time_grid_class_init (QuorumTimeGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_time_grid_dispose;
  object_class->finalize = quorum_time_grid_finalize;
  widget_class->measure = quorum_time_grid_measure;
  widget_class->size_allocate = quorum_time_grid_size_allocate;
  widget_class->snapshot = quorum_time_grid_snapshot;

  signals[RANGE_SELECTED] =
    g_signal_new ("range-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_INT64);
  signals[BLOCK_ACTIVATED] =
    g_signal_new ("block-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MORE_ACTIVATED] =
    g_signal_new ("more-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "timegrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
quorum_time_grid_init (QuorumTimeGrid *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, quorum_time_grid_block_clear);
  self->min_column_width = 40;

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
quorum_time_grid_new (guint min_column_width)
{
  QuorumTimeGrid *self = g_object_new (QUORUM_TYPE_TIME_GRID, NULL);

  self->min_column_width = MAX (min_column_width, 16);
  return GTK_WIDGET (self);
}

void
quorum_time_grid_set_columns (QuorumTimeGrid         *self,
                              const QuorumGridColumn *columns,
                              guint                   n_columns)
{
  g_return_if_fail (QUORUM_IS_TIME_GRID (self));

  quorum_time_grid_clear_blocks (self);
  g_array_set_size (self->columns, 0);
  for (guint i = 0; i < n_columns; i++)
    {
      Column c = { columns[i].day_start, columns[i].room_id,
                   g_strdup (columns[i].label ? columns[i].label : ""),
                   g_strdup (columns[i].sublabel) };

      g_array_append_val (self->columns, c);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
quorum_time_grid_get_n_columns (QuorumTimeGrid *self)
{
  g_return_val_if_fail (QUORUM_IS_TIME_GRID (self), 0);
  return self->columns->len;
}

const QuorumGridColumn *
quorum_time_grid_get_column (QuorumTimeGrid *self,
                             guint           column)
{
  static QuorumGridColumn view;
  const Column *c;

  g_return_val_if_fail (QUORUM_IS_TIME_GRID (self), NULL);
  if (column >= self->columns->len)
    return NULL;
  c = &g_array_index (self->columns, Column, column);
  view = (QuorumGridColumn) { c->day_start, c->room_id, c->label, c->sublabel };
  return &view;
}

void
quorum_time_grid_set_now (QuorumTimeGrid *self,
                          gint64          now)
{
  g_return_if_fail (QUORUM_IS_TIME_GRID (self));
  self->now = now;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_scroll (GtkAdjustment  *adj,
           QuorumTimeGrid *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
quorum_time_grid_set_vadjustment (QuorumTimeGrid *self,
                                  GtkAdjustment  *adj)
{
  g_return_if_fail (QUORUM_IS_TIME_GRID (self));

  if (self->vadj)
    g_signal_handlers_disconnect_by_data (self->vadj, self);
  g_set_object (&self->vadj, adj);
  if (adj)
    g_signal_connect (adj, "value-changed", G_CALLBACK (on_scroll), self);
}
