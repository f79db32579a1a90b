/* quorum-week-view.c — a week of the replica in a time grid */
#include "config.h"
#include "quorum-week-view.h"
#include "quorum-week-layout.h"
#include "quorum-format.h"

#include <glib/gi18n.h>

struct _QuorumWeekView {
  GtkWidget       parent_instance;
  QuorumStore    *store;
  GtkWidget      *scroller;
  QuorumTimeGrid *grid;
  gint64          date;
  int             first_weekday;   /* -1: locale */
  gboolean        show_cancelled;
  gboolean        stale;           /* changed while hidden: reload when shown */
};

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { MEETING_ACTIVATED, NEW_MEETING_REQUESTED, DAY_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumWeekView, quorum_week_view, GTK_TYPE_WIDGET)

/* Shared with the rooms view */

static gboolean
scroll_to_morning (gpointer user_data)
{
  GtkAdjustment *adj = user_data;

  gtk_adjustment_set_value (adj, 8 * QUORUM_TIME_GRID_HOUR_HEIGHT);
  return G_SOURCE_REMOVE;
}

static void
scroller_mapped (GtkWidget *scroller)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  if (g_object_get_data (G_OBJECT (scroller), "scrolled") == NULL)
    {
      g_object_set_data (G_OBJECT (scroller), "scrolled", GINT_TO_POINTER (1));
      /* After the first allocation, when the adjustment knows its range. */
      g_idle_add_full (G_PRIORITY_LOW, scroll_to_morning, g_object_ref (adj), g_object_unref);
    }
}

GtkWidget *
quorum_time_grid_scroller_new (guint            min_column_width,
                               QuorumTimeGrid **out_grid)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid = quorum_time_grid_new (min_column_width);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_widget_set_vexpand (scroller, TRUE);
  quorum_time_grid_set_vadjustment (QUORUM_TIME_GRID (grid),
                                    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  g_signal_connect (scroller, "map", G_CALLBACK (scroller_mapped), NULL);
  quorum_time_grid_set_now (QUORUM_TIME_GRID (grid), g_get_real_time ());
  *out_grid = QUORUM_TIME_GRID (grid);
  return scroller;
}

/* The user takes part, or it waits to be sent or was refused: drawn
 * even on a day too busy to draw every meeting. */
static gboolean
preferred (const QuorumMeeting *m,
           gint64               user_id)
{
  const char *icon, *label;

  return quorum_format_sync_mark (m->sync_state, &icon, &label) || quorum_meeting_takes_part (m, user_id);
}

void
quorum_time_grid_place (QuorumTimeGrid *grid,
                        guint           column,
                        GPtrArray      *meetings,
                        gboolean        show_cancelled,
                        gint64          user_id)
{
  const QuorumGridColumn *col = quorum_time_grid_get_column (grid, column);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 day = col->day_start;
  gint64 next = quorum_day_add (day, 1, tz);
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (QuorumWeekSlot));
  g_autoptr(GArray) prefer = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GPtrArray) in_day = g_ptr_array_new ();
  g_autofree gboolean *shown = NULL;
  guint n_shown, k = 0;
  gint64 more_start = G_MAXINT64;

  for (guint i = 0; i < meetings->len; i++)
    {
      QuorumMeeting *m = g_ptr_array_index (meetings, i);
      gboolean p;

      if (m->end_time <= day || m->start_time >= next)
        continue;
      if (!show_cancelled && g_strcmp0 (m->status, "CANCELLED") == 0)
        continue;
      p = preferred (m, user_id);
      g_array_append_val (prefer, p);
      g_ptr_array_add (in_day, m);
    }
  shown = g_new0 (gboolean, MAX (in_day->len, 1));
  n_shown = quorum_week_layout_pick ((const gboolean *) (void *) prefer->data, in_day->len,
                                     QUORUM_WEEK_MAX_BLOCKS, shown);
  for (guint i = 0; i < in_day->len; i++)
    {
      QuorumMeeting *m = g_ptr_array_index (in_day, i);
      QuorumWeekSlot s = { MAX (m->start_time, day), MIN (m->end_time, next), 0, 0 };

      if (shown[i])
        g_array_append_val (slots, s);
      else
        more_start = MIN (more_start, s.start);
    }
  /* The others, as one chip an hour long where the first of them starts,
   * laid out beside the blocks like one of them. */
  if (n_shown < in_day->len)
    {
      QuorumWeekSlot s = { more_start, MIN (more_start + G_TIME_SPAN_HOUR, next), 0, 0 };

      g_array_append_val (slots, s);
    }
  quorum_week_layout_columns ((QuorumWeekSlot *) (void *) slots->data, slots->len);
  for (guint i = 0; i < in_day->len; i++)
    {
      QuorumWeekSlot *s;

      if (!shown[i])
        continue;
      s = &g_array_index (slots, QuorumWeekSlot, k++);
      quorum_time_grid_add_block (grid, column, g_ptr_array_index (in_day, i),
                                  s->start, s->end, s->column, s->n_columns);
    }
  if (n_shown < in_day->len)
    {
      QuorumWeekSlot *s = &g_array_index (slots, QuorumWeekSlot, k);

      quorum_time_grid_add_more (grid, column, s->start, s->end, s->column, s->n_columns,
                                 in_day->len - n_shown);
    }
}

/* The week */

static int
effective_first_weekday (QuorumWeekView *self)
{
  return self->first_weekday >= 0 ? self->first_weekday : quorum_locale_first_weekday ();
}

void
quorum_week_view_reload (QuorumWeekView *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  QuorumGridColumn columns[7];
  char *labels[7] = { NULL };
  char *numbers[7] = { NULL };
  gint64 start = quorum_week_start (self->date, effective_first_weekday (self), tz);
  gint64 end = quorum_day_add (start, 7, tz);

  /* Hidden (another view is shown), a week of a busy replica is thousands
   * of widgets no one sees: a date change or a sync reads it when it is
   * shown again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  for (guint d = 0; d < 7; d++)
    {
      gint64 day = quorum_day_add (start, d, tz);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

      /* The weekday over its number: "Mon 3" on one line was cut to
       * "Mo…" in the 40 px columns of a phone-wide window. */
      labels[d] = g_date_time_format (local, "%a");
      numbers[d] = g_strdup_printf ("%d", g_date_time_get_day_of_month (local));
      columns[d] = (QuorumGridColumn) { day, 0, labels[d], numbers[d] };
    }
  quorum_time_grid_set_columns (self->grid, columns, 7);
  for (guint d = 0; d < 7; d++)
    {
      g_free (labels[d]);
      g_free (numbers[d]);
    }
  quorum_time_grid_set_now (self->grid, g_get_real_time ());

  if (self->store == NULL)
    return;
  meetings = quorum_store_list_meetings (self->store, start, end, &error);
  if (meetings == NULL)
    {
      g_warning ("Week: cannot read meetings: %s", error->message);
      return;
    }
  for (guint d = 0; d < 7; d++)
    quorum_time_grid_place (self->grid, d, meetings, self->show_cancelled,
                            quorum_store_get_user_id (self->store));
}

static void
on_range_selected (QuorumTimeGrid *grid,
                   guint           column,
                   gint64          start,
                   gint64          end,
                   QuorumWeekView *self)
{
  g_signal_emit (self, signals[NEW_MEETING_REQUESTED], 0, start, end, (gint64) 0);
}

static void
on_block_activated (QuorumTimeGrid *grid,
                    const char     *local_id,
                    QuorumWeekView *self)
{
  g_signal_emit (self, signals[MEETING_ACTIVATED], 0, local_id);
}

static void
on_more_activated (QuorumTimeGrid *grid,
                   guint           column,
                   QuorumWeekView *self)
{
  g_signal_emit (self, signals[DAY_REQUESTED], 0, quorum_time_grid_get_column (grid, column)->day_start);
}

static void
quorum_week_view_constructed (GObject *object)
{
  QuorumWeekView *self = QUORUM_WEEK_VIEW (object);

  G_OBJECT_CLASS (quorum_week_view_parent_class)->constructed (object);

  self->scroller = quorum_time_grid_scroller_new (36, &self->grid);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Week"), -1);
  g_signal_connect (self->grid, "range-selected", G_CALLBACK (on_range_selected), self);
  g_signal_connect (self->grid, "block-activated", G_CALLBACK (on_block_activated), self);
  g_signal_connect (self->grid, "more-activated", G_CALLBACK (on_more_activated), self);
  quorum_week_view_reload (self);
}

static void
quorum_week_view_map (GtkWidget *widget)
{
  QuorumWeekView *self = QUORUM_WEEK_VIEW (widget);

  GTK_WIDGET_CLASS (quorum_week_view_parent_class)->map (widget);
  if (self->stale)
    quorum_week_view_reload (self);
}

static void
quorum_week_view_dispose (GObject *object)
{
  QuorumWeekView *self = QUORUM_WEEK_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (quorum_week_view_parent_class)->dispose (object);
}

static void
quorum_week_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QuorumWeekView *self = QUORUM_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_week_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QuorumWeekView *self = QUORUM_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_week_view_class_init (QuorumWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = quorum_week_view_constructed;
  object_class->dispose = quorum_week_view_dispose;
  object_class->set_property = quorum_week_view_set_property;
  object_class->get_property = quorum_week_view_get_property;
  widget_class->map = quorum_week_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, QUORUM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NEW_MEETING_REQUESTED] =
    g_signal_new ("new-meeting-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  /* A day's "+N more" chip: show that day's every meeting (the agenda). */
  signals[DAY_REQUESTED] =
    g_signal_new ("day-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "weekview");
}

static void
quorum_week_view_init (QuorumWeekView *self)
{
  self->first_weekday = -1;
  self->date = g_get_real_time ();
}

GtkWidget *
quorum_week_view_new (QuorumStore *store)
{
  return g_object_new (QUORUM_TYPE_WEEK_VIEW, "store", store, NULL);
}

void
quorum_week_view_set_first_weekday (QuorumWeekView *self,
                                    int             first_weekday)
{
  g_return_if_fail (QUORUM_IS_WEEK_VIEW (self));
  self->first_weekday = first_weekday >= 0 && first_weekday <= 6 ? first_weekday : -1;
  quorum_week_view_reload (self);
}

void
quorum_week_view_set_date (QuorumWeekView *self,
                           gint64          us)
{
  g_return_if_fail (QUORUM_IS_WEEK_VIEW (self));
  self->date = us;
  quorum_week_view_reload (self);
}

void
quorum_week_view_set_show_cancelled (QuorumWeekView *self,
                                     gboolean        show)
{
  g_return_if_fail (QUORUM_IS_WEEK_VIEW (self));
  self->show_cancelled = show;
  quorum_week_view_reload (self);
}

gint64
quorum_week_view_get_week_start (QuorumWeekView *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  g_return_val_if_fail (QUORUM_IS_WEEK_VIEW (self), 0);
  return quorum_week_start (self->date, effective_first_weekday (self), tz);
}

QuorumTimeGrid *
quorum_week_view_get_grid (QuorumWeekView *self)
{
  g_return_val_if_fail (QUORUM_IS_WEEK_VIEW (self), NULL);
  return self->grid;
}
