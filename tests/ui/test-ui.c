/* test-ui.c — the real application window under a display (Xvfb in CI)
 *
 * One QuorumApplication over a temporary replica; the tests run inside its
 * "activate", drive the window, the editor and the dialogs, check the
 * widget tree and the outbox, and save every view as PNG (light and dark,
 * and the window at 360 px) into the build folder.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "quorum-application.h"
#include "quorum-window.h"
#include "quorum-agenda-view.h"
#include "quorum-week-view.h"
#include "quorum-rooms-view.h"
#include "quorum-time-grid.h"
#include "quorum-sync-button.h"
#include "quorum-meeting-editor.h"
#include "quorum-error-dialog.h"
#include "quorum-conflict-dialog.h"
#include "quorum-store-private.h"
#include "quorum-time.h"

static QuorumApplication *app;
static QuorumWindow      *window;
static QuorumStore       *store;
static gboolean           have_display;
static int                test_status;

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
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (SCREENSHOT_DIR, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_mkdir_with_parents (SCREENSHOT_DIR, 0755);
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

  g_assert_true (quorum_store_set_state (store, "user_id", "7", &error));
  quorum_window_replica_changed (window);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (quorum_agenda_view_get_page (QUORUM_AGENDA_VIEW (agenda)), ==, "empty");
  shoot (agenda, "agenda-empty");
  g_assert_cmpstr (quorum_sync_button_get_label (QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window))),
                   ==, "Up to date");
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
  shoot (GTK_WIDGET (editor), "editor-new");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_null (editor);   /* closed after saving */

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

  /* The sync button counts what waits. */
  g_assert_nonnull (strstr (quorum_sync_button_get_label (QUORUM_SYNC_BUTTON (quorum_window_get_sync_button (window))),
                            "changes waiting"));

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
  shoot (GTK_WIDGET (window), "agenda-360");
  show_view ("week");
  shoot (GTK_WIDGET (window), "week-360");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  {
    int tries = 0;

    while (gtk_widget_get_width (GTK_WIDGET (window)) < 1000 && tries++ < 100)
      wait_frames (GTK_WIDGET (window), 1);
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
  shoot (GTK_WIDGET (dialog), "dialog-meeting-conflict");

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
  shoot (GTK_WIDGET (dialog), "dialog-participant-unavailable");
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
  shoot (GTK_WIDGET (dialog), "dialog-sync-conflict");
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

/* Running inside the application */

static void
on_activate (GApplication *application,
             gpointer      user_data)
{
  window = QUORUM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  store = quorum_window_get_store (window);
  g_assert_nonnull (store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
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
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/window/first-run-and-empty", test_first_run_and_empty);
  g_test_add_func ("/ui/editor/create-shows-pending", test_editor_create_shows_pending);
  g_test_add_func ("/ui/editor/validation", test_editor_validation);
  g_test_add_func ("/ui/editor/read-only", test_editor_read_only);
  g_test_add_func ("/ui/dialog/meeting-conflict", test_dialog_meeting_conflict);
  g_test_add_func ("/ui/dialog/participant-unavailable", test_dialog_participant_unavailable);
  g_test_add_func ("/ui/dialog/sync-conflict", test_dialog_sync_conflict);
  g_test_add_func ("/ui/sync/outbox-rows", test_outbox_popover_rows);

  have_display = g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0';
  if (!have_display)
    return g_test_run ();

  data_dir = g_dir_make_tmp ("quorum-ui-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("QUORUM_DATA_DIR", data_dir, TRUE);

  app = quorum_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&app);
  return status != 0 ? status : test_status;
}
