/* bench-agenda.c — the real window over a large replica, frame by frame
 *
 * Fills (or reuses, --data-dir) the replica of bench-replica (1,000,000
 * meetings by default, bench-fill.c), starts the real QuorumApplication on
 * it under a display (Xvfb: the X11 backend and GTK's cairo renderer, as
 * test-ui) and prints:
 *   - the time from the application's "activate" (the window is made
 *     there) to the first painted frame, and to the first frame showing
 *     agenda rows;
 *   - the agenda scrolled from today, one viewport per frame (set on the
 *     list's vadjustment from a tick callback), --viewports times;
 *   - jumps of the agenda's date: today, +1 year, -1 year, --jumps times
 *     each, a few viewports scrolled after each;
 *   - the week view moved on by win.next (Alt+Right), one week per frame,
 *     --weeks times, from the first week of the replica's meetings;
 * each as frame-clock figures: the interval between frame times
 * (gdk_frame_clock_get_frame_time), frames over 16.7, 33.3 and 50 ms, and
 * where a frame's time went (update + layout, paint, measured between
 * the frame clock's phase signals), with the process RSS along the way.
 *
 * Figures only, never an assertion on time; it exits with an error when
 * the work did not happen (no rows on screen, no frames, no scrolling).
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" bench-agenda [--meetings N]
 *       [--data-dir DIR] [--viewports N] [--jumps N] [--weeks N]
 */
#include "bench-util.h"
#include "bench-fill.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "quorum-application.h"
#include "quorum-window.h"
#include "quorum-agenda-view.h"
#include "quorum-agenda-model.h"
#include "quorum-week-view.h"
#include "quorum-rooms-view.h"
#include "quorum-week-layout.h"

/* One run of frames: what each frame cost, in milliseconds. */
typedef struct {
  GArray  *interval;      /* frame time - previous frame time */
  GArray  *work;          /* before-paint -> after-paint */
  GArray  *layout;        /* before-paint -> end of layout (update + layout) */
  GArray  *paint;         /* end of layout -> end of paint */
  gint64   last_frame_time;
  gint64   t_before, t_layout, t_paint;
} Frames;

static struct {
  QuorumApplication *app;
  QuorumWindow      *window;
  GdkFrameClock     *clock;
  Frames            *frames;        /* being recorded, or NULL */
  GtkWidget         *list;          /* the agenda's GtkListView */
  GtkAdjustment     *vadj;
  gint64             data_first;    /* first and last day with meetings */
  gint64             data_last;
  double             t_main;
  double             t_activate;
  double             t_presented;
  double             t_first_paint;
  double             t_rows;
  guint              rows_at_first;
  guint              n_viewports, n_jumps, n_weeks;
  int                status;
} B;

/* Warnings: counted, the first few shown.  Thousands of them written to
 * stderr would be timed as if the window's work. */

static guint n_warnings;

static GLogWriterOutput
count_warnings (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      if (n_warnings++ < 3)
        g_log_writer_standard_streams (level, fields, n_fields, user_data);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
print_warnings (const char *when)
{
  if (n_warnings > 0)
    g_print ("  %u GLib/GTK warnings and criticals %s (the first 3 on stderr)\n", n_warnings, when);
  n_warnings = 0;
}

/* Process memory */

static gboolean
read_rss (char **rss,
          char **hwm)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return FALSE;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        *rss = g_strdup (g_strstrip (lines[i] + 6));
      else if (g_str_has_prefix (lines[i], "VmHWM:"))
        *hwm = g_strdup (g_strstrip (lines[i] + 6));
    }
  return *rss != NULL && *hwm != NULL;
}

static void
print_rss (const char *when)
{
  g_autofree char *rss = NULL, *hwm = NULL, *trimmed = NULL, *unused = NULL;

  if (!read_rss (&rss, &hwm))
    return;
  /* What malloc keeps of freed memory, apart from what is in use */
  malloc_trim (0);
  read_rss (&trimmed, &unused);
  g_print ("  RSS %-34s %10s  (peak %s; %s after malloc_trim)\n", when, rss, hwm, trimmed);
}

/* Frame recording */

static Frames *
frames_new (void)
{
  Frames *f = g_new0 (Frames, 1);

  f->interval = g_array_new (FALSE, FALSE, sizeof (double));
  f->work = g_array_new (FALSE, FALSE, sizeof (double));
  f->layout = g_array_new (FALSE, FALSE, sizeof (double));
  f->paint = g_array_new (FALSE, FALSE, sizeof (double));
  return f;
}

static void
frames_free (Frames *f)
{
  g_array_unref (f->interval);
  g_array_unref (f->work);
  g_array_unref (f->layout);
  g_array_unref (f->paint);
  g_free (f);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Frames, frames_free)

static void
append_ms (GArray *a,
           gint64  us)
{
  double ms = us / 1000.0;

  g_array_append_val (a, ms);
}

/* Connected after GDK's own handlers (the surface is realized by then),
 * so "layout" and "paint" fire when GTK's layout and paint are done. */
static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       user_data)
{
  if (B.frames != NULL)
    B.frames->t_before = g_get_monotonic_time ();
}

static void
on_layout (GdkFrameClock *clock,
           gpointer       user_data)
{
  if (B.frames != NULL)
    B.frames->t_layout = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock,
          gpointer       user_data)
{
  if (B.frames != NULL)
    B.frames->t_paint = g_get_monotonic_time ();
}

static guint
visible_rows (void)
{
  guint n = 0;

  /* GtkListView keeps widgets only for the rows around the visible part */
  for (GtkWidget *c = gtk_widget_get_first_child (B.list); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_mapped (c) && gtk_widget_get_height (c) > 0 && gtk_widget_get_first_child (c))
      n++;
  return n;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  Frames *f = B.frames;
  gint64 now = g_get_monotonic_time ();
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  if (B.t_first_paint == 0)
    B.t_first_paint = bench_now ();
  if (B.t_rows == 0 && B.list != NULL &&
      g_strcmp0 (quorum_window_get_view (B.window), "agenda") == 0 &&
      (B.rows_at_first = visible_rows ()) > 0)
    B.t_rows = bench_now ();

  if (f == NULL)
    return;
  if (f->last_frame_time != 0 && frame_time > f->last_frame_time)
    append_ms (f->interval, frame_time - f->last_frame_time);
  f->last_frame_time = frame_time;
  if (f->t_before != 0 && f->t_layout >= f->t_before && f->t_paint >= f->t_layout)
    {
      append_ms (f->work, now - f->t_before);
      append_ms (f->layout, f->t_layout - f->t_before);
      append_ms (f->paint, f->t_paint - f->t_layout);
    }
  f->t_before = f->t_layout = f->t_paint = 0;
}

static double
over (GArray *ms,
      double  limit)
{
  guint n = 0;

  for (guint i = 0; i < ms->len; i++)
    n += g_array_index (ms, double, i) > limit;
  return n;
}

static void
print_series (const char *what,
              GArray     *ms)
{
  g_print ("    %-22s median %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms\n", what,
           bench_median (ms), bench_quantile (ms, 0.95), bench_quantile (ms, 0.99),
           bench_quantile (ms, 1.0));
}

static void
print_frames (const char *what,
              Frames     *f)
{
  g_print ("  %s: %u frames\n", what, f->work->len);
  g_print ("    frames over 16.7 ms: %.0f, over 33.3 ms: %.0f, over 50 ms: %.0f\n",
           over (f->interval, 16.7), over (f->interval, 33.3), over (f->interval, 50));
  print_series ("frame interval", f->interval);
  print_series ("work in frame", f->work);
  print_series ("  update + layout", f->layout);
  print_series ("  paint", f->paint);
  if (f->interval->len == 0)
    {
      g_printerr ("%s: no frames were drawn\n", what);
      B.status = 1;
    }
}

/* Driving: one step per frame from a tick callback */

typedef gboolean (*StepFunc) (guint step, gpointer data);

typedef struct {
  StepFunc  func;
  gpointer  data;
  guint     step;
  gboolean  done;
} Driver;

static gboolean
drive_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Driver *d = user_data;

  if (d->done)
    return G_SOURCE_REMOVE;
  if (!d->func (d->step++, d->data))
    {
      d->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Calls @func once per frame until it returns FALSE. */
static void
drive (StepFunc func,
       gpointer data)
{
  Driver d = { func, data, 0, FALSE };

  gtk_widget_add_tick_callback (GTK_WIDGET (B.window), drive_tick, &d, NULL);
  while (!d.done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
step_idle (guint step, gpointer data)
{
  return step < GPOINTER_TO_UINT (data);
}

/* Lets @n frames pass (after a view switch: its first layout is not
 * what is measured). */
static void
wait_frames (guint n)
{
  drive (step_idle, GUINT_TO_POINTER (n));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Agenda scrolling */

typedef struct {
  guint  viewports;   /* to scroll */
  guint  advanced;    /* frames in which the value moved */
  guint  stuck;       /* frames at the end of what is loaded */
  double distance;    /* px */
} Scroll;

static gboolean
step_scroll (guint step, gpointer data)
{
  Scroll *s = data;
  double before = gtk_adjustment_get_value (B.vadj);
  double page = gtk_adjustment_get_page_size (B.vadj);

  if (step >= s->viewports || s->stuck > 300)
    return FALSE;
  gtk_adjustment_set_value (B.vadj, before + page);
  if (gtk_adjustment_get_value (B.vadj) > before)
    {
      s->advanced++;
      s->distance += gtk_adjustment_get_value (B.vadj) - before;
    }
  else
    s->stuck++;
  return TRUE;
}

static void
scroll_agenda (const char *what,
               guint       viewports,
               Frames     *into)
{
  Scroll s = { viewports, 0, 0, 0 };

  into->last_frame_time = 0;   /* not the time since this series last ran */
  B.frames = into;
  drive (step_scroll, &s);
  B.frames = NULL;
  g_print ("    %s: scrolled %u of %u viewports (%.0f px, a viewport %.0f px), %u frames at the "
           "end of the loaded rows; %u rows loaded\n",
           what, s.advanced, viewports, s.distance, gtk_adjustment_get_page_size (B.vadj), s.stuck,
           g_list_model_get_n_items (G_LIST_MODEL (quorum_agenda_view_get_model (
             QUORUM_AGENDA_VIEW (quorum_window_get_view_widget (B.window, "agenda"))))));
  if (s.advanced == 0)
    {
      g_printerr ("%s: the agenda did not scroll\n", what);
      B.status = 1;
    }
}

/* Date jumps and week switching: one action, timed, in one frame */

typedef struct {
  gint64  date;
  double  took;       /* s, the call itself */
} Jump;

static gboolean
step_jump (guint step, gpointer data)
{
  Jump *j = data;
  double t;

  if (step > 0)
    return FALSE;
  t = bench_now ();
  quorum_window_set_date (B.window, j->date);
  j->took = bench_now () - t;
  return TRUE;
}

typedef struct {
  guint   n;
  GArray *took;       /* ms per win.next */
  guint64 blocks;     /* meeting blocks in the grid after each */
  guint64 watched;    /* blocks replaced by a switch */
  guint64 finalized;  /* of those, freed */
} Weeks;

static void
on_block_finalized (gpointer  data,
                    GObject  *where_the_object_was)
{
  ((Weeks *) data)->finalized++;
}

/* Watches the grid's widgets, which the next week replaces: a replaced
 * block that is never finalized is a leak. */
static void
watch_grid (Weeks *w)
{
  QuorumWeekView *week = QUORUM_WEEK_VIEW (quorum_window_get_view_widget (B.window, "week"));

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (quorum_week_view_get_grid (week)));
       c; c = gtk_widget_get_next_sibling (c))
    {
      g_object_weak_ref (G_OBJECT (c), on_block_finalized, w);
      w->watched++;
    }
}

static guint
grid_children (void)
{
  QuorumWeekView *week = QUORUM_WEEK_VIEW (quorum_window_get_view_widget (B.window, "week"));
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (quorum_week_view_get_grid (week)));
       c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static gboolean
step_week (guint step, gpointer data)
{
  Weeks *w = data;
  double t;

  if (step >= w->n)
    return FALSE;
  watch_grid (w);
  t = bench_now ();
  if (!gtk_widget_activate_action (GTK_WIDGET (B.window), "win.next", NULL))
    g_error ("win.next is not an action of the window");
  append_ms (w->took, (bench_now () - t) * G_USEC_PER_SEC);
  w->blocks += grid_children ();
  return TRUE;
}

/* The phases, inside the application's "activate" */

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_view (c);
      if (found)
        return found;
    }
  return NULL;
}

static void
print_day (const char *what,
           gint64      us)
{
  g_autoptr(GDateTime) d = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  g_autofree char *s = g_date_time_format (d, "%Y-%m-%d");

  g_print ("%s%s", what, s);
}

static gint64
bench_today (void)
{
  gint64 now = g_get_real_time ();

  /* A smaller replica may end before today: start in its middle then. */
  if (now < B.data_first || now > B.data_last)
    return B.data_first + (B.data_last - B.data_first) / 2;
  return now;
}

static void
first_frame (void)
{
  /* The window was presented by the application's activate, before this
   * handler; the first frames come from the main loop. */
  while (B.t_rows == 0 && bench_now () - B.t_activate < 60)
    g_main_context_iteration (NULL, TRUE);
  g_print ("\nfirst frame (the window is made in the application's \"activate\")\n");
  g_print ("  activate -> window made and presented  %8.1f ms\n", (B.t_presented - B.t_activate) * 1e3);
  g_print ("  activate -> first frame painted        %8.1f ms\n", (B.t_first_paint - B.t_activate) * 1e3);
  g_print ("  activate -> first frame with rows      %8.1f ms  (%u agenda rows on screen)\n",
           (B.t_rows - B.t_activate) * 1e3, B.rows_at_first);
  g_print ("  application made -> frame with rows    %8.1f ms\n", (B.t_rows - B.t_main) * 1e3);
  if (B.t_rows == 0)
    {
      g_printerr ("no agenda rows on screen after 60 s (page %s)\n",
                  quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (quorum_window_get_view_widget (B.window, "agenda"))));
      B.status = 1;
    }
}

static void
agenda_scroll (void)
{
  g_autoptr(Frames) f = frames_new ();

  g_print ("\nagenda: scroll one viewport per frame from ");
  print_day ("", bench_today ());
  g_print ("\n");
  quorum_window_set_date (B.window, bench_today ());
  wait_frames (5);
  scroll_agenda ("from today", B.n_viewports, f);
  print_frames ("agenda scroll", f);
  print_warnings ("while scrolling");
  print_rss ("after the scroll");
}

static void
agenda_jumps (void)
{
  g_autoptr(Frames) f = frames_new ();
  g_autoptr(Frames) scroll = frames_new ();
  g_autoptr(GArray) took = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 today = bench_today ();
  /* Far jumps within the replica's days (a smaller one spans less than
   * two years: its first and last days then). */
  gint64 dates[3] = { today, CLAMP (quorum_day_add (today, 365, tz), B.data_first, B.data_last),
                      CLAMP (quorum_day_add (today, -365, tz), B.data_first, B.data_last) };
  const char *names[3] = { "today", "+1 year", "-1 year" };
  guint min_rows = G_MAXUINT;

  g_print ("\nagenda: jumps (quorum_window_set_date, as the date picker), %u rounds of "
           "today, +1 year, -1 year, 20 viewports scrolled after each\n", B.n_jumps);
  for (guint r = 0; r < B.n_jumps; r++)
    for (guint k = 0; k < 3; k++)
      {
        Jump j = { dates[k], 0 };
        double ms;
        guint rows;

        f->last_frame_time = 0;
        B.frames = f;
        drive (step_jump, &j);
        /* the frame after the one that jumped shows its cost */
        drive (step_idle, GUINT_TO_POINTER (2));
        B.frames = NULL;
        rows = visible_rows ();
        min_rows = MIN (min_rows, rows);
        ms = j.took * 1e3;
        g_array_append_val (took, ms);
        if (r == 0)
          {
            print_day ("    ", dates[k]);
            g_print (" %-8s set_date %7.1f ms, %u rows on screen after it, the list scrolled to %.0f px\n",
                     names[k], ms, rows, gtk_adjustment_get_value (B.vadj));
          }
        f->last_frame_time = 0;   /* the scroll's frames are not counted here */
        scroll_agenda (names[k], 20, scroll);
      }
  print_series ("set_date (the call)", took);
  print_frames ("frames around the jumps", f);
  /* quorum_window_set_date sets the date of all three views, shown or
   * not: which of them takes the time (each called alone, between frames) */
  {
    QuorumAgendaView *agenda = QUORUM_AGENDA_VIEW (quorum_window_get_view_widget (B.window, "agenda"));
    QuorumWeekView *week = QUORUM_WEEK_VIEW (quorum_window_get_view_widget (B.window, "week"));
    QuorumRoomsView *rooms = QUORUM_ROOMS_VIEW (quorum_window_get_view_widget (B.window, "rooms"));
    g_autoptr(GArray) t_agenda = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) t_week = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) t_rooms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint r = 0; r < B.n_jumps; r++)
      for (guint k = 0; k < 3; k++)
        {
          double t0 = bench_now (), t1, t2, t3;

          quorum_agenda_view_set_date (agenda, dates[k]);
          t1 = bench_now ();
          quorum_week_view_set_date (week, dates[k]);
          t2 = bench_now ();
          quorum_rooms_view_set_date (rooms, dates[k]);
          t3 = bench_now ();
          append_ms (t_agenda, (t1 - t0) * G_USEC_PER_SEC);
          append_ms (t_week, (t2 - t1) * G_USEC_PER_SEC);
          append_ms (t_rooms, (t3 - t2) * G_USEC_PER_SEC);
          wait_frames (2);
        }
    g_print ("    set_date of each view alone:\n");
    print_series ("  agenda (shown)", t_agenda);
    print_series ("  week (hidden)", t_week);
    print_series ("  rooms (hidden)", t_rooms);
  }
  quorum_window_set_date (B.window, today);
  print_frames ("scrolling after the jumps", scroll);
  if (min_rows == 0)
    {
      g_printerr ("a jump left no agenda rows on screen\n");
      B.status = 1;
    }
  print_warnings ("around the jumps");
  print_rss ("after the jumps");
}

static void
week_switch (void)
{
  g_autoptr(Frames) f = frames_new ();
  g_autoptr(GArray) took = g_array_new (FALSE, FALSE, sizeof (double));
  QuorumWeekView *week = QUORUM_WEEK_VIEW (quorum_window_get_view_widget (B.window, "week"));
  Weeks w = { B.n_weeks, took, 0, 0, 0 };
  gint64 start;

  gtk_widget_activate_action (GTK_WIDGET (B.window), "win.view", "s", "week");
  quorum_window_set_date (B.window, B.data_first);
  wait_frames (10);
  start = quorum_week_view_get_week_start (week);
  g_print ("\nweek: win.next (Alt+Right) once per frame, %u times from ", B.n_weeks);
  print_day ("", start);
  g_print ("\n");
  B.frames = f;
  drive (step_week, &w);
  drive (step_idle, GUINT_TO_POINTER (2));
  B.frames = NULL;
  g_print ("    moved %.0f weeks, %.0f widgets in the grid per week on average\n",
           (double) (quorum_week_view_get_week_start (week) - start) / BENCH_WEEK_US,
           (double) w.blocks / MAX (1, w.n));
  g_print ("    widgets of the weeks left behind: %" G_GUINT64_FORMAT ", of which finalized: %"
           G_GUINT64_FORMAT "\n", w.watched, w.finalized);
  print_series ("win.next (the call)", took);
  print_frames ("week switching", f);
  if (quorum_week_view_get_week_start (week) - start < (gint64) (B.n_weeks - 1) * BENCH_WEEK_US)
    {
      g_printerr ("the week view did not move on %u weeks\n", B.n_weeks);
      B.status = 1;
    }
  print_warnings ("while switching weeks");
  print_rss ("after the weeks");
}

static void
on_activate_before (GApplication *app,
                    gpointer      user_data)
{
  B.t_activate = bench_now ();
}

static void
on_activate_after (GApplication *app,
                   gpointer      user_data)
{
  GtkWidget *agenda;

  B.t_presented = bench_now ();
  B.window = QUORUM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (B.window == NULL)
    g_error ("the application made no window");
  B.clock = gtk_widget_get_frame_clock (GTK_WIDGET (B.window));
  if (B.clock == NULL)
    g_error ("the window has no frame clock after being presented");
  agenda = quorum_window_get_view_widget (B.window, "agenda");
  B.list = find_list_view (agenda);
  if (B.list == NULL)
    g_error ("no GtkListView in the agenda view");
  B.vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (B.list));
  g_signal_connect (B.clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (B.clock, "layout", G_CALLBACK (on_layout), NULL);
  g_signal_connect (B.clock, "paint", G_CALLBACK (on_paint), NULL);
  g_signal_connect (B.clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  /* A replica that ends before today (--meetings under a million) opens
   * on a day it has, as a user's would: set before the first frame. */
  if (g_get_real_time () < B.data_first || g_get_real_time () > B.data_last)
    {
      g_print ("(the replica has no meetings today: the window is set to ");
      print_day ("", bench_today ());
      g_print (" before its first frame)\n");
      quorum_window_set_date (B.window, bench_today ());
    }
  first_frame ();
  if (B.status == 0)
    {
      g_print ("  window %d×%d, agenda viewport %.0f px\n",
               gtk_widget_get_width (GTK_WIDGET (B.window)), gtk_widget_get_height (GTK_WIDGET (B.window)),
               gtk_adjustment_get_page_size (B.vadj));
      print_warnings ("up to the first frame");
      print_rss ("at the first frame");
      agenda_scroll ();
      if (B.n_jumps > 0)
        agenda_jumps ();
      if (B.n_weeks > 0)
        week_switch ();
    }
  g_application_quit (app);
}

int
main (int    argc,
      char **argv)
{
  guint n = bench_arg_uint (argc, argv, "--meetings", 1000000);
  const char *keep = bench_arg_str (argc, argv, "--data-dir", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GSettings) settings = NULL;
  char *app_argv[] = { argv[0], NULL };

  g_log_set_writer_func (count_warnings, NULL, NULL);
  B.t_main = bench_now ();
  B.n_viewports = bench_arg_uint (argc, argv, "--viewports", 2000);
  B.n_jumps = bench_arg_uint (argc, argv, "--jumps", 5);
  B.n_weeks = bench_arg_uint (argc, argv, "--weeks", 200);

  /* As test-ui, before GTK starts: Xvfb has no GL, the schemas are the
   * build's, no session bus (no keyring prompt waiting), and the time
   * zone the replica's working hours are in. */
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMAS_DIR, FALSE);
  g_setenv ("TZ", "Europe/Istanbul", FALSE);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/quorum-bench-no-bus", TRUE);
      g_setenv ("GTK_A11Y", "test", FALSE);
    }
  tzset ();
  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_printerr ("bench-agenda needs a display: xvfb-run -a -s \"-screen 0 1280x800x24\" %s\n", argv[0]);
      return 77;
    }

  tmp = bench_make_tmp_dir ("agenda");
  dir = keep ? g_strdup (keep) : g_build_filename (tmp, "replica", NULL);
  bench_isolate_env (tmp);   /* logs, memory GSettings, the locale */
  {
    g_autoptr(QuorumStore) store = bench_fill_open (dir, n);
    GStatBuf st;

    g_stat (quorum_store_get_path (store), &st);
    g_print ("replica: %" G_GINT64_FORMAT " meetings, %.0f MB\n",
             quorum_store_count_meetings (store), st.st_size / 1e6);
    B.data_first = bench_fill_day_start (0);
    /* midday of the last day with meetings (the day after it may be a
     * Saturday: the fill leaves weekends empty) */
    B.data_last = bench_fill_day_start ((MAX (n, 1) - 1) / BENCH_PER_DAY) + 12 * G_TIME_SPAN_HOUR;
  }
  g_setenv ("QUORUM_DATA_DIR", dir, TRUE);

  /* The window as test-ui pictures it; the memory backend is one per
   * process, so the application reads these. */
  settings = g_settings_new ("org.quorum.Quorum");
  g_settings_set_int (settings, "window-width", 1024);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_string (settings, "view", "agenda");
  g_print ("renderer: GDK_BACKEND=%s GSK_RENDERER=%s, TZ=%s\n",
           g_getenv ("GDK_BACKEND"), g_getenv ("GSK_RENDERER"), g_getenv ("TZ"));
  print_rss ("before the application");

  B.t_main = bench_now ();
  B.app = quorum_application_new ();
  g_application_set_flags (G_APPLICATION (B.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (B.app, "activate", G_CALLBACK (on_activate_before), NULL);
  g_signal_connect_after (B.app, "activate", G_CALLBACK (on_activate_after), NULL);
  if (g_application_run (G_APPLICATION (B.app), 1, app_argv) != 0)
    B.status = 1;
  g_clear_object (&B.app);
  g_clear_object (&settings);
  bench_rm_rf (tmp);
  return B.status;
}
