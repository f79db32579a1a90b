/* test-ui.c — the real application window under a display (Xvfb in CI)
 *
 * One QuorumApplication over a temporary replica; the tests run inside its
 * "activate", drive the window, the editor and the dialogs, check the
 * widget tree and the outbox, and save every view as PNG (light and dark,
 * and the window at 360 px) into the build folder.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "quorum-application.h"
#include "quorum-window.h"
#include "quorum-agenda-view.h"
#include "quorum-week-view.h"
#include "quorum-rooms-view.h"
#include "quorum-time-grid.h"
#include "quorum-week-layout.h"
#include "quorum-sync-button.h"
#include "quorum-meeting-editor.h"
#include "quorum-error-dialog.h"
#include "quorum-conflict-dialog.h"
#include "quorum-store-private.h"
#include "quorum-time.h"
#include "quorum-sign-in-dialog.h"
#include "quorum-preferences-window.h"
#include "quorum-test-server.h"
#include "quorum-account-model.h"
#include "quorum-format.h"

static QuorumApplication *app;
static QuorumWindow      *window;
static QuorumStore       *store;
static gboolean           have_display;
static int                test_status;
/* Text assertions hold in English; LANGUAGE=tr runs check structure and
 * take the Turkish screenshots. */
static gboolean           english = TRUE;
static char              *shot_dir;
static QuorumTestServer  *http_server;
static guint16            http_port;

/* Waiting */

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  (*(int *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
flag_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets GTK lay out and paint: waits for @n frames of @widget's clock.
 * The timeout is a guard against a hang, not the synchronisation. */
static void
wait_frames (GtkWidget *widget,
             int        n)
{
  int frames = 0;
  gboolean timed_out = FALSE;
  guint id = gtk_widget_add_tick_callback (widget, count_tick, &frames, NULL);
  guint guard = g_timeout_add_seconds (10, flag_timeout, &timed_out);

  while (frames < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  if (!timed_out)
    g_source_remove (guard);
  g_assert_false (timed_out);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Screenshots */

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (shot_dir, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  /* Now and then (about one run in four of ui-tr, right after a colour
   * scheme change) the window has no drawing to give yet: one more
   * frame, a few times, before calling it a failure. */
  for (int tries = 0; node == NULL && tries < 5; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (tries > 0)
        {
          g_test_message ("screenshot %s: no drawing yet, one more frame", name);
          wait_frames (widget, 1);
        }
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_mkdir_with_parents (shot_dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s (%dx%d)", path, w, h);
}

/* NAME-light.png and NAME-dark.png of @widget's toplevel. */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *top = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_frames (top, 3);
  save_png (top, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (top, 3);
  save_png (top, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* NAME-light/dark of a popover (its own surface, not the window's). */
static void
shoot_popover (GtkWidget  *popover,
               const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_frames (popover, 3);
  save_png (popover, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (popover, 3);
  save_png (popover, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static gboolean
revealers_settled (GtkWidget *widget)
{
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)) !=
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (!revealers_settled (c))
      return FALSE;
  return TRUE;
}

/* After a resize the adaptive parts move: the view switcher bar slides in
 * (shot a few frames later it showed only the top half of its icons: the
 * layout was right, the picture was mid-slide) and the header's title
 * cross-fades to the switcher.  Wait for the slides, then for the fades
 * (libadwaita's are 200–250 ms, under 20 frames). */
static void
wait_settled (GtkWidget *top)
{
  int tries = 0;

  while (!revealers_settled (top) && tries++ < 120)
    wait_frames (top, 1);
  g_assert_true (revealers_settled (top));
  wait_frames (top, 20);
}

static void
resize_and_wait (GtkWindow *win,
                 int        width,
                 int        height)
{
  int tries = 0;

  gtk_window_set_default_size (win, width, height);
  while (ABS (gtk_widget_get_width (GTK_WIDGET (win)) - width) > 40 && tries++ < 100)
    wait_frames (GTK_WIDGET (win), 1);
  wait_settled (GTK_WIDGET (win));
}

/* A dialog or secondary window at its size, then 360 px wide. */
static void
shoot_both_widths (GtkWindow  *win,
                   const char *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  int w, h;

  wait_frames (GTK_WIDGET (win), 3);
  shoot (GTK_WIDGET (win), name);
  gtk_window_get_default_size (win, &w, &h);
  resize_and_wait (win, 360, MAX (h, gtk_widget_get_height (GTK_WIDGET (win))));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (win)), <=, 420);
  /* Adaptive widgets cross-fade when they switch layout: let that end. */
  wait_frames (GTK_WIDGET (win), 30);
  shoot (GTK_WIDGET (win), narrow);
}

static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add_seconds (20, flag_timeout, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (guard);
  g_assert_false (timed_out);
}

/* Widget tree */

typedef gboolean (*WidgetPredicate) (GtkWidget *widget, gpointer data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (predicate (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_visible_sync_mark (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_has_css_class (widget, "sync-mark") &&
         gtk_widget_get_visible (widget);
}

static gboolean
is_pending_block_titled (GtkWidget *widget,
                         gpointer   title)
{
  const char *tip;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_has_css_class (widget, "meeting-block"))
    return FALSE;
  tip = gtk_widget_get_tooltip_text (widget);
  return gtk_widget_has_css_class (widget, "pending") && tip && strstr (tip, title) &&
         find_widget (widget, is_visible_sync_mark, NULL) != NULL;
}

/* The agenda row (a box holding the day label and the meeting line) whose
 * title label says @title. */
static GtkWidget *
agenda_row_for (const char *title)
{
  GtkWidget *label = find_widget (quorum_window_get_view_widget (window, "agenda"),
                                  is_label_with_text, (gpointer) title);

  if (label == NULL)
    return NULL;
  /* label → text box → line box */
  return gtk_widget_get_parent (gtk_widget_get_parent (label));
}

static void
report_wide (GtkWidget *widget,
             int        depth)
{
  int min = 0, nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  if (min > 330)
    g_test_message ("%*s%s min %d", depth * 2, "", G_OBJECT_TYPE_NAME (widget), min);
  if (depth < 12)
    for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
      report_wide (c, depth + 1);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* At phone width the view switcher shows at the bottom, whole. */
static void
assert_switcher_bar_inside (void)
{
  GtkWidget *bar = find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  graphene_rect_t b;

  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_compute_bounds (bar, GTK_WIDGET (window), &b));
  g_test_message ("switcher bar %.0f px high at y %.0f of %d", b.size.height, b.origin.y,
                  gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpfloat (b.size.height, >=, 30);
  g_assert_cmpfloat (b.origin.y + b.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)) + 0.5);
}

/* The sync button at 1024 px: its compact label whole, never "Offline, 1 chang…". */
static void
assert_sync_label_fits (void)
{
  QuorumSyncButton *button = QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window));

  wait_frames (GTK_WIDGET (window), 3);
  g_test_message ("sync button: “%s” detail “%s” (%d px of a %d px window)",
                  quorum_sync_button_get_label (button),
                  quorum_sync_button_get_detail (button) ? quorum_sync_button_get_detail (button) : "",
                  gtk_widget_get_width (GTK_WIDGET (button)), gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_true (quorum_sync_button_shows_label (button));
}

/* The sentence of the sync button's tooltip (its first line). */
static char *
sync_sentence (void)
{
  const char *tip = quorum_sync_button_get_tooltip (QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window)));
  g_auto(GStrv) lines = g_strsplit (tip ? tip : "", "\n", 2);

  return g_strdup (lines[0]);
}

/* Fixtures */

static gint64
at (const char *rfc3339)
{
  gint64 us = 0;

  g_assert_true (quorum_time_parse_rfc3339 (rfc3339, &us));
  return us;
}

static void
seed_directory (void)
{
  const char *rooms[] = {
    "{\"id\": 3, \"name\": \"Toplantı Odası 1\", \"capacity\": 8, \"is_active\": true}",
    "{\"id\": 4, \"name\": \"Büyük Salon\", \"capacity\": 30, \"is_active\": true}",
    "{\"id\": 5, \"name\": \"Kabin\", \"capacity\": 2, \"is_active\": true}",
  };
  const char *users[] = {
    "{\"id\": 7, \"username\": \"ayse\", \"name\": \"Ayşe Yılmaz\", \"email\": \"ayse@example.org\", \"is_active\": true}",
    "{\"id\": 9, \"username\": \"john\", \"name\": \"John Doe\", \"email\": \"john@example.org\", \"is_active\": true}",
    "{\"id\": 11, \"username\": \"mehmet\", \"name\": \"Mehmet Öz\", \"email\": \"mehmet@example.org\", \"is_active\": true}",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (rooms[i], &error);

      g_assert_no_error (error);
      g_assert_true (quorum_store_upsert_room (store, json_node_get_object (node), &error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (users[i], &error);

      g_assert_no_error (error);
      g_assert_true (quorum_store_upsert_user (store, json_node_get_object (node), &error));
    }
}

static QuorumMeeting *
make_meeting (const char *title,
              const char *start,
              gint64      room_id,
              gint64      p1,
              gint64      p2)
{
  QuorumMeeting *m = quorum_meeting_new ();
  gint64 ids[2] = { p1, p2 };

  g_free (m->title);
  m->title = g_strdup (title);
  m->start_time = at (start);
  m->end_time = m->start_time + G_TIME_SPAN_HOUR;
  m->room_id = room_id;
  quorum_meeting_set_participants (m, ids, p2 ? 2 : (p1 ? 1 : 0));
  return m;
}

static QuorumMeeting *
create_meeting (const char *title,
                const char *start,
                gint64      room_id,
                gint64      p1,
                gint64      p2)
{
  g_autoptr(QuorumMeeting) m = make_meeting (title, start, room_id, p1, p2);
  g_autoptr(GError) error = NULL;
  QuorumMeeting *saved = quorum_store_create_meeting (store, m, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}

static QuorumChange *
latest_change_for (const char *local_id)
{
  g_autoptr(GPtrArray) outbox = quorum_store_list_outbox (store, NULL);
  QuorumChange *found = NULL;

  g_assert_nonnull (outbox);
  for (guint i = 0; i < outbox->len; i++)
    {
      QuorumChange *c = g_ptr_array_index (outbox, i);

      if (g_strcmp0 (c->local_id, local_id) == 0)
        found = c;
    }
  return found ? quorum_change_copy (found) : NULL;
}

/* Marks the meeting's queued change rejected with @error_json, as the
 * sync engine does when the server refuses it. */
static char *
reject (const char *local_id,
        const char *error_json)
{
  g_autoptr(QuorumChange) change = latest_change_for (local_id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (change);
  change->state = QUORUM_CHANGE_REJECTED;
  g_free (change->error);
  change->error = g_strdup (error_json);
  g_assert_true (quorum_store_begin (store, &error));
  g_assert_true (store_update_change (store, change, &error));
  g_assert_true (store_refresh_sync_state (store, local_id, &error));
  g_assert_true (quorum_store_commit (store, &error));
  g_assert_no_error (error);
  return g_strdup (change->change_id);
}

static GtkWidget *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_combo_row (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The status row lists exactly @expected (labels as quorum_format_status
 * words them), and picking a status it does not list changes nothing. */
static void
assert_status_choices (QuorumMeetingEditor *editor,
                       const char * const  *expected,
                       const char          *refused)
{
  const char * const *choices = quorum_meeting_editor_get_status_choices (editor);
  GtkWidget *row = find_combo_row (GTK_WIDGET (editor), _("Status"));
  GListModel *model;
  guint before;

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_nonnull (choices);
  g_assert_cmpuint (g_strv_length ((char **) choices), ==, g_strv_length ((char **) expected));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i]; i++)
    {
      g_assert_cmpstr (choices[i], ==, expected[i]);
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==,
                       quorum_format_status (expected[i]));
    }
  before = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  quorum_meeting_editor_set_status (editor, refused);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, before);
}

static void
show_view (const char *name)
{
  quorum_window_set_view (window, name);
  wait_frames (GTK_WIDGET (window), 3);
}

/* Tests */

#define REQUIRE_DISPLAY() \
  G_STMT_START { if (!have_display) { g_test_skip ("no display (DISPLAY unset)"); return; } } G_STMT_END

static void
test_first_run_and_empty (void)
{
  GtkWidget *agenda;
  g_autoptr(GError) error = NULL;

  REQUIRE_DISPLAY ();
  agenda = quorum_window_get_view_widget (window, "agenda");
  quorum_window_set_date (window, at ("2030-01-07T00:00:00+03:00"));
  show_view ("agenda");
  g_assert_cmpstr (quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (agenda)), ==, "first-run");
  shoot (agenda, "agenda-first-run");
  resize_and_wait (GTK_WINDOW (window), 360, 700);
  shoot (agenda, "agenda-first-run-360");
  resize_and_wait (GTK_WINDOW (window), 1024, 700);

  /* "Work Locally" is remembered in the replica and leaves the welcome. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.work-locally", NULL));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (agenda)), ==, "empty");
  {
    g_autofree char *local = quorum_store_get_state (store, "work_locally");
    g_assert_cmpstr (local, ==, "1");
  }

  g_assert_true (quorum_store_set_state (store, "user_id", "7", &error));
  quorum_window_replica_changed (window);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (agenda)), ==, "empty");
  shoot (agenda, "agenda-empty");
  g_assert_cmpstr (quorum_sync_button_get_label (QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window))),
                   ==, _("Up to date"));
  assert_sync_label_fits ();
}

typedef struct {
  const char *text;
  gboolean    done;
} EntryWait;

static void
on_entry_search_changed (GtkSearchEntry *entry,
                         EntryWait      *wait)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->text) == 0)
    wait->done = TRUE;
}

static gboolean
entry_wait_done (gpointer data)
{
  return ((EntryWait *) data)->done;
}

/* Types @text into a search entry and waits until it has told its
 * listeners: after a short delay, and at once for an emptied text, which
 * replacing one text by another passes through. */
static void
type_and_wait (GtkWidget  *entry,
               const char *text)
{
  EntryWait wait = { text, FALSE };
  gulong id = g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_entry_search_changed), &wait);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  wait_until (entry_wait_done, &wait);
  g_signal_handler_disconnect (entry, id);
  wait_frames (GTK_WIDGET (window), 3);
}

/* At 360 px the rooms never scroll sideways: as many whole columns as fit,
 * and a pager to the others.  The new meeting (room 3, the last by name)
 * is on the second page. */
static void
assert_rooms_paged (const char *title)
{
  GtkWidget *view = quorum_window_get_view_widget (window, "rooms");
  QuorumRoomsView *rooms = QUORUM_ROOMS_VIEW (view);
  QuorumTimeGrid *grid = quorum_rooms_view_get_grid (rooms);
  guint n = quorum_time_grid_get_n_columns (grid);
  const char *page = quorum_rooms_view_get_page_text (rooms);

  g_test_message ("rooms at %d px: %u columns in a %d px grid, pager “%s”", gtk_widget_get_width (view), n,
                  gtk_widget_get_width (GTK_WIDGET (grid)), page ? page : "");
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <, 3);
  g_assert_nonnull (page);
  if (english)
    g_assert_cmpstr (page, ==, "Rooms 1–2 of 3");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (grid)), <=, gtk_widget_get_width (view));
  g_assert_cmpint ((gtk_widget_get_width (GTK_WIDGET (grid)) - QUORUM_TIME_GRID_GUTTER) / (int) n, >=, 110);
  g_assert_null (find_widget (view, is_pending_block_titled, (gpointer) title));
  shoot (GTK_WIDGET (window), "rooms-360");

  g_assert_true (gtk_widget_activate_action (view, "rooms.next", NULL));
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (quorum_time_grid_get_n_columns (grid), ==, n);
  g_assert_cmpint (quorum_time_grid_get_column (grid, n - 1)->room_id, ==, 3);
  g_assert_nonnull (find_widget (view, is_pending_block_titled, (gpointer) title));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (grid)), <=, gtk_widget_get_width (view));
  shoot (GTK_WIDGET (window), "rooms-360-next");
  g_assert_true (gtk_widget_activate_action (view, "rooms.previous", NULL));
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (quorum_time_grid_get_column (grid, 0)->room_id, ==, 4);

  /* More rooms than fit: a search by name, accents and case aside. */
  {
    GtkWidget *entry = find_by_type (view, GTK_TYPE_SEARCH_ENTRY);

    g_assert_nonnull (entry);
    g_assert_true (gtk_widget_get_mapped (entry));
    type_and_wait (entry, "KAB");
    g_assert_cmpuint (quorum_time_grid_get_n_columns (grid), ==, 1);
    g_assert_cmpint (quorum_time_grid_get_column (grid, 0)->room_id, ==, 5);
    g_assert_null (quorum_rooms_view_get_page_text (rooms));
    type_and_wait (entry, "buyuk");
    g_assert_cmpuint (quorum_time_grid_get_n_columns (grid), ==, 1);
    g_assert_cmpint (quorum_time_grid_get_column (grid, 0)->room_id, ==, 4);
    shoot (GTK_WIDGET (window), "rooms-360-search");
    type_and_wait (entry, "no such room");
    g_assert_cmpstr (quorum_rooms_view_get_stack_page (rooms), ==, "no-match");
    g_assert_true (gtk_widget_get_mapped (entry));   /* still there to change the words */
    shoot (GTK_WIDGET (window), "rooms-360-no-match");
    type_and_wait (entry, "");
    g_assert_cmpstr (quorum_rooms_view_get_stack_page (rooms), ==, "grid");
    g_assert_cmpuint (quorum_time_grid_get_n_columns (grid), ==, n);
    g_assert_nonnull (quorum_rooms_view_get_page_text (rooms));
  }
}

static void
test_editor_create_shows_pending (void)
{
  const char *title = "Planlama Toplantısı";
  g_autoptr(QuorumMeeting) other = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(QuorumChange) change = NULL;
  g_autoptr(QuorumMeeting) saved = NULL;
  QuorumMeetingEditor *editor;
  GtkWidget *row, *week, *block;
  guint outbox_before;

  REQUIRE_DISPLAY ();
  /* Ayşe is already booked at 10:30 in room 3. */
  other = create_meeting ("Mevcut Toplantı", "2030-01-07T10:30:00+03:00", 3, 7, 0);
  outbox_before = quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED);

  editor = QUORUM_MEETING_EDITOR (quorum_window_open_editor (window, NULL,
                                                             at ("2030-01-07T10:00:00+03:00"),
                                                             at ("2030-01-07T11:00:00+03:00"), 3));
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_false (quorum_meeting_editor_get_read_only (editor));
  /* A new meeting is Pending (the default) or Approved, nothing else. */
  assert_status_choices (editor, (const char *const[]) { "PENDING", "APPROVED", NULL }, "CANCELLED");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_combo_row (GTK_WIDGET (editor),
                                                                               _("Status")))), ==, 0);
  quorum_meeting_editor_set_text_fields (editor, title, NULL, NULL, NULL);
  quorum_meeting_editor_add_participant (editor, 9);
  quorum_meeting_editor_add_participant (editor, 42);
  /* The organiser (user 7) is a participant of a new meeting by default. */
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, 7), ==, "busy");
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, 9), ==, "free");
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, 42), ==, "unknown");
  g_assert_nonnull (quorum_meeting_editor_get_overlap_text (editor));
  g_assert_nonnull (strstr (quorum_meeting_editor_get_overlap_text (editor), "Mevcut Toplantı"));
  wait_frames (GTK_WIDGET (editor), 3);
  shoot_both_widths (GTK_WINDOW (editor), "editor-new");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_null (editor);   /* closed after saving */
  /* No account: saving says where the change waits. */
  g_assert_cmpstr (quorum_window_get_last_toast (window), ==, _("Saved — will be sent when online"));

  /* In the replica and the outbox, as a queued create. */
  g_assert_cmpuint (quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED), ==, outbox_before + 1);
  listed = quorum_store_search_meetings (store, title, 10, NULL);
  g_assert_nonnull (listed);
  g_assert_cmpuint (listed->len, ==, 1);
  saved = quorum_meeting_copy (g_ptr_array_index (listed, 0));
  g_assert_cmpstr (saved->sync_state, ==, "pending");
  g_assert_cmpint (saved->room_id, ==, 3);
  g_assert_cmpuint (saved->participant_ids->len, ==, 3);
  change = latest_change_for (saved->local_id);
  g_assert_nonnull (change);
  g_assert_cmpint (change->action, ==, QUORUM_CHANGE_CREATE);
  g_assert_cmpint (change->state, ==, QUORUM_CHANGE_QUEUED);

  /* The agenda shows it with a pending mark. */
  show_view ("agenda");
  row = agenda_row_for (title);
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, is_visible_sync_mark, NULL));
  shoot (GTK_WIDGET (window), "agenda");

  /* So does the week, as a block beside the other meeting. */
  show_view ("week");
  week = quorum_window_get_view_widget (window, "week");
  block = find_widget (week, is_pending_block_titled, (gpointer) title);
  g_assert_nonnull (block);
  g_assert_cmpint (gtk_widget_get_width (block), <, 400);
  shoot (GTK_WIDGET (window), "week");

  show_view ("rooms");
  g_assert_nonnull (find_widget (quorum_window_get_view_widget (window, "rooms"),
                                 is_pending_block_titled, (gpointer) title));
  shoot (GTK_WIDGET (window), "rooms");

  /* The sync button counts what waits: "Offline" and a badge, the
   * sentence in the tooltip. */
  {
    QuorumSyncButton *button = QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window));
    guint n = quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED);
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline, %u change waiting",
                                                              "Offline, %u changes waiting", n), n);
    g_autofree char *count = g_strdup_printf ("%u", n);
    g_autofree char *sentence = sync_sentence ();

    g_assert_cmpstr (quorum_sync_button_get_label (button), ==, _("Offline"));
    g_assert_cmpstr (quorum_sync_button_get_detail (button), ==, count);
    g_assert_cmpstr (sentence, ==, expected);
    assert_sync_label_fits ();
  }

  /* And at phone width. */
  show_view ("agenda");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  {
    int tries = 0;

    while (gtk_widget_get_width (GTK_WIDGET (window)) > 400 && tries++ < 100)
      wait_frames (GTK_WIDGET (window), 1);
  }
  if (gtk_widget_get_width (GTK_WIDGET (window)) > 400)
    report_wide (GTK_WIDGET (window), 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  wait_settled (GTK_WIDGET (window));
  assert_switcher_bar_inside ();
  shoot (GTK_WIDGET (window), "agenda-360");
  show_view ("week");
  {
    /* Too narrow side by side: the two overlapping blocks cascade and
     * each says when it starts. */
    GtkWidget *narrow = find_widget (quorum_window_get_view_widget (window, "week"), is_pending_block_titled,
                                     (gpointer) title);
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
    g_autofree char *from = quorum_format_clock (at ("2030-01-07T10:00:00+03:00"), tz);

    g_assert_nonnull (narrow);
    g_assert_true (gtk_widget_has_css_class (narrow, "compact"));
    g_assert_nonnull (find_widget (narrow, is_label_with_text, from));
    g_assert_cmpint (gtk_widget_get_width (narrow), >=, 30);
  }
  shoot (GTK_WIDGET (window), "week-360");
  show_view ("rooms");
  assert_rooms_paged (title);
  resize_and_wait (GTK_WINDOW (window), 1024, 700);
  show_view ("rooms");
  {
    QuorumRoomsView *rooms = QUORUM_ROOMS_VIEW (quorum_window_get_view_widget (window, "rooms"));

    /* Wide again: every room, no pager. */
    g_assert_null (quorum_rooms_view_get_page_text (rooms));
    g_assert_cmpuint (quorum_time_grid_get_n_columns (quorum_rooms_view_get_grid (rooms)), ==, 3);
  }
  show_view ("agenda");
}

static void
test_editor_validation (void)
{
  QuorumMeetingEditor *editor;
  guint before = quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED);
  g_autoptr(GError) error = NULL;

  REQUIRE_DISPLAY ();
  editor = QUORUM_MEETING_EDITOR (quorum_window_open_editor (window, NULL,
                                                             at ("2030-01-09T10:00:00+03:00"),
                                                             at ("2030-01-09T11:00:00+03:00"), 0));
  quorum_meeting_editor_set_text_fields (editor, "", NULL, NULL, NULL);
  g_assert_false (quorum_meeting_editor_save (editor, &error));
  g_assert_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID);
  g_assert_nonnull (quorum_meeting_editor_get_error_text (editor));
  g_clear_error (&error);

  quorum_meeting_editor_set_text_fields (editor, "Geçerli", NULL, "10:00", "ten");
  g_assert_false (quorum_meeting_editor_save (editor, &error));
  g_assert_nonnull (quorum_meeting_editor_get_error_text (editor));
  wait_frames (GTK_WIDGET (editor), 3);
  shoot (GTK_WIDGET (editor), "editor-invalid");
  g_assert_cmpuint (quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED), ==, before);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_read_only (void)
{
  g_autoptr(QuorumMeeting) m = make_meeting ("Başkasının Toplantısı", "2030-01-07T14:00:00+03:00", 4, 9, 0);
  g_autoptr(GError) error = NULL;
  QuorumMeetingEditor *editor;

  REQUIRE_DISPLAY ();
  m->local_id = quorum_new_local_id ();
  m->id = 900;
  m->organizer_id = 9;
  m->modified_at = g_strdup ("2030-01-01T00:00:00.000000Z");
  g_assert_true (quorum_store_begin (store, &error));
  g_assert_true (store_write_meeting (store, m, m, FALSE, &error));
  g_assert_true (quorum_store_commit (store, &error));

  editor = QUORUM_MEETING_EDITOR (quorum_window_open_editor (window, m->local_id, 0, 0, 0));
  g_assert_true (quorum_meeting_editor_get_read_only (editor));
  g_assert_false (quorum_meeting_editor_save (editor, &error));
  wait_frames (GTK_WIDGET (editor), 3);
  shoot (GTK_WIDGET (editor), "editor-read-only");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_dialog_meeting_conflict (void)
{
  g_autoptr(QuorumMeeting) m = create_meeting ("Oda Çakışması", "2030-01-08T10:00:00+03:00", 3, 7, 0);
  g_autofree char *old_id = reject (m->local_id,
    "{\"code\": \"meeting_conflict\", \"message\": \"Toplantı çakışması tespit edildi\","
    " \"conflict_details\": {\"existing_meeting\": {\"id\": 1, \"title\": \"Mevcut Toplantı\","
    " \"start_time\": \"2030-01-08T07:00:00.000000Z\", \"end_time\": \"2030-01-08T08:00:00.000000Z\"}}}");
  g_autoptr(QuorumChange) after = NULL;
  g_autoptr(GError) error = NULL;
  QuorumErrorDialog *dialog;
  gint64 room;

  REQUIRE_DISPLAY ();
  dialog = QUORUM_ERROR_DIALOG (quorum_window_open_change (window, old_id));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpuint (quorum_error_dialog_get_n_slots (dialog), >, 0);
  g_assert_cmpuint (quorum_error_dialog_get_n_rooms (dialog), >, 0);
  wait_frames (GTK_WIDGET (dialog), 3);
  shoot_both_widths (GTK_WINDOW (dialog), "dialog-meeting-conflict");

  room = quorum_error_dialog_get_room_id (dialog, 0);
  g_assert_cmpint (room, !=, 3);
  g_assert_true (quorum_error_dialog_apply_room (dialog, room, &error));
  g_assert_no_error (error);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_null (dialog);

  /* The edit superseded the rejected create under a new change_id. */
  after = latest_change_for (m->local_id);
  g_assert_nonnull (after);
  g_assert_cmpstr (after->change_id, !=, old_id);
  g_assert_cmpint (after->state, ==, QUORUM_CHANGE_QUEUED);
  g_assert_cmpint (after->data->room_id, ==, room);
  g_assert_null (quorum_store_get_change (store, old_id, NULL));
}

static void
test_dialog_participant_unavailable (void)
{
  const char *payload =
    "{\"code\": \"participant_unavailable\", \"message\": \"Katılımcı(lar) müsait değil\","
    " \"unavailable_participants\": [{\"id\": 9, \"name\": \"John Doe\","
    " \"conflict_meeting\": {\"id\": 2, \"title\": \"Diğer Toplantı\","
    " \"start_time\": \"2030-01-10T07:30:00.000000Z\", \"end_time\": \"2030-01-10T08:30:00.000000Z\"}}]}";
  g_autoptr(QuorumMeeting) a = create_meeting ("Müsait Olmayan", "2030-01-10T10:00:00+03:00", 0, 7, 9);
  g_autoptr(QuorumMeeting) b = create_meeting ("Yine de Ayır", "2030-01-10T15:00:00+03:00", 0, 7, 9);
  g_autofree char *a_id = reject (a->local_id, payload);
  g_autofree char *b_id = reject (b->local_id, payload);
  g_autoptr(QuorumChange) a_after = NULL;
  g_autoptr(QuorumChange) b_after = NULL;
  AdwMessageDialog *dialog;

  REQUIRE_DISPLAY ();
  dialog = ADW_MESSAGE_DIALOG (quorum_window_open_change (window, a_id));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "remove"));
  g_assert_true (adw_message_dialog_has_response (dialog, "anyway"));
  wait_frames (GTK_WIDGET (dialog), 3);
  shoot_both_widths (GTK_WINDOW (dialog), "dialog-participant-unavailable");
  adw_message_dialog_response (dialog, "remove");
  wait_frames (GTK_WIDGET (window), 2);

  a_after = latest_change_for (a->local_id);
  g_assert_nonnull (a_after);
  g_assert_cmpstr (a_after->change_id, !=, a_id);
  g_assert_cmpint (a_after->state, ==, QUORUM_CHANGE_QUEUED);
  g_assert_cmpuint (a_after->data->participant_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (a_after->data->participant_ids, gint64, 0), ==, 7);
  g_assert_false (a_after->ignore_unavailable);

  dialog = ADW_MESSAGE_DIALOG (quorum_window_open_change (window, b_id));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "anyway");
  wait_frames (GTK_WIDGET (window), 2);
  b_after = latest_change_for (b->local_id);
  g_assert_nonnull (b_after);
  g_assert_cmpstr (b_after->change_id, !=, b_id);
  g_assert_true (b_after->ignore_unavailable);
  g_assert_cmpuint (b_after->data->participant_ids->len, ==, 2);
}

static void
test_dialog_sync_conflict (void)
{
  g_autoptr(QuorumMeeting) server = make_meeting ("Sunucu Başlığı", "2030-01-11T10:00:00+03:00", 4, 7, 0);
  g_autoptr(QuorumMeeting) base = NULL;
  g_autoptr(QuorumMeeting) local = NULL;
  g_autoptr(QuorumMeeting) edited = NULL;
  g_autoptr(QuorumConflict) conflict = quorum_conflict_new ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(QuorumChange) resolve = NULL;
  g_autoptr(GError) error = NULL;
  QuorumConflictDialog *dialog;
  gint64 conflict_id = 0;

  REQUIRE_DISPLAY ();
  server->local_id = quorum_new_local_id ();
  server->id = 950;
  server->organizer_id = 7;
  server->modified_at = g_strdup ("2030-01-01T00:00:00.000000Z");
  base = quorum_meeting_copy (server);
  g_free (base->title);
  base->title = g_strdup ("Ortak Başlık");
  base->room_id = 3;
  g_assert_true (quorum_store_begin (store, &error));
  g_assert_true (store_write_meeting (store, base, base, FALSE, &error));
  g_assert_true (quorum_store_commit (store, &error));

  local = quorum_meeting_copy (base);
  g_free (local->title);
  local->title = g_strdup ("Yerel Başlık");
  edited = quorum_store_edit_meeting (store, base->local_id, local, QUORUM_FIELD_TITLE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edited);

  g_free (server->modified_at);
  server->modified_at = g_strdup ("2030-01-02T00:00:00.000000Z");
  conflict->local_id = g_strdup (base->local_id);
  conflict->meeting_id = 950;
  conflict->change_id = g_strdup (latest_change_for (base->local_id)->change_id);
  conflict->base = quorum_meeting_copy (base);
  conflict->local = quorum_meeting_copy (edited);
  conflict->server = quorum_meeting_copy (server);
  conflict->server_version = g_strdup (server->modified_at);
  conflict->local_version = g_strdup (base->modified_at);
  conflict->fields = QUORUM_FIELD_TITLE | QUORUM_FIELD_ROOM_ID;
  g_assert_true (quorum_store_begin (store, &error));
  g_assert_true (store_add_conflict (store, conflict, &error));
  g_assert_true (quorum_store_commit (store, &error));

  conflicts = quorum_store_list_conflicts (store, &error);
  for (guint i = 0; conflicts && i < conflicts->len; i++)
    {
      QuorumConflict *c = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (c->local_id, base->local_id) == 0)
        conflict_id = c->id;
    }
  g_assert_cmpint (conflict_id, >, 0);

  dialog = QUORUM_CONFLICT_DIALOG (quorum_window_open_conflict (window, conflict_id));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (quorum_conflict_dialog_get_n_rows (dialog), ==, 2);
  wait_frames (GTK_WIDGET (dialog), 3);
  shoot_both_widths (GTK_WINDOW (dialog), "dialog-sync-conflict");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "local");
  wait_frames (GTK_WIDGET (window), 2);

  resolve = latest_change_for (base->local_id);
  g_assert_nonnull (resolve);
  g_assert_cmpint (resolve->action, ==, QUORUM_CHANGE_RESOLVE);
  g_assert_cmpstr (resolve->resolution, ==, "keep_local");
}

static void
test_outbox_popover_rows (void)
{
  QuorumSyncButton *button;
  GtkWidget *list;
  guint rows = 0;

  REQUIRE_DISPLAY ();
  button = QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window));
  quorum_sync_button_refresh (button);
  list = quorum_sync_button_get_outbox_list (button);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    rows++;
  {
    g_autoptr(GPtrArray) outbox = quorum_store_list_outbox (store, NULL);

    g_assert_cmpuint (rows, ==, outbox->len);
  }
  g_assert_cmpuint (rows, >, 0);
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) tops = gtk_window_list_toplevels ();

  for (GList *l = tops; l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_outbox_row_opens_dialog (void)
{
  g_autoptr(QuorumMeeting) m = create_meeting ("Satırdan Açılan", "2030-01-14T10:00:00+03:00", 3, 7, 0);
  g_autofree char *id = reject (m->local_id,
    "{\"code\": \"meeting_conflict\", \"message\": \"Toplantı çakışması tespit edildi\","
    " \"conflict_details\": {\"existing_meeting\": {\"id\": 1, \"title\": \"Mevcut Toplantı\","
    " \"start_time\": \"2030-01-14T07:00:00.000000Z\", \"end_time\": \"2030-01-14T08:00:00.000000Z\"}}}");
  QuorumSyncButton *button;
  GtkWidget *popover, *list, *target = NULL;
  GtkWindow *dialog;

  REQUIRE_DISPLAY ();
  button = QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window));
  quorum_window_replica_changed (window);
  popover = quorum_sync_button_get_popover (button);
  gtk_popover_popup (GTK_POPOVER (popover));
  wait_frames (popover, 3);
  /* The sync log's tail is there (a line at least, even before a round). */
  g_assert_cmpstr (quorum_sync_button_get_log_text (button), !=, "");
  /* For people: the local clock, not the file's RFC 3339 UTC stamp. */
  {
    const char *log = quorum_sync_button_get_log_text (button);
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);

    g_test_message ("recent activity:\n%s", log);
    g_assert_cmpuint (g_strv_length (lines), <=, 8);
    for (guint i = 0; lines[i]; i++)
      g_assert_true (g_regex_match_simple ("^[0-9]{2}:[0-9]{2}  \\S", lines[i], 0, 0));
  }
  shoot_popover (popover, "sync-popover");

  list = quorum_sync_button_get_outbox_list (button);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "change-id"), id) == 0)
        target = row;
      /* Only rejected and conflicting rows lead somewhere. */
      else if (g_object_get_data (G_OBJECT (child), "change-id") != NULL)
        {
          g_autoptr(QuorumChange) c = quorum_store_get_change (store, g_object_get_data (G_OBJECT (child), "change-id"), NULL);
          g_assert_cmpint (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)), ==,
                           c->state == QUORUM_CHANGE_REJECTED || c->state == QUORUM_CHANGE_CONFLICT);
        }
    }
  g_assert_nonnull (target);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (target)));
  g_assert_null (find_toplevel (QUORUM_TYPE_ERROR_DIALOG));
  g_signal_emit_by_name (list, "row-activated", target);
  wait_frames (GTK_WIDGET (window), 2);
  dialog = find_toplevel (QUORUM_TYPE_ERROR_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (popover));
  gtk_window_destroy (dialog);
}

static void
test_preferences_and_shortcuts (void)
{
  GtkWindow *prefs;
  GtkWindow *help;
  GSettings *settings;

  REQUIRE_DISPLAY ();
  prefs = quorum_window_open_preferences (window, FALSE);
  g_assert_nonnull (prefs);
  shoot_both_widths (prefs, "preferences");
  /* Bound to GSettings: the window's views follow a change made here. */
  settings = quorum_application_get_settings (app);
  g_assert_nonnull (settings);
  g_settings_set_uint (settings, "sync-interval", 7);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 7);
  quorum_preferences_window_show_integrations (QUORUM_PREFERENCES_WINDOW (prefs));
  /* Not signed in yet: one row that says so, no request. */
  g_assert_false (quorum_preferences_window_is_loading (QUORUM_PREFERENCES_WINDOW (prefs)));
  g_assert_cmpuint (quorum_preferences_window_get_n_integrations (QUORUM_PREFERENCES_WINDOW (prefs)), ==, 1);
  gtk_window_destroy (prefs);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  help = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (help);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help)));
  shoot (GTK_WIDGET (help), "shortcuts");
  gtk_widget_set_visible (GTK_WIDGET (help), FALSE);
}

static gboolean
dialog_idle (gpointer dialog)
{
  return !quorum_sign_in_dialog_is_busy (dialog);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  /* Bound but never listening: connecting is refused, like a server that
   * is down. */
  g_assert_true (g_socket_bind (sock, any, FALSE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_object_set_data_full (G_OBJECT (window), "closed-port-socket", g_object_ref (sock), g_object_unref);
  return port;
}

typedef struct {
  const char *server;
  const char *user;
  const char *password;
  const char *expected;
  const char *shot;
} SignInCase;

static void
test_sign_in_errors (void)
{
  g_autofree char *url = NULL;
  g_autofree char *unreachable = NULL;
  QuorumSignInDialog *dialog;
  SignInCase cases[3];

  REQUIRE_DISPLAY ();
  url = quorum_test_server_get_base_url (http_server);
  unreachable = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  cases[0] = (SignInCase) { url, "ayse", "wrong-password",
                                   N_("The username or password is wrong. Check them and try again."), "sign-in-wrong-password" };
  cases[1] = (SignInCase) { unreachable, "ayse", "ayse123",
                                   N_("The server could not be reached. Check the address and your network "
                                      "connection, or try again later."), "sign-in-unreachable" };
  cases[2] = (SignInCase) { "http://meetings.example.org", "ayse", "ayse123",
                                   N_("This address uses plain http://, which would send your password "
                                      "unencrypted. Use an https:// address; plain http is only allowed "
                                      "to a server on this computer."), "sign-in-http" };

  dialog = QUORUM_SIGN_IN_DIALOG (quorum_window_open_sign_in (window));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  shoot_both_widths (GTK_WINDOW (dialog), "sign-in");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 tokens = quorum_test_server_get_counter (http_server, "token");

      quorum_sign_in_dialog_set_fields (dialog, cases[i].server, cases[i].user, cases[i].password);
      quorum_sign_in_dialog_submit (dialog);
      wait_until (dialog_idle, dialog);
      g_assert_nonnull (dialog);   /* still open: nothing was signed in */
      g_assert_cmpstr (quorum_sign_in_dialog_get_error_text (dialog), ==, _(cases[i].expected));
      /* Only the wrong password reached the server; http was refused locally. */
      g_assert_cmpuint (quorum_test_server_get_counter (http_server, "token"), ==, tokens + (i == 0 ? 1 : 0));
      shoot_both_widths (GTK_WINDOW (dialog), cases[i].shot);
    }
  g_assert_false (quorum_account_is_configured (quorum_sync_engine_get_account (quorum_window_get_engine (window))) &&
                  quorum_account_get_api (quorum_sync_engine_get_account (quorum_window_get_engine (window))) != NULL &&
                  quorum_auth_get_logged_in (quorum_account_get_auth (quorum_sync_engine_get_account (quorum_window_get_engine (window)))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_frames (GTK_WIDGET (window), 1);
  g_assert_null (dialog);
}

static gboolean
dialog_gone_or_idle (gpointer data)
{
  QuorumSignInDialog *dialog = *(QuorumSignInDialog **) data;

  return dialog == NULL || !quorum_sign_in_dialog_is_busy (dialog);
}

/* The right password with no keyring to keep the session: the dialog says
 * so and offers, then only, a file.  tools/run-tests runs an unlocked
 * gnome-keyring, so there the session goes to the keyring and the offer
 * never shows; under a plain xvfb-run there is none and the file is used. */
static void
test_sign_in_without_keyring (void)
{
  g_autofree char *url = NULL;
  g_autofree char *tokens_path = NULL;
  g_autofree char *storage = NULL;
  QuorumSignInDialog *dialog;

  REQUIRE_DISPLAY ();
  tokens_path = g_build_filename (quorum_store_get_data_dir (store), "tokens.json", NULL);
  /* Signed out (previous test), with the server down: up again, no file. */
  g_assert_false (quorum_auth_get_logged_in (quorum_account_get_auth (quorum_sync_engine_get_account (quorum_window_get_engine (window)))));
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (quorum_test_server_listen (http_server, http_port, &error));
    g_assert_no_error (error);
  }
  url = quorum_test_server_get_base_url (http_server);
  g_assert_false (g_file_test (tokens_path, G_FILE_TEST_EXISTS));
  dialog = QUORUM_SIGN_IN_DIALOG (quorum_window_open_sign_in (window));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  quorum_sign_in_dialog_set_fields (dialog, url, "ayse", "ayse123");
  quorum_sign_in_dialog_submit (dialog);
  g_assert_false (quorum_sign_in_dialog_offers_file (dialog));
  wait_until (dialog_gone_or_idle, &dialog);

  if (dialog == NULL)
    {
      g_test_message ("a keyring kept the session: no file offered");
      storage = quorum_store_get_state (store, "token_storage");
      g_assert_cmpstr (storage, ==, "secret");
      g_assert_false (g_file_test (tokens_path, G_FILE_TEST_EXISTS));
      return;
    }

  g_test_message ("no keyring: %s", quorum_sign_in_dialog_get_error_text (dialog));
  g_assert_cmpstr (quorum_sign_in_dialog_get_error_text (dialog), ==,
                   _("Signed in, but the password keyring is not available to keep the session. "
                     "Unlock or install a keyring and try again, or keep the session in a file."));
  g_assert_true (quorum_sign_in_dialog_offers_file (dialog));
  g_assert_false (g_file_test (tokens_path, G_FILE_TEST_EXISTS));
  shoot_both_widths (GTK_WINDOW (dialog), "sign-in-no-keyring");

  /* A wrong password hides the offer: a file fixes only the keyring. */
  quorum_sign_in_dialog_set_fields (dialog, url, "ayse", "wrong-password");
  quorum_sign_in_dialog_submit (dialog);
  wait_until (dialog_gone_or_idle, &dialog);
  g_assert_nonnull (dialog);
  g_assert_false (quorum_sign_in_dialog_offers_file (dialog));

  quorum_sign_in_dialog_set_fields (dialog, url, "ayse", "ayse123");
  quorum_sign_in_dialog_submit (dialog);
  wait_until (dialog_gone_or_idle, &dialog);
  g_assert_true (quorum_sign_in_dialog_offers_file (dialog));
  quorum_sign_in_dialog_submit_keep_in_file (dialog);
  wait_until (dialog_gone_or_idle, &dialog);
  g_assert_null (dialog);   /* signed in, closed */
  storage = quorum_store_get_state (store, "token_storage");
  g_assert_cmpstr (storage, ==, "file");
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (tokens_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
engine_settled (gpointer engine)
{
  QuorumSyncState state = quorum_sync_engine_get_state (engine);

  return state != QUORUM_SYNC_STATE_SYNCING && GPOINTER_TO_INT (g_object_get_data (engine, "rounds")) > 0;
}

static void
count_round (QuorumSyncEngine *engine, gpointer data)
{
  g_object_set_data (G_OBJECT (engine), "rounds",
                     GINT_TO_POINTER (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (engine), "rounds")) + 1));
}

static void
record_label (QuorumSyncEngine *engine,
              GParamSpec       *pspec,
              QuorumSyncButton *button)
{
  /* The button listens to the same notifications and was connected first. */
  if (quorum_sync_engine_get_state (engine) == QUORUM_SYNC_STATE_SYNCING &&
      g_strcmp0 (quorum_sync_button_get_label (button), C_("sync button", "Syncing…")) == 0)
    g_object_set_data (G_OBJECT (button), "saw-syncing", GINT_TO_POINTER (1));
}

static gboolean
prefs_loaded (gpointer prefs)
{
  return !quorum_preferences_window_is_loading (prefs);
}

static void
test_sync_round_updates_button (void)
{
  QuorumSyncEngine *engine;
  QuorumAccount *account;
  QuorumSyncButton *button;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL;
  GtkWindow *prefs;
  gulong id;

  REQUIRE_DISPLAY ();
  engine = quorum_window_get_engine (window);
  g_assert_nonnull (engine);
  account = quorum_sync_engine_get_account (engine);
  button = QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window));

  /* Earlier tests left refused changes; without them the replica alone
   * says "offline, N waiting", which the round must replace. */
  {
    g_autoptr(GPtrArray) outbox = quorum_store_list_outbox (store, NULL);

    for (guint i = 0; i < outbox->len; i++)
      {
        QuorumChange *c = g_ptr_array_index (outbox, i);

        if (c->state == QUORUM_CHANGE_REJECTED)
          g_assert_true (quorum_store_discard_change (store, c->change_id, NULL));
      }
  }
  quorum_window_replica_changed (window);
  before = g_strdup (quorum_sync_button_get_label (button));
  g_assert_cmpuint (quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED), >, 0);
  {
    guint n = quorum_store_count_outbox (store, QUORUM_CHANGE_QUEUED);
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline, %u change waiting",
                                                              "Offline, %u changes waiting", n), n);
    g_autofree char *sentence = sync_sentence ();

    g_assert_cmpstr (before, ==, _("Offline"));
    g_assert_cmpstr (sentence, ==, expected);
  }

  /* Signed in through the same account the dialog uses; tokens in a file
   * because the test session may have no keyring. */
  url = quorum_test_server_get_base_url (http_server);
  quorum_account_login_async (account, url, "ayse", "ayse123", TRUE, NULL, store_result, &result);
  wait_until (have_result, &result);
  g_assert_true (quorum_account_login_finish (account, result, &error));
  g_assert_no_error (error);

  /* F5: one real round against the in-process server. */
  id = g_signal_connect (engine, "replica-changed", G_CALLBACK (count_round), NULL);
  g_signal_connect (engine, "notify::state", G_CALLBACK (record_label), button);
  g_object_set_data (G_OBJECT (engine), "rounds", GINT_TO_POINTER (0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (engine_settled, engine);
  g_assert_cmpuint (quorum_test_server_get_counter (http_server, "pull"), >, 0);
  /* While the round ran, the button said so. */
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "saw-syncing")));
  g_signal_handlers_disconnect_by_func (engine, record_label, button);
  g_assert_cmpint (quorum_sync_engine_get_last_success (engine), >, 0);
  {
    QuorumSyncState state = quorum_sync_engine_get_state (engine);
    const char *label = quorum_sync_button_get_label (button);

    g_test_message ("after the round: %s (%s), was %s", label, quorum_sync_state_to_string (state), before);
    g_assert_cmpstr (label, !=, before);
    if (state == QUORUM_SYNC_STATE_SYNCED)
      {
        g_autofree char *sentence = sync_sentence ();

        g_assert_cmpstr (label, ==, _("Up to date"));
        g_assert_nonnull (quorum_sync_button_get_detail (button));
        g_assert_true (g_str_has_prefix (sentence, english ? "Up to date at " : ""));
      }
    else
      {
        g_assert_cmpint (state, ==, QUORUM_SYNC_STATE_NEEDS_ATTENTION);
        g_assert_cmpstr (label, ==, C_("sync button", "Attention"));
      }
  }
  wait_frames (GTK_WIDGET (window), 3);
  show_view ("agenda");
  assert_sync_label_fits ();
  shoot (GTK_WIDGET (window), "agenda-synced");

  /* The integrations page, from the server. */
  prefs = quorum_window_open_preferences (window, TRUE);
  wait_until (prefs_loaded, prefs);
  g_assert_cmpuint (quorum_preferences_window_get_n_integrations (QUORUM_PREFERENCES_WINDOW (prefs)), ==, 2);
  shoot_both_widths (prefs, "integrations");
  gtk_window_destroy (prefs);

  /* The server goes away: the next round ends offline, said in a toast. */
  quorum_test_server_disconnect (http_server);
  g_object_set_data (G_OBJECT (engine), "rounds", GINT_TO_POINTER (0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (engine_settled, engine);
  g_assert_cmpint (quorum_sync_engine_get_state (engine), ==, QUORUM_SYNC_STATE_OFFLINE);
  {
    g_autofree char *expected = g_strdup_printf (_("Working offline: %s"), _("The server could not be reached"));
    g_assert_cmpstr (quorum_window_get_last_toast (window), ==, expected);
  }
  g_signal_handler_disconnect (engine, id);
  wait_frames (GTK_WIDGET (window), 3);
  assert_sync_label_fits ();
  shoot (GTK_WIDGET (window), "agenda-offline");
}

static gboolean
editor_idle (gpointer editor)
{
  return !quorum_meeting_editor_is_checking (editor);
}

static char *
replica_as_of (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 us = quorum_sync_engine_get_last_success (quorum_window_get_engine (window));

  g_assert_cmpint (us, >, 0);
  return quorum_format_clock (us, tz);
}

/* A user of the replica's directory (pulled from the server) who is not
 * @me: the colleague the server knows busy. */
static gint64
some_colleague (gint64 me)
{
  g_autoptr(GPtrArray) users = quorum_store_list_users (store, NULL);

  for (guint i = 0; users && i < users->len; i++)
    {
      JsonObject *u = g_ptr_array_index (users, i);
      gint64 id = json_object_get_int_member_with_default (u, "id", 0);

      if (id > 0 && id != me && json_object_get_boolean_member_with_default (u, "is_active", TRUE))
        return id;
    }
  g_assert_not_reached ();
}

/* Cancelling the draft asks again (a cancelled meeting books nothing), and
 * the room rows follow the server's new answer, but only once their list
 * is closed: an answer never redoes the list under the pointer. */
static void
assert_room_rows_follow_status (QuorumMeetingEditor *editor,
                                gint64               colleague)
{
  GtkWidget *room_row = find_combo_row (GTK_WIDGET (editor), _("Room"));
  GtkWidget *popover;
  GListModel *model;
  guint64 checks = quorum_test_server_get_counter (http_server, "check");
  const char *text;

  g_assert_nonnull (room_row);
  adw_action_row_activate (ADW_ACTION_ROW (room_row));
  popover = find_by_type (room_row, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  wait_frames (GTK_WIDGET (editor), 3);
  g_assert_true (gtk_widget_get_visible (popover));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (room_row));

  quorum_meeting_editor_set_status (editor, "CANCELLED");
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "checking");
  wait_until (editor_idle, editor);
  g_assert_cmpuint (quorum_test_server_get_counter (http_server, "check"), ==, checks + 1);
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "server");
  text = quorum_meeting_editor_get_overlap_text (editor);
  g_test_message ("cancelled: %s", text ? text : "(none)");
  g_assert_true (text == NULL || strstr (text, "Bütçe") == NULL);
  if (english)
    g_assert_cmpstr (text, ==, "The room and everyone are free then.");
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, colleague), ==, "free");
  /* Still open: the same list, the old words. */
  g_assert_true (adw_combo_row_get_model (ADW_COMBO_ROW (room_row)) == model);
  g_assert_true (g_str_has_suffix (quorum_meeting_editor_get_room_text (editor, 3), _("busy")));
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_frames (GTK_WIDGET (editor), 2);
  g_assert_true (g_str_has_suffix (quorum_meeting_editor_get_room_text (editor, 3), _("free")));

  /* Pending again: booked again, says the server. */
  quorum_meeting_editor_set_status (editor, "PENDING");
  wait_until (editor_idle, editor);
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "server");
  g_assert_true (g_str_has_suffix (quorum_meeting_editor_get_room_text (editor, 3), _("busy")));
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, colleague), ==, "busy");
}

static void
test_editor_checks_server (void)
{
  /* Markup characters on purpose: a server title is plain text. */
  const char *server_title = "Sunucudaki <b>Bütçe</b> & Plan";
  QuorumSyncEngine *engine;
  QuorumAccount *account;
  QuorumMeetingEditor *editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonArray) who = json_array_new ();
  g_autofree char *as_of = NULL;
  g_autofree char *offline_text = NULL;
  gint64 me, colleague, booked, my_meeting;
  guint64 checks;
  const char *text;

  REQUIRE_DISPLAY ();
  engine = quorum_window_get_engine (window);
  account = quorum_sync_engine_get_account (engine);
  g_assert_true (quorum_auth_get_logged_in (quorum_account_get_auth (account)));
  /* The previous test left the server down and the engine offline. */
  g_assert_cmpint (quorum_sync_engine_get_state (engine), ==, QUORUM_SYNC_STATE_OFFLINE);
  g_assert_true (quorum_test_server_listen (http_server, http_port, &error));
  g_assert_no_error (error);

  /* Offline: the replica answers at once, "as of" the last sync, and the
   * server (up again, but the engine does not know yet) is not asked. */
  checks = quorum_test_server_get_counter (http_server, "check");
  editor = QUORUM_MEETING_EDITOR (quorum_window_open_editor (window, NULL,
                                                             at ("2030-03-05T14:00:00+03:00"),
                                                             at ("2030-03-05T15:00:00+03:00"), 3));
  g_assert_false (quorum_meeting_editor_is_checking (editor));
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "replica");
  as_of = replica_as_of ();
  offline_text = g_strdup_printf (_("The room is free then, as of %s."), as_of);
  g_assert_cmpstr (quorum_meeting_editor_get_overlap_text (editor), ==, offline_text);
  wait_frames (GTK_WIDGET (editor), 3);
  g_assert_cmpuint (quorum_test_server_get_counter (http_server, "check"), ==, checks);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A meeting of mine in room 3 that the round below brings. */
  me = quorum_account_get_user_id (account);
  {
    g_autoptr(JsonObject) mine = json_object_new ();

    json_object_set_string_member (mine, "title", "Benim Toplantım");
    json_object_set_string_member (mine, "start_time", "2030-03-05T07:00:00.000000Z");
    json_object_set_string_member (mine, "end_time", "2030-03-05T08:00:00.000000Z");
    json_object_set_int_member (mine, "room_id", 3);
    my_meeting = quorum_test_server_insert_meeting (http_server, me, mine);
    g_assert_cmpint (my_meeting, >, 0);
  }

  /* Back online: a round brings the replica up to date. */
  g_object_set_data (G_OBJECT (engine), "rounds", GINT_TO_POINTER (0));
  g_signal_connect (engine, "replica-changed", G_CALLBACK (count_round), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (engine_settled, engine);
  g_signal_handlers_disconnect_by_func (engine, count_round, NULL);
  g_assert_true (quorum_sync_is_online (TRUE, quorum_sync_engine_get_state (engine)));
  /* What the replica will say once the server is gone: as of this round. */
  g_free (as_of);
  g_free (offline_text);
  as_of = replica_as_of ();
  offline_text = g_strdup_printf (_("The room is free then, as of %s."), as_of);

  /* Then someone else books room 3 with a colleague, on the server only. */
  colleague = some_colleague (me);
  json_array_add_int_element (who, colleague);
  fields = json_object_new ();
  json_object_set_string_member (fields, "title", server_title);
  json_object_set_string_member (fields, "start_time", "2030-03-05T11:00:00.000000Z");
  json_object_set_string_member (fields, "end_time", "2030-03-05T12:00:00.000000Z");
  json_object_set_int_member (fields, "room_id", 3);
  json_object_set_array_member (fields, "participant_ids", json_array_ref (who));
  booked = quorum_test_server_insert_meeting (http_server, colleague, fields);
  g_assert_cmpint (booked, >, 0);

  checks = quorum_test_server_get_counter (http_server, "check");
  editor = QUORUM_MEETING_EDITOR (quorum_window_open_editor (window, NULL,
                                                             at ("2030-03-05T14:00:00+03:00"),
                                                             at ("2030-03-05T15:00:00+03:00"), 3));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  quorum_meeting_editor_set_text_fields (editor, "Yeni Plan", NULL, NULL, NULL);
  quorum_meeting_editor_add_participant (editor, colleague);
  /* The replica knows nothing of the booking. */
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, colleague), ==, "free");
  g_assert_true (quorum_meeting_editor_is_checking (editor));
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "checking");
  g_assert_cmpstr (quorum_meeting_editor_get_overlap_text (editor), ==, _("Checking…"));
  /* The quiet line while the check waits for the typing to stop; the
   * picture is no assertion (a slow machine may already have the answer). */
  shoot (GTK_WIDGET (editor), "editor-checking");
  if (!quorum_meeting_editor_is_checking (editor))
    g_test_message ("editor-checking: the answer came before the picture");
  /* Quick edits while typing: one check (and its follow-up about the
   * people), not one per keystroke. */
  quorum_meeting_editor_set_text_fields (editor, NULL, NULL, "14:1", NULL);
  quorum_meeting_editor_set_text_fields (editor, NULL, NULL, "14:15", NULL);
  quorum_meeting_editor_set_text_fields (editor, NULL, NULL, "14:00", NULL);
  wait_until (editor_idle, editor);
  g_assert_cmpuint (quorum_test_server_get_counter (http_server, "check"), ==, checks + 2);
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "server");
  text = quorum_meeting_editor_get_overlap_text (editor);
  g_test_message ("online: %s", text);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, server_title));
  if (english)
    g_assert_true (g_str_has_prefix (text, "The room is booked by “Sunucudaki <b>Bütçe</b> & Plan” ("));
  /* The server's word on the people: the colleague is busy, I am free. */
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, colleague), ==, "busy");
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, me), ==, "free");
  /* The room's row says what the server said, not the replica's "free". */
  g_assert_true (g_str_has_suffix (quorum_meeting_editor_get_room_text (editor, 3), _("busy")));
  shoot_both_widths (GTK_WINDOW (editor), "editor-server-conflict");

  /* The server goes away: the next edit's check fails on the way and the
   * replica answers, saying how old its knowledge is. */
  quorum_test_server_disconnect (http_server);
  quorum_meeting_editor_set_text_fields (editor, NULL, NULL, NULL, "15:30");
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "checking");
  wait_until (editor_idle, editor);
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "replica");
  g_assert_cmpstr (quorum_meeting_editor_get_overlap_text (editor), ==, offline_text);
  g_assert_cmpstr (quorum_meeting_editor_get_chip_state (editor, colleague), ==, "free");
  shoot (GTK_WIDGET (editor), "editor-replica-fallback");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_null (editor);

  /* My meeting moved onto the colleague's booking, then cancelled. */
  g_assert_true (quorum_test_server_listen (http_server, http_port, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QuorumMeeting) stored = quorum_store_get_meeting_by_id (store, my_meeting);

    g_assert_no_error (error);
    g_assert_nonnull (stored);
    editor = quorum_meeting_editor_new_edit (GTK_WINDOW (window), store, engine, stored->local_id);
  }
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_false (quorum_meeting_editor_get_read_only (editor));
  /* A pending meeting: itself and its two moves (server-api.md §4). */
  assert_status_choices (editor, (const char *const[]) { "PENDING", "APPROVED", "CANCELLED", NULL },
                         "COMPLETED");
  quorum_meeting_editor_add_participant (editor, colleague);
  quorum_meeting_editor_set_text_fields (editor, NULL, NULL, "14:00", "15:00");
  wait_until (editor_idle, editor);
  g_assert_cmpstr (quorum_meeting_editor_get_check_source (editor), ==, "server");
  g_assert_nonnull (strstr (quorum_meeting_editor_get_overlap_text (editor), server_title));
  g_assert_true (g_str_has_suffix (quorum_meeting_editor_get_room_text (editor, 3), _("busy")));
  assert_room_rows_follow_status (editor, colleague);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_null (editor);
  /* The next test expects the server gone. */
  quorum_test_server_disconnect (http_server);
}

static gboolean
engine_wants_sign_in (gpointer engine)
{
  return quorum_sync_engine_get_state (engine) == QUORUM_SYNC_STATE_LOGIN_REQUIRED;
}

static void
test_sign_out_keeps_replica (void)
{
  QuorumSyncEngine *engine;
  guint outbox_before;
  gint64 meetings_before;

  REQUIRE_DISPLAY ();
  engine = quorum_window_get_engine (window);
  outbox_before = quorum_store_count_outbox (store, 0);
  meetings_before = quorum_store_count_meetings (store);
  g_assert_cmpuint (outbox_before, >, 0);

  /* The server is down (previous test): tokens are forgotten anyway. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  wait_until (engine_wants_sign_in, engine);
  g_assert_false (quorum_auth_get_logged_in (quorum_account_get_auth (quorum_sync_engine_get_account (engine))));
  g_assert_cmpstr (quorum_window_get_last_toast (window), ==,
                   _("Signed out; your meetings and waiting changes stay on this computer"));
  g_assert_cmpstr (quorum_sync_button_get_label (QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window))),
                   ==, C_("sync button", "Sign in needed"));
  assert_sync_label_fits ();
  /* The replica and every queued change stay. */
  g_assert_cmpuint (quorum_store_count_outbox (store, 0), ==, outbox_before);
  g_assert_cmpint (quorum_store_count_meetings (store), ==, meetings_before);
  wait_frames (GTK_WIDGET (window), 3);
  shoot (GTK_WIDGET (window), "agenda-signed-out");
}

/* Accessible names: a control is named by its label property, a
 * labelled-by relation, or the text it shows (GTK computes a button's name
 * from its label child).  A tooltip alone is only a description. */
static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c))
      return TRUE;
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *a = GTK_ACCESSIBLE (widget);

  /* GtkButton always carries a labelled-by relation (to its own child),
   * so for buttons only a label or shown text counts. */
  return gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         (!GTK_IS_BUTTON (widget) && gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY)) ||
         shows_text (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *out)
{
  gboolean control = GTK_IS_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget) ||
                     GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) ||
                     (GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (widget));

  if (!gtk_widget_get_visible (widget))
    return;
  /* A GtkText inside an entry is named by the entry (or the row) around it. */
  if (GTK_IS_TEXT (widget))
    {
      GtkWidget *p = gtk_widget_get_parent (widget);

      for (int i = 0; p && i < 4; i++, p = gtk_widget_get_parent (p))
        if (is_named (p) || ADW_IS_PREFERENCES_ROW (p) || GTK_IS_SEARCH_ENTRY (p))
          {
            control = FALSE;
            break;
          }
    }
  /* A spin button is one control to assistive technologies (its +/- are
   * not focusable); the spin button itself must be named. */
  if (GTK_IS_BUTTON (widget) && GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (widget)))
    control = FALSE;
  /* libadwaita 1.2's toast close button is unnamed (its own bug, not
   * reachable from here); toasts are also announced as a whole. */
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), "AdwToastWidget") == 0)
    control = FALSE;
  /* A menu button's inner toggle is presented under the menu button's name. */
  if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
      is_named (gtk_widget_get_parent (widget)))
    control = FALSE;
  if (control && !is_named (widget))
    g_string_append_printf (out, " %s<%s(%s)", G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                            G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_unnamed (c, out);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *what)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_test_message ("%s: unnamed:%s", what, unnamed->str);
  g_assert_cmpuint (unnamed->len, ==, 0);
}

static void
test_accessible_names (void)
{
  GtkWindow *win;

  REQUIRE_DISPLAY ();
  /* The walk does find an icon-only button with just a tooltip. */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *bare = gtk_button_new_from_icon_name ("list-add-symbolic");
    g_autoptr(GString) found = g_string_new (NULL);

    g_object_ref_sink (box);
    gtk_widget_set_tooltip_text (bare, "Add");
    gtk_box_append (GTK_BOX (box), bare);
    collect_unnamed (box, found);
    g_assert_cmpuint (found->len, >, 0);
    g_object_unref (box);
  }
  quorum_window_replica_changed (window);
  for (const char *const *v = (const char *const[]) { "agenda", "week", "rooms", NULL }; *v; v++)
    {
      show_view (*v);
      assert_all_named (GTK_WIDGET (window), *v);
    }
  show_view ("agenda");
  assert_all_named (quorum_sync_button_get_popover (QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window))),
                    "sync popover");
  win = quorum_window_open_sign_in (window);
  wait_frames (GTK_WIDGET (win), 2);
  assert_all_named (GTK_WIDGET (win), "sign-in");
  gtk_window_destroy (win);
  win = quorum_window_open_preferences (window, FALSE);
  wait_frames (GTK_WIDGET (win), 2);
  assert_all_named (GTK_WIDGET (win), "preferences");
  gtk_window_destroy (win);
}

/* Going to another date shows that day at the top of the agenda, however
 * far down the list had been scrolled: the view's scroll position must not
 * carry over, scaled, into the new day's rows. */
static void
test_agenda_jump_shows_day_at_top (void)
{
  GtkWidget *agenda;
  GtkAdjustment *vadj;
  GtkWidget *row;
  GtkWidget *entry;
  graphene_point_t p;

  REQUIRE_DISPLAY ();
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = json_from_string ("{\"id\": 901, \"username\": \"nkaradagli\", "
                                                 "\"name\": \"Nilüfer Karadağlı\", \"is_active\": true}", &error);

    g_assert_no_error (error);
    g_assert_true (quorum_store_upsert_user (store, json_node_get_object (node), &error));
  }
  for (int d = 1; d <= 28; d++)
    for (int h = 9; h < 13; h++)
      {
        g_autofree char *start = g_strdup_printf ("2031-03-%02dT%02d:00:00+03:00", d, h);
        g_autofree char *title = g_strdup_printf ("Jump %02d/%02d", d, h);
        g_autoptr(QuorumMeeting) m = create_meeting (title, start, 0, d == 7 && h == 10 ? 901 : 0, 0);
      }
  quorum_window_replica_changed (window);
  quorum_window_set_date (window, at ("2031-03-01T00:00:00+03:00"));
  show_view ("agenda");
  agenda = quorum_window_get_view_widget (window, "agenda");
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (find_by_type (agenda, GTK_TYPE_SCROLLED_WINDOW)));
  for (int i = 0; i < 6; i++)
    {
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
      wait_frames (GTK_WIDGET (window), 3);
    }
  g_test_message ("agenda scrolled to %.0f of %.0f px", gtk_adjustment_get_value (vadj),
                  gtk_adjustment_get_upper (vadj));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 2 * gtk_adjustment_get_page_size (vadj));

  quorum_window_set_date (window, at ("2031-03-15T00:00:00+03:00"));
  wait_frames (GTK_WIDGET (window), 4);
  g_test_message ("after the jump: %.0f of %.0f px", gtk_adjustment_get_value (vadj),
                  gtk_adjustment_get_upper (vadj));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), <, 1);
  /* The day's first meeting is on screen, near the top. */
  row = agenda_row_for ("Jump 15/09");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_point (row, agenda, &GRAPHENE_POINT_INIT (0, 0), &p));
  g_assert_cmpfloat (p.y, >=, 0);
  g_assert_cmpfloat (p.y, <, gtk_adjustment_get_page_size (vadj) / 2);
  g_assert_null (agenda_row_for ("Jump 14/12"));
  shoot (agenda, "agenda-after-jump");

  /* Search results start at the top too (newest first), and find people. */
  for (int i = 0; i < 6; i++)
    {
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
      wait_frames (GTK_WIDGET (window), 3);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 2 * gtk_adjustment_get_page_size (vadj));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  entry = find_by_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  type_and_wait (entry, "Jump");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), <, 1);
  g_assert_nonnull (agenda_row_for ("Jump 28/12"));
  g_assert_null (agenda_row_for ("Jump 01/09"));
  /* the newest day first, its meetings by time */
  {
    graphene_point_t p9, p12;

    g_assert_true (gtk_widget_compute_point (agenda_row_for ("Jump 28/09"), agenda, &GRAPHENE_POINT_INIT (0, 0), &p9));
    g_assert_true (gtk_widget_compute_point (agenda_row_for ("Jump 28/12"), agenda, &GRAPHENE_POINT_INIT (0, 0), &p12));
    g_assert_cmpfloat (p9.y, <, p12.y);
  }
  shoot (agenda, "agenda-search");

  type_and_wait (entry, "Karadağlı");
  g_assert_nonnull (agenda_row_for ("Jump 07/10"));
  g_assert_null (agenda_row_for ("Jump 07/09"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (quorum_agenda_view_get_model (QUORUM_AGENDA_VIEW (agenda)))),
                    ==, 2);   /* the day and the meeting */

  type_and_wait (entry, "no such meeting anywhere");
  g_assert_cmpstr (quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (agenda)), ==, "no-results");
  shoot (agenda, "agenda-no-results");
  type_and_wait (entry, "");
  g_assert_cmpstr (quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (agenda)), ==, "list");
  g_assert_nonnull (agenda_row_for ("Jump 15/09"));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find_by_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR)), FALSE);
}

static gboolean
has_css_class (GtkWidget *widget,
               gpointer   css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static guint
count_children_with_class (GtkWidget  *parent,
                           const char *css_class)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (parent); c; c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_has_css_class (c, css_class);
  return n;
}

/* A day of an organisation's whole replica (more meetings than
 * QUORUM_WEEK_MAX_BLOCKS) draws only the user's own and the waiting ones,
 * and one "+N more" chip that opens the day in the agenda. */
static void
test_week_busy_day (void)
{
  const guint n_server = QUORUM_WEEK_MAX_BLOCKS + 8;
  g_autofree char *user = quorum_store_get_state (store, "user_id");
  gint64 user_id = user ? g_ascii_strtoll (user, NULL, 10) : 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) mine = NULL;
  QuorumTimeGrid *grid;
  GtkWidget *more;
  g_autofree char *expect = NULL;

  REQUIRE_DISPLAY ();
  if (user_id <= 0)
    {
      user_id = 7;
      g_assert_true (quorum_store_set_state (store, "user_id", "7", &error));
    }
  g_assert_true (quorum_store_begin (store, &error));
  for (guint i = 0; i < n_server; i++)
    {
      g_autofree char *start = g_strdup_printf ("2031-05-06T%02u:%02u:00+03:00", 8 + i % 10, (i / 10) * 10);
      g_autofree char *title = g_strdup_printf ("Busy %02u", i);
      g_autoptr(QuorumMeeting) m = make_meeting (title, start, 0, i < 2 ? user_id : 0, 0);

      m->id = 900000 + i;
      m->local_id = quorum_new_local_id ();
      m->modified_at = g_strdup ("2031-01-01T00:00:00.000000Z");
      m->sync_state = g_strdup ("synced");
      m->organizer_id = 424242;
      g_assert_true (store_write_meeting (store, m, NULL, FALSE, &error));
    }
  g_assert_true (quorum_store_commit (store, &error));
  mine = create_meeting ("Busy pending", "2031-05-06T17:30:00+03:00", 0, 0, 0);
  quorum_window_replica_changed (window);
  quorum_window_set_date (window, at ("2031-05-06T12:00:00+03:00"));
  show_view ("week");
  wait_frames (GTK_WIDGET (window), 3);

  grid = quorum_week_view_get_grid (QUORUM_WEEK_VIEW (quorum_window_get_view_widget (window, "week")));
  /* the user's two and the waiting one; the others summed up */
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (grid), "meeting-block"), ==, 3);
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (grid), "meeting-more"), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (grid), is_pending_block_titled, (gpointer) "Busy pending"));
  more = find_widget (GTK_WIDGET (grid), has_css_class, (gpointer) "meeting-more");
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_mapped (more));
  expect = g_strdup_printf ("+%u more", n_server - 2);
  if (english)
    g_assert_nonnull (find_widget (more, is_label_with_text, expect));
  shoot (GTK_WIDGET (window), "week-busy-day");
  /* At phone width the chip cascades with the blocks and keeps its count. */
  resize_and_wait (GTK_WINDOW (window), 360, 700);
  more = find_widget (GTK_WIDGET (grid), has_css_class, (gpointer) "meeting-more");
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_mapped (more));
  {
    g_autofree char *plus = g_strdup_printf ("+%u", n_server - 2);

    g_assert_nonnull (find_widget (more, is_label_with_text, plus));
  }
  g_assert_cmpint (gtk_widget_get_width (more), >, 0);
  shoot (GTK_WIDGET (window), "week-busy-day-360");
  resize_and_wait (GTK_WINDOW (window), 1024, 700);

  /* the chip shows the day in the agenda */
  g_signal_emit_by_name (more, "clicked");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (quorum_window_get_view (window), ==, "agenda");
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

    g_assert_cmpint (quorum_window_get_date (window), ==, quorum_day_start (at ("2031-05-06T12:00:00+03:00"), tz));
  }
  g_assert_nonnull (agenda_row_for ("Busy 00"));
}

/* With minimize and maximize buttons (other desktops, or GNOME set so)
 * the header leaves the sync button less than its words need: what it
 * shows then sits in its middle, never a lone icon at its start. */
static void
test_sync_button_narrow_header (void)
{
  GtkWidget *button = quorum_window_get_sync_button (window);
  GtkWidget *squeezer, *child;
  graphene_rect_t b;
  double middle;

  REQUIRE_DISPLAY ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "icon:minimize,maximize,close", NULL);
  resize_and_wait (GTK_WINDOW (window), 1000, 700);
  show_view ("agenda");
  wait_frames (GTK_WIDGET (window), 3);
  squeezer = find_by_type (button, ADW_TYPE_SQUEEZER);
  g_assert_nonnull (squeezer);
  child = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  g_assert_nonnull (child);
  /* what is drawn: from the first shown part (the icon) to the last */
  {
    double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

    for (GtkWidget *c = gtk_widget_get_first_child (child); c; c = gtk_widget_get_next_sibling (c))
      {
        graphene_rect_t cb;

        if (!gtk_widget_get_visible (c) || !gtk_widget_compute_bounds (c, squeezer, &cb) || cb.size.width <= 0)
          continue;
        left = MIN (left, cb.origin.x);
        right = MAX (right, cb.origin.x + cb.size.width);
      }
    g_assert_cmpfloat (right, >, left);
    b = GRAPHENE_RECT_INIT (left, 0, right - left, 0);
  }
  middle = b.origin.x + b.size.width / 2;
  g_test_message ("sync button %d px, its content %.0f px wide, centred at %.1f", gtk_widget_get_width (squeezer),
                  b.size.width, middle);
  g_assert_cmpfloat (fabs (middle - gtk_widget_get_width (squeezer) / 2.0), <=, 2.0);
  shoot (GTK_WIDGET (window), "header-min-max");
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  resize_and_wait (GTK_WINDOW (window), 1024, 700);
}

static gboolean
is_label_starting (GtkWidget *widget,
                   gpointer   prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* A sync that renames a room while the agenda is hidden and a date set
 * then: shown again, its rows name the room as it is now. */
static void
test_agenda_room_renamed_while_hidden (void)
{
  GtkWidget *agenda = quorum_window_get_view_widget (window, "agenda");
  g_autoptr(QuorumMeeting) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) room = NULL;
  g_autofree char *before = NULL;

  REQUIRE_DISPLAY ();
  /* the room's name now (a sign-in test may have synced the server's) */
  room = quorum_store_get_room (store, 5);
  g_assert_nonnull (room);
  before = g_strdup_printf ("%s ·", json_object_get_string_member_with_default (room, "name", ""));
  m = create_meeting ("Room rename", "2031-07-01T10:00:00+03:00", 5, 0, 0);
  quorum_window_replica_changed (window);
  quorum_window_set_date (window, at ("2031-07-01T00:00:00+03:00"));
  show_view ("agenda");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_nonnull (find_widget (agenda, is_label_starting, before));

  show_view ("week");
  node = json_from_string ("{\"id\": 5, \"name\": \"Kabin B\", \"capacity\": 2, \"is_active\": true}", &error);
  g_assert_no_error (error);
  g_assert_true (quorum_store_upsert_room (store, json_node_get_object (node), &error));
  quorum_window_replica_changed (window);
  quorum_window_set_date (window, at ("2031-07-01T09:00:00+03:00"));
  show_view ("agenda");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_nonnull (find_widget (agenda, is_label_starting, (gpointer) "Kabin B ·"));
  g_assert_null (find_widget (agenda, is_label_starting, before));
}

/* Running inside the application */

static void
on_activate (GApplication *application,
             gpointer      user_data)
{
  window = QUORUM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  store = quorum_window_get_store (window);
  g_assert_nonnull (store);
  /* GNOME's title buttons (only Close), as users see the header bar;
   * Xvfb's default adds Minimize and Maximize. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  /* The app icon as installed, so the welcome page shows it uninstalled. */
  gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window))),
                                  ICONS_DIR);
  resize_and_wait (GTK_WINDOW (window), 1024, 700);
  wait_frames (GTK_WIDGET (window), 3);
  seed_directory ();
  test_status = g_test_run ();
  g_application_quit (application);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  int status;

  /* Before GTK starts: Xvfb has no GL, and the schemas are the build's. */
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMAS_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  /* A plain xvfb-run has no session bus, and GLib would start one by X11
   * autolaunch where gnome-keyring is activated locked and waits for a
   * password prompt no one answers.  No bus means no keyring, at once, as
   * on a machine without one; tools/run-tests brings its own bus with an
   * unlocked keyring and keeps it. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/quorum-test-ui-no-bus", TRUE);
      /* and no accessibility bus to look for on it */
      g_setenv ("GTK_A11Y", "test", FALSE);
    }
  setlocale (LC_ALL, "");
  {
    const char *localedir = g_getenv ("QUORUM_LOCALEDIR");
    const char *language = g_getenv ("LANGUAGE");

    bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
    bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    textdomain (GETTEXT_PACKAGE);
    english = language == NULL || *language == '\0' || g_str_has_prefix (language, "en");
    shot_dir = g_build_filename (SCREENSHOT_DIR, english ? "en" : language, NULL);
  }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/window/first-run-and-empty", test_first_run_and_empty);
  g_test_add_func ("/ui/window/preferences-and-shortcuts", test_preferences_and_shortcuts);
  g_test_add_func ("/ui/editor/create-shows-pending", test_editor_create_shows_pending);
  g_test_add_func ("/ui/editor/validation", test_editor_validation);
  g_test_add_func ("/ui/editor/read-only", test_editor_read_only);
  g_test_add_func ("/ui/dialog/meeting-conflict", test_dialog_meeting_conflict);
  g_test_add_func ("/ui/dialog/participant-unavailable", test_dialog_participant_unavailable);
  g_test_add_func ("/ui/dialog/sync-conflict", test_dialog_sync_conflict);
  g_test_add_func ("/ui/sync/outbox-rows", test_outbox_popover_rows);
  g_test_add_func ("/ui/sync/row-opens-dialog", test_outbox_row_opens_dialog);

  g_test_add_func ("/ui/sync/sign-in-errors", test_sign_in_errors);
  g_test_add_func ("/ui/sync/round-updates-button", test_sync_round_updates_button);
  g_test_add_func ("/ui/sync/editor-checks-server", test_editor_checks_server);
  g_test_add_func ("/ui/sync/sign-out-keeps-replica", test_sign_out_keeps_replica);
  g_test_add_func ("/ui/sync/sign-in-without-keyring", test_sign_in_without_keyring);
  g_test_add_func ("/ui/sync/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/agenda/jump-shows-day-at-top", test_agenda_jump_shows_day_at_top);
  g_test_add_func ("/ui/week/busy-day", test_week_busy_day);
  g_test_add_func ("/ui/sync/narrow-header", test_sync_button_narrow_header);
  g_test_add_func ("/ui/agenda/room-renamed-while-hidden", test_agenda_room_renamed_while_hidden);

  have_display = g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0';
  if (!have_display)
    return g_test_run ();

  data_dir = g_dir_make_tmp ("quorum-ui-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("QUORUM_DATA_DIR", data_dir, TRUE);
  {
    g_autofree char *log_dir = g_build_filename (data_dir, "logs", NULL);
    g_autoptr(GError) error = NULL;

    g_setenv ("QUORUM_LOG_DIR", log_dir, TRUE);
    http_server = quorum_test_server_new ();
    quorum_test_server_seed_demo (http_server);
    if (!quorum_test_server_listen (http_server, 0, &error))
      g_error ("test server: %s", error->message);
    http_port = quorum_test_server_get_port (http_server);
  }

  app = quorum_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&app);
  g_clear_object (&http_server);
  return status != 0 ? status : test_status;
}
