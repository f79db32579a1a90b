/* quorum-meeting-editor.c — the meeting editor window */
#include "config.h"
#include "quorum-meeting-editor.h"
#include "quorum-editor-form.h"
#include "quorum-availability.h"
#include "quorum-account-model.h"
#include "quorum-sync-status.h"
#include "quorum-format.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <string.h>

struct _QuorumMeetingEditor {
  AdwWindow      parent_instance;

  QuorumStore   *store;
  QuorumMeeting *original;       /* NULL when creating */
  GArray        *participants;   /* gint64 */
  GPtrArray     *users;          /* JsonObject*, the directory */
  GPtrArray     *rooms;          /* JsonObject*, active rooms in combo order */
  GStrv          statuses;       /* what the status row offers, in its order */
  gboolean       read_only;
  gboolean       loading;

  /* Online availability: a debounced POST /meetings/check/ per edit. */
  QuorumSyncEngine   *engine;
  GCancellable       *check_cancellable;
  guint               check_timeout;
  QuorumAvailability *availability;  /* the server's last answer; NULL: the replica's */
  gint64              checked_room;  /* the draft that answer is about */
  gint64              checked_start;
  gint64              checked_end;
  GtkWidget          *room_popover;  /* the room dropdown's popup */
  gboolean            rooms_stale;   /* room rows to redo once it closes */
  const char         *check_source;  /* "server", "replica", "checking" or NULL */
  gboolean            was_online;

  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  GtkWidget *readonly_label;
  GtkWidget *error_label;
  GtkWidget *overlap_label;
  GtkWidget *when_group;
  GtkWidget *where_group;
  GtkWidget *who_group;
  GtkWidget *details_group;
  GtkWidget *title_row;
  GtkWidget *date_row;
  GtkWidget *start_row;
  GtkWidget *end_row;
  GtkWidget *room_row;
  GtkWidget *location_row;
  GtkWidget *participant_row;
  GtkWidget *suggestion_list;
  GtkWidget *chip_box;
  GtkWidget *type_row;
  GtkWidget *priority_row;
  GtkWidget *status_row;
  GtkWidget *description_view;
  GtkWidget *agenda_view;
};

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumMeetingEditor, quorum_meeting_editor, ADW_TYPE_WINDOW)

/* Long enough that typing "10:30" sends one request, short enough to feel live. */
#define CHECK_DELAY_MS 400

static const char *types[] = { "INTERNAL", "SCHEDULED", "UNSCHEDULED", "EXTERNAL", NULL };
static const char *priorities[] = { "LOW", "MEDIUM", "HIGH", NULL };

/* Helpers */

static const char *
entry_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

static void
set_combo (GtkWidget   *row,
           const char **values,
           const char *(*label) (const char *),
           const char  *selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint pick = 0;

  for (guint i = 0; values[i]; i++)
    {
      gtk_string_list_append (list, label (values[i]));
      if (g_strcmp0 (values[i], selected) == 0)
        pick = i;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), pick);
}

static const char *
combo_value (GtkWidget   *row,
             const char **values)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (values == NULL)
    return NULL;
  return i < g_strv_length ((char **) values) ? values[i] : values[0];
}

static gboolean
current_times (QuorumMeetingEditor *self,
               gint64              *start,
               gint64              *end)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return quorum_editor_compose_times (entry_text (self->date_row), entry_text (self->start_row),
                                      entry_text (self->end_row), tz, start, end, NULL);
}

static gint64
own_id (QuorumMeetingEditor *self)
{
  return self->original ? self->original->id : 0;
}

static gboolean
is_other_meeting (QuorumMeetingEditor *self,
                  const QuorumMeeting *m)
{
  if (self->original == NULL)
    return TRUE;
  return g_strcmp0 (m->local_id, self->original->local_id) != 0 &&
         (own_id (self) == 0 || m->id != own_id (self));
}

/* The first other, non-cancelled meeting in @busy, or NULL; always NULL
 * while the draft itself is cancelled, which books nothing (§4). */
static const QuorumMeeting *
first_conflict (QuorumMeetingEditor *self,
                GPtrArray           *busy)
{
  if (g_strcmp0 (combo_value (self->status_row, (const char **) self->statuses), "CANCELLED") == 0)
    return NULL;
  for (guint i = 0; busy && i < busy->len; i++)
    {
      const QuorumMeeting *m = g_ptr_array_index (busy, i);

      if (is_other_meeting (self, m) && g_strcmp0 (m->status, "CANCELLED") != 0)
        return m;
    }
  return NULL;
}

static JsonObject *
find_user (QuorumMeetingEditor *self,
           gint64               id)
{
  for (guint i = 0; self->users && i < self->users->len; i++)
    {
      JsonObject *u = g_ptr_array_index (self->users, i);

      if (json_object_get_int_member_with_default (u, "id", 0) == id)
        return u;
    }
  return NULL;
}

static char *
user_label (QuorumMeetingEditor *self,
            gint64               id)
{
  JsonObject *u = find_user (self, id);
  const char *name = u ? json_object_get_string_member_with_default (u, "name", NULL) : NULL;

  if (name && *name)
    return g_strdup (name);
  if (u)
    return g_strdup (json_object_get_string_member_with_default (u, "username", "?"));
  return g_strdup_printf (_("Unknown (#%lld)"), (long long) id);
}

/* Availability: chips and rooms */

static const char *
replica_availability_of (QuorumMeetingEditor *self,
                         gint64               user_id)
{
  g_autoptr(GPtrArray) busy = NULL;
  gint64 start, end;

  if (!current_times (self, &start, &end) || find_user (self, user_id) == NULL)
    return "unknown";
  busy = quorum_store_list_busy (self->store, user_id, 0, start, end, NULL);
  return first_conflict (self, busy) ? "busy" : "free";
}

/* The server's answer when it gave one about people, else the replica's:
 * the chips always agree with the line under the room. */
static const char *
availability_of (QuorumMeetingEditor *self,
                 gint64               user_id)
{
  return quorum_availability_chip_state (self->availability, user_id,
                                         replica_availability_of (self, user_id));
}

static const char *
state_text (const char *state)
{
  return g_str_equal (state, "busy") ? _("busy") : g_str_equal (state, "free") ? _("free") : _("unknown");
}

static void
set_chip_state (GtkWidget  *chip,
                const char *state)
{
  const char *name = g_object_get_data (G_OBJECT (chip), "name");
  g_autofree char *text = g_strdup_printf ("%s (%s)", name, state_text (state));
  const char *states[] = { "busy", "free", "unknown" };

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (chip)), text);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    gtk_widget_remove_css_class (chip, states[i]);
  gtk_widget_add_css_class (chip, state);
  g_object_set_data_full (G_OBJECT (chip), "state", g_strdup (state), g_free);
}

/* Marks only, in place: a check's answer must not rebuild the chips under
 * the user's keyboard focus. */
static void
refresh_chip_states (QuorumMeetingEditor *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->chip_box); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chip), "user-id"));

      set_chip_state (chip, availability_of (self, id));
    }
}

static void
on_chip_remove (GtkButton           *button,
                QuorumMeetingEditor *self);

static void
rebuild_chips (QuorumMeetingEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->chip_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->chip_box), child);

  for (guint i = 0; i < self->participants->len; i++)
    {
      gint64 id = g_array_index (self->participants, gint64, i);
      g_autofree char *name = user_label (self, id);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_add_css_class (chip, "chip");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_widget_set_sensitive (remove, !self->read_only);
      g_object_set_data (G_OBJECT (remove), "user-id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_chip_remove), self);
      gtk_box_append (GTK_BOX (chip), label);
      gtk_box_append (GTK_BOX (chip), remove);
      g_object_set_data_full (G_OBJECT (chip), "name", g_steal_pointer (&name), g_free);
      g_object_set_data (G_OBJECT (chip), "user-id", GSIZE_TO_POINTER ((gsize) id));
      set_chip_state (chip, availability_of (self, id));
      gtk_flow_box_append (GTK_FLOW_BOX (self->chip_box), chip);
    }
}

static char *
last_sync_clock (QuorumMeetingEditor *self)
{
  g_autofree char *last = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 us = self->engine ? quorum_sync_engine_get_last_success (self->engine) : 0;

  if (us <= 0)
    {
      last = quorum_store_get_state (self->store, "last_success");
      us = quorum_sync_parse_last_success (last);
    }
  return us > 0 ? quorum_format_clock (us, tz) : NULL;
}

/* Free or busy for one room row.  The server's answer is about one room
 * and one time: for that room it is the truth (the replica may not know a
 * booking made elsewhere); the other rooms are the replica's. */
static const char *
room_state (QuorumMeetingEditor *self,
            gint64               room_id,
            gint64               start,
            gint64               end)
{
  g_autoptr(GPtrArray) busy = NULL;

  if (self->availability != NULL && !self->availability->fallback && !self->availability->invalid &&
      room_id == self->checked_room && start == self->checked_start && end == self->checked_end)
    return self->availability->room_booked ? _("busy") : _("free");
  busy = quorum_store_list_busy (self->store, 0, room_id, start, end, NULL);
  return first_conflict (self, busy) ? _("busy") : _("free");
}

static gboolean
room_rows_equal (GListModel *model,
                 GPtrArray  *texts)
{
  if (model == NULL || g_list_model_get_n_items (model) != texts->len)
    return FALSE;
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   g_ptr_array_index (texts, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Redoes the room rows when their words changed.  Never under an open
 * popup: a new model there would move the list under the pointer and drop
 * the highlighted row; the rows are redone when it closes. */
static void
rebuild_rooms (QuorumMeetingEditor *self)
{
  g_autoptr(GtkStringList) list = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->room_row));
  gint64 start = 0, end = 0;
  gboolean have_times = current_times (self, &start, &end);

  g_ptr_array_add (texts, g_strdup (_("No room")));
  for (guint i = 0; i < self->rooms->len; i++)
    {
      JsonObject *room = g_ptr_array_index (self->rooms, i);
      gint64 id = json_object_get_int_member_with_default (room, "id", 0);
      gint64 capacity = json_object_get_int_member_with_default (room, "capacity", 0);
      const char *state = have_times ? room_state (self, id, start, end) : "";

      /* Translators: room name, seats, and free/busy at the chosen time */
      g_ptr_array_add (texts, g_strdup_printf (ngettext ("%s · %lld seat · %s", "%s · %lld seats · %s",
                                                         (unsigned long) MAX (capacity, 0)),
                                               json_object_get_string_member_with_default (room, "name", "?"),
                                               (long long) capacity, state));
    }
  if (room_rows_equal (adw_combo_row_get_model (ADW_COMBO_ROW (self->room_row)), texts))
    return;
  if (self->room_popover != NULL && gtk_widget_get_visible (self->room_popover))
    {
      self->rooms_stale = TRUE;
      return;
    }
  self->rooms_stale = FALSE;
  g_ptr_array_add (texts, NULL);
  list = gtk_string_list_new ((const char * const *) texts->pdata);
  self->loading = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->room_row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->room_row), MIN (selected, self->rooms->len));
  self->loading = FALSE;
}

static void
on_room_popover_closed (QuorumMeetingEditor *self)
{
  if (self->rooms_stale)
    rebuild_rooms (self);
}

static gint64
selected_room (QuorumMeetingEditor *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->room_row));

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->rooms->len)
    return 0;
  return json_object_get_int_member_with_default (g_ptr_array_index (self->rooms, i - 1), "id", 0);
}

static void
select_room (QuorumMeetingEditor *self,
             gint64               room_id)
{
  guint pick = 0;

  for (guint i = 0; i < self->rooms->len; i++)
    if (json_object_get_int_member_with_default (g_ptr_array_index (self->rooms, i), "id", 0) == room_id)
      pick = i + 1;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->room_row), pick);
}

static void
set_overlap (QuorumMeetingEditor *self,
             const char          *text,
             const char          *css_class)
{
  /* Plain text always: meeting titles come from the server or other users. */
  gtk_widget_remove_css_class (self->overlap_label, "inline-error");
  gtk_widget_remove_css_class (self->overlap_label, "dim-label");
  gtk_widget_set_visible (self->overlap_label, text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->overlap_label), text);
  if (css_class != NULL)
    gtk_widget_add_css_class (self->overlap_label, css_class);
}

/* Offline, or when the server gave no answer: the replica, and when it
 * was last brought up to date. */
static void
show_replica_answer (QuorumMeetingEditor *self)
{
  g_autoptr(GPtrArray) busy = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *as_of = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const QuorumMeeting *other;
  gint64 start, end, room = selected_room (self);

  g_clear_pointer (&self->availability, quorum_availability_free);
  if (room == 0 || !current_times (self, &start, &end))
    {
      self->check_source = NULL;
      set_overlap (self, NULL, NULL);
      refresh_chip_states (self);
      rebuild_rooms (self);
      return;
    }
  busy = quorum_store_list_busy (self->store, 0, room, start, end, NULL);
  other = first_conflict (self, busy);
  as_of = last_sync_clock (self);
  if (other != NULL)
    when = quorum_format_range (other->start_time, other->end_time, tz);
  text = quorum_availability_replica_text (other ? other->title : NULL, when, as_of);
  self->check_source = "replica";
  set_overlap (self, text, other ? "inline-error" : NULL);
  refresh_chip_states (self);
  rebuild_rooms (self);
}

/* The API to ask when signed in and the last round reached the server;
 * NULL means the replica answers. */
static QuorumApi *
online_api (QuorumMeetingEditor *self)
{
  QuorumAccount *account;
  QuorumAuth *auth;

  if (self->engine == NULL || self->read_only)
    return NULL;
  account = quorum_sync_engine_get_account (self->engine);
  if (!quorum_sync_is_online (quorum_account_is_configured (account),
                              quorum_sync_engine_get_state (self->engine)))
    return NULL;
  auth = quorum_account_get_auth (account);
  if (auth == NULL || !quorum_auth_get_logged_in (auth))
    return NULL;
  return quorum_account_get_api (account);
}

static void
cancel_check (QuorumMeetingEditor *self)
{
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

static char *
name_for_text (gint64   id,
               gpointer user_data)
{
  return user_label (user_data, id);
}

static void
apply_availability (QuorumMeetingEditor *self,
                    QuorumAvailability  *availability,
                    const QuorumMeeting *checked)
{
  g_autofree char *text = NULL;

  if (availability->fallback)
    {
      quorum_availability_free (availability);
      show_replica_answer (self);
      return;
    }
  g_clear_pointer (&self->availability, quorum_availability_free);
  self->availability = availability;
  self->checked_room = checked->room_id;
  self->checked_start = checked->start_time;
  self->checked_end = checked->end_time;
  text = quorum_availability_text (availability, selected_room (self) != 0, self->participants->len,
                                   name_for_text, self);
  self->check_source = "server";
  set_overlap (self, text, quorum_availability_is_problem (availability) ? "inline-error" : NULL);
  refresh_chip_states (self);
  rebuild_rooms (self);
}

typedef struct {
  QuorumMeetingEditor *self;          /* a reference: the answer may outlive the window */
  GCancellable        *cancellable;
  JsonObject          *people_body;   /* the draft without its room, or NULL */
  QuorumMeeting       *draft;         /* what is asked about */
  QuorumAvailability  *availability;  /* after the first answer */
} CheckCall;

static void
check_call_free (CheckCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_clear_pointer (&call->people_body, json_object_unref);
  g_clear_pointer (&call->draft, quorum_meeting_free);
  g_clear_pointer (&call->availability, quorum_availability_free);
  g_free (call);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckCall *call = user_data;
  QuorumMeetingEditor *self = call->self;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GError) error = NULL;

  quorum_api_check_finish (QUORUM_API (source), result, &error);
  /* A newer edit (or closing the window) cancelled this one. */
  if (g_cancellable_is_cancelled (call->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_call_free (call);
      return;
    }
  if (error != NULL)
    g_debug ("check: %s", error->message);

  if (call->availability == NULL)
    {
      call->availability = quorum_availability_new_from_check (error, tz);
      if (call->people_body != NULL && quorum_availability_needs_people_check (call->availability))
        {
          g_autoptr(JsonObject) body = g_steal_pointer (&call->people_body);
          GCancellable *cancellable = call->cancellable;

          quorum_api_check_async (QUORUM_API (source), body, cancellable, on_check_done, call);
          return;
        }
    }
  else
    quorum_availability_add_people_check (call->availability, error, tz);

  if (self->check_cancellable == call->cancellable)
    g_clear_object (&self->check_cancellable);
  apply_availability (self, g_steal_pointer (&call->availability), call->draft);
  check_call_free (call);
}

static QuorumMeeting *collect (QuorumMeetingEditor *self,
                               GError             **error);

static JsonObject *
check_body (QuorumMeetingEditor *self,
            const QuorumMeeting *draft)
{
  JsonObject *body = quorum_meeting_to_json (draft, QUORUM_FIELD_ALL, FALSE);
  g_autofree char *title = g_strstrip (g_strdup (draft->title ? draft->title : ""));

  /* The question is about time, room and people; a title not typed yet
   * must not turn it into a validation error (saving still asks for one). */
  if (*title == '\0')
    json_object_set_string_member (body, "title", "-");
  if (self->original != NULL && self->original->id > 0)
    json_object_set_int_member (body, "id", self->original->id);
  return body;
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  QuorumMeetingEditor *self = user_data;
  QuorumApi *api = online_api (self);
  g_autoptr(QuorumMeeting) draft = NULL;
  g_autoptr(JsonObject) body = NULL;
  GCancellable *cancellable;
  CheckCall *call;

  self->check_timeout = 0;
  draft = api ? collect (self, NULL) : NULL;
  if (draft == NULL)
    {
      show_replica_answer (self);
      return G_SOURCE_REMOVE;
    }
  body = check_body (self, draft);
  call = g_new0 (CheckCall, 1);
  call->self = g_object_ref (self);
  self->check_cancellable = g_cancellable_new ();
  call->cancellable = g_object_ref (self->check_cancellable);
  if (draft->room_id != 0 && draft->participant_ids && draft->participant_ids->len > 0)
    {
      call->people_body = check_body (self, draft);
      json_object_set_null_member (call->people_body, "room_id");
    }
  call->draft = g_steal_pointer (&draft);
  cancellable = call->cancellable;
  quorum_api_check_async (api, body, cancellable, on_check_done, call);
  return G_SOURCE_REMOVE;
}

/* After every edit of time, room or participants: online, a check a
 * moment after the typing stops, replacing the one in flight; offline,
 * the replica at once. */
static void
update_availability (QuorumMeetingEditor *self)
{
  gint64 start, end;

  cancel_check (self);
  self->was_online = online_api (self) != NULL;
  if (!self->was_online || !current_times (self, &start, &end) ||
      (selected_room (self) == 0 && self->participants->len == 0))
    {
      show_replica_answer (self);
      return;
    }
  /* The last answer is about another draft: the chips fall back to the
   * replica until the new one comes. */
  g_clear_pointer (&self->availability, quorum_availability_free);
  self->check_source = "checking";
  set_overlap (self, quorum_availability_checking_text (), "dim-label");
  refresh_chip_states (self);
  self->check_timeout = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

static void
on_engine_state (QuorumMeetingEditor *self)
{
  /* Only a change between online and offline asks again. */
  if ((online_api (self) != NULL) != self->was_online)
    update_availability (self);
}

/* Callbacks */

static void
show_error (QuorumMeetingEditor *self,
            const char          *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static void
on_field_changed (QuorumMeetingEditor *self)
{
  if (!self->loading)
    show_error (self, NULL);
}

static void
on_time_changed (QuorumMeetingEditor *self)
{
  if (self->loading)
    return;
  show_error (self, NULL);
  rebuild_rooms (self);
  rebuild_chips (self);
  update_availability (self);
}

static void
on_room_selected (QuorumMeetingEditor *self)
{
  if (!self->loading)
    update_availability (self);
}

/* A cancelled meeting books nothing: moving to or from "Cancelled"
 * changes every answer. */
static void
on_status_selected (QuorumMeetingEditor *self)
{
  if (self->loading)
    return;
  show_error (self, NULL);
  rebuild_rooms (self);
  update_availability (self);
}

static void
on_chip_remove (GtkButton           *button,
                QuorumMeetingEditor *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "user-id"));

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, gint64, i) == id)
      {
        g_array_remove_index (self->participants, i);
        break;
      }
  rebuild_chips (self);
  update_availability (self);
}

static gboolean
user_matches (JsonObject *user,
              const char *needle)
{
  const char *fields[] = { "name", "username", "email" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *v = json_object_get_string_member_with_default (user, fields[i], NULL);
      g_autofree char *folded = v ? g_utf8_casefold (v, -1) : NULL;

      if (folded && strstr (folded, needle))
        return TRUE;
    }
  return FALSE;
}

static void
on_participant_text_changed (QuorumMeetingEditor *self)
{
  g_autofree char *needle = g_utf8_casefold (entry_text (self->participant_row), -1);
  guint shown = 0;

  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->suggestion_list)) != NULL;)
    gtk_list_box_remove (GTK_LIST_BOX (self->suggestion_list), child);
  for (guint i = 0; *needle && self->users && i < self->users->len && shown < 8; i++)
    {
      JsonObject *u = g_ptr_array_index (self->users, i);
      gint64 id = json_object_get_int_member_with_default (u, "id", 0);
      g_autofree char *name = NULL;
      GtkWidget *row;
      gboolean taken = FALSE;

      if (!json_object_get_boolean_member_with_default (u, "is_active", TRUE) || !user_matches (u, needle))
        continue;
      for (guint j = 0; j < self->participants->len; j++)
        taken |= g_array_index (self->participants, gint64, j) == id;
      if (taken)
        continue;
      name = user_label (self, id);
      row = adw_action_row_new ();
      /* names and e-mails come from the server: text, not markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member_with_default (u, "email", ""));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "user-id", GSIZE_TO_POINTER ((gsize) id));
      gtk_list_box_append (GTK_LIST_BOX (self->suggestion_list), row);
      shown++;
    }
  gtk_widget_set_visible (self->suggestion_list, shown > 0);
}

static void
on_suggestion_activated (QuorumMeetingEditor *self,
                         GtkListBoxRow       *row)
{
  quorum_meeting_editor_add_participant (self,
    (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "user-id")));
  gtk_editable_set_text (GTK_EDITABLE (self->participant_row), "");
}

static void
on_participant_entry_activated (QuorumMeetingEditor *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->suggestion_list), 0);

  if (first != NULL)
    on_suggestion_activated (self, first);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  quorum_meeting_editor_save (QUORUM_MEETING_EDITOR (widget), &error);
}

/* Object */

static void
quorum_meeting_editor_dispose (GObject *object)
{
  QuorumMeetingEditor *self = QUORUM_MEETING_EDITOR (object);

  cancel_check (self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_MEETING_EDITOR);
  G_OBJECT_CLASS (quorum_meeting_editor_parent_class)->dispose (object);
}

static void
quorum_meeting_editor_finalize (GObject *object)
{
  QuorumMeetingEditor *self = QUORUM_MEETING_EDITOR (object);

  g_clear_pointer (&self->original, quorum_meeting_free);
  g_clear_pointer (&self->participants, g_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->availability, quorum_availability_free);
  G_OBJECT_CLASS (quorum_meeting_editor_parent_class)->finalize (object);
}

static void
quorum_meeting_editor_class_init (QuorumMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_meeting_editor_dispose;
  object_class->finalize = quorum_meeting_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorum/Quorum/quorum-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, readonly_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, overlap_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, when_group);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, where_group);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, who_group);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, details_group);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, room_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, participant_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, suggestion_list);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, chip_box);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, QuorumMeetingEditor, agenda_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_room_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_participant_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_participant_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = GTK_IS_POPOVER (c) ? c : find_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
quorum_meeting_editor_init (QuorumMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->participants = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chip_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Participants"), -1);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected), self);
  /* AdwComboRow 1.2 does not expose its popup; it is its only popover. */
  self->room_popover = find_popover (self->room_row);
  if (self->room_popover != NULL)
    g_signal_connect_swapped (self->room_popover, "closed", G_CALLBACK (on_room_popover_closed), self);
}

static void
load_directory (QuorumMeetingEditor *self)
{
  g_autoptr(GPtrArray) all_rooms = quorum_store_list_rooms (self->store, NULL);

  self->users = quorum_store_list_users (self->store, NULL);
  self->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; all_rooms && i < all_rooms->len; i++)
    {
      JsonObject *room = g_ptr_array_index (all_rooms, i);

      if (json_object_get_boolean_member_with_default (room, "is_active", TRUE))
        g_ptr_array_add (self->rooms, json_object_ref (room));
    }
}

static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
}

/* Fills every field from @m (a copy of a stored meeting, or a draft). */
static void
load_meeting (QuorumMeetingEditor *self,
              const QuorumMeeting *m)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *date = NULL, *start = NULL, *end = NULL;

  self->loading = TRUE;
  quorum_editor_split_times (m->start_time, m->end_time, tz, &date, &start, &end);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), m->title ? m->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), m->external_location ? m->external_location : "");
  set_combo (self->type_row, types, quorum_format_type, m->meeting_type ? m->meeting_type : "INTERNAL");
  set_combo (self->priority_row, priorities, quorum_format_priority, m->priority ? m->priority : "MEDIUM");
  g_strfreev (self->statuses);
  self->statuses = quorum_editor_status_choices (self->original ? m->status : NULL);
  set_combo (self->status_row, (const char **) self->statuses, quorum_format_status,
             self->original && m->status ? m->status : "PENDING");
  set_text_view (self->description_view, m->description);
  set_text_view (self->agenda_view, m->agenda);
  g_array_set_size (self->participants, 0);
  if (m->participant_ids)
    g_array_append_vals (self->participants, m->participant_ids->data, m->participant_ids->len);
  self->loading = FALSE;

  rebuild_rooms (self);
  select_room (self, m->room_id);
  rebuild_chips (self);
  update_availability (self);
}

static void
apply_read_only (QuorumMeetingEditor *self)
{
  GtkWidget *groups[] = { self->when_group, self->where_group, self->who_group, self->details_group,
                          self->description_view, self->agenda_view, self->suggestion_list };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], !self->read_only);
  gtk_widget_set_visible (self->save_button, !self->read_only);
  gtk_widget_set_visible (self->readonly_label, self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !self->read_only);
}

static QuorumMeetingEditor *
editor_new (GtkWindow        *parent,
            QuorumStore      *store,
            QuorumSyncEngine *engine)
{
  QuorumMeetingEditor *self = g_object_new (QUORUM_TYPE_MEETING_EDITOR,
                                            "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (on_engine_state), self);
    }
  load_directory (self);
  return self;
}

QuorumMeetingEditor *
quorum_meeting_editor_new_create (GtkWindow        *parent,
                                  QuorumStore      *store,
                                  QuorumSyncEngine *engine,
                                  gint64            start,
                                  gint64            end,
                                  gint64            room_id)
{
  QuorumMeetingEditor *self = editor_new (parent, store, engine);
  g_autoptr(QuorumMeeting) draft = quorum_meeting_new ();
  g_autofree char *user = quorum_store_get_state (store, "user_id");

  draft->start_time = start;
  draft->end_time = end > start ? end : start + G_TIME_SPAN_HOUR;
  draft->room_id = room_id;
  /* The organiser takes part in their own meeting. */
  if (user != NULL && g_ascii_strtoll (user, NULL, 10) > 0)
    {
      gint64 me = g_ascii_strtoll (user, NULL, 10);

      quorum_meeting_set_participants (draft, &me, 1);
    }
  adw_window_title_set_title (self->window_title, _("New Meeting"));
  load_meeting (self, draft);
  apply_read_only (self);
  return self;
}

QuorumMeetingEditor *
quorum_meeting_editor_new_edit (GtkWindow        *parent,
                                QuorumStore      *store,
                                QuorumSyncEngine *engine,
                                const char       *local_id)
{
  QuorumMeetingEditor *self = editor_new (parent, store, engine);
  g_autofree char *user = quorum_store_get_state (store, "user_id");
  gint64 me = user ? g_ascii_strtoll (user, NULL, 10) : 0;

  self->original = quorum_store_get_meeting (store, local_id, NULL);
  adw_window_title_set_title (self->window_title, _("Edit Meeting"));
  if (self->original == NULL)
    {
      self->read_only = TRUE;
      show_error (self, _("This meeting is no longer in the replica."));
      apply_read_only (self);
      return self;
    }
  /* A meeting the server has never seen is ours; otherwise only its
   * organiser may change it (the server would answer 403). */
  self->read_only = self->original->id > 0 && self->original->organizer_id != 0 &&
                    self->original->organizer_id != me;
  load_meeting (self, self->original);
  apply_read_only (self);
  return self;
}

gboolean
quorum_meeting_editor_get_read_only (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), TRUE);
  return self->read_only;
}

static QuorumMeeting *
collect (QuorumMeetingEditor *self,
         GError             **error)
{
  g_autoptr(QuorumMeeting) m = self->original ? quorum_meeting_copy (self->original) : quorum_meeting_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 start, end;

  if (!quorum_editor_compose_times (entry_text (self->date_row), entry_text (self->start_row),
                                    entry_text (self->end_row), tz, &start, &end, error))
    return NULL;
  g_free (m->title);
  m->title = g_strdup (entry_text (self->title_row));
  m->start_time = start;
  m->end_time = end;
  g_free (m->description);
  m->description = text_view_text (self->description_view);
  g_free (m->agenda);
  m->agenda = text_view_text (self->agenda_view);
  g_free (m->meeting_type);
  m->meeting_type = g_strdup (combo_value (self->type_row, types));
  g_free (m->priority);
  m->priority = g_strdup (combo_value (self->priority_row, priorities));
  g_free (m->status);
  m->status = g_strdup (combo_value (self->status_row, (const char **) self->statuses));
  m->room_id = selected_room (self);
  g_free (m->external_location);
  m->external_location = g_strdup (entry_text (self->location_row));
  quorum_meeting_set_participants (m, (const gint64 *) (const void *) self->participants->data,
                                   self->participants->len);
  return g_steal_pointer (&m);
}

gboolean
quorum_meeting_editor_save (QuorumMeetingEditor *self,
                            GError             **error)
{
  g_autoptr(QuorumMeeting) values = NULL;
  g_autoptr(QuorumMeeting) saved = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), FALSE);

  if (self->read_only)
    {
      g_set_error (&local_error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   _("You do not organise this meeting, so you can only read it."));
      goto fail;
    }
  values = collect (self, &local_error);
  if (values == NULL || !quorum_meeting_validate (values, &local_error))
    goto fail;
  if (self->original != NULL && self->original->status != NULL &&
      g_strcmp0 (self->original->status, values->status) != 0 &&
      !quorum_meeting_status_move_ok (self->original->status, values->status))
    {
      g_set_error (&local_error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID,
                   _("A meeting cannot go from “%s” to “%s”."),
                   quorum_format_status (self->original->status), quorum_format_status (values->status));
      goto fail;
    }

  if (self->original == NULL)
    saved = quorum_store_create_meeting (self->store, values, FALSE, &local_error);
  else
    {
      QuorumMeetingField mask = quorum_meeting_diff (self->original, values);

      if (mask == 0)
        {
          gtk_window_close (GTK_WINDOW (self));
          return TRUE;
        }
      saved = quorum_store_edit_meeting (self->store, self->original->local_id, values, mask,
                                         FALSE, &local_error);
    }
  if (saved == NULL)
    goto fail;

  g_signal_emit (self, signals[SAVED], 0, saved->local_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;

fail:
  show_error (self, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
quorum_meeting_editor_set_text_fields (QuorumMeetingEditor *self,
                                       const char          *title,
                                       const char          *date,
                                       const char          *start,
                                       const char          *end)
{
  g_return_if_fail (QUORUM_IS_MEETING_EDITOR (self));

  if (title)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  if (date)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (start)
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  if (end)
    gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
}

void
quorum_meeting_editor_add_participant (QuorumMeetingEditor *self,
                                       gint64               user_id)
{
  g_return_if_fail (QUORUM_IS_MEETING_EDITOR (self));

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, gint64, i) == user_id)
      return;
  g_array_append_val (self->participants, user_id);
  rebuild_chips (self);
  update_availability (self);
  on_participant_text_changed (self);
}

const char *
quorum_meeting_editor_get_chip_state (QuorumMeetingEditor *self,
                                      gint64               user_id)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->chip_box); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chip), "user-id")) == user_id)
        return g_object_get_data (G_OBJECT (chip), "state");
    }
  return NULL;
}

const char *
quorum_meeting_editor_get_error_text (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}

const char *
quorum_meeting_editor_get_overlap_text (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return gtk_widget_get_visible (self->overlap_label) ? gtk_label_get_text (GTK_LABEL (self->overlap_label)) : NULL;
}

gboolean
quorum_meeting_editor_is_checking (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), FALSE);
  return self->check_timeout != 0 || self->check_cancellable != NULL;
}

const char *
quorum_meeting_editor_get_check_source (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return self->check_source;
}

void
quorum_meeting_editor_set_status (QuorumMeetingEditor *self,
                                  const char          *status)
{
  g_return_if_fail (QUORUM_IS_MEETING_EDITOR (self));

  for (guint i = 0; self->statuses && self->statuses[i]; i++)
    if (g_strcmp0 (self->statuses[i], status) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row), i);
}

const char * const *
quorum_meeting_editor_get_status_choices (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return (const char * const *) self->statuses;
}

const char *
quorum_meeting_editor_get_room_text (QuorumMeetingEditor *self,
                                     gint64               room_id)
{
  GListModel *model;

  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (self->room_row));
  for (guint i = 0; model != NULL && i < self->rooms->len; i++)
    if (json_object_get_int_member_with_default (g_ptr_array_index (self->rooms, i), "id", 0) == room_id)
      return gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1);
  return NULL;
}
