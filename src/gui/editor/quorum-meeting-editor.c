/* quorum-meeting-editor.c — the meeting editor window */
#include "config.h"
#include "quorum-meeting-editor-private.h"
#include "quorum-meeting-editor-participants.h"
#include "quorum-meeting-editor-rooms.h"
#include "quorum-meeting-editor-check.h"
#include "quorum-editor-form.h"
#include "quorum-format.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <string.h>

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumMeetingEditor, quorum_meeting_editor, ADW_TYPE_WINDOW)

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

gboolean
_quorum_meeting_editor_current_times (QuorumMeetingEditor *self,
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
const QuorumMeeting *
_quorum_meeting_editor_first_conflict (QuorumMeetingEditor *self,
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
  _quorum_meeting_editor_rebuild_rooms (self);
  _quorum_meeting_editor_rebuild_chips (self);
  _quorum_meeting_editor_update_availability (self);
}

static void
on_room_selected (QuorumMeetingEditor *self)
{
  if (!self->loading)
    _quorum_meeting_editor_update_availability (self);
}

/* A cancelled meeting books nothing: moving to or from "Cancelled"
 * changes every answer. */
static void
on_status_selected (QuorumMeetingEditor *self)
{
  if (self->loading)
    return;
  show_error (self, NULL);
  _quorum_meeting_editor_rebuild_rooms (self);
  _quorum_meeting_editor_update_availability (self);
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

  _quorum_meeting_editor_cancel_check (self);
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
  _quorum_meeting_editor_participants_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
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
  _quorum_meeting_editor_rooms_init (self);
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

  _quorum_meeting_editor_rebuild_rooms (self);
  _quorum_meeting_editor_select_room (self, m->room_id);
  _quorum_meeting_editor_rebuild_chips (self);
  _quorum_meeting_editor_update_availability (self);
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
      g_signal_connect_swapped (engine, "notify::state",
                                G_CALLBACK (_quorum_meeting_editor_engine_state_changed), self);
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
  gint64 me = quorum_store_get_user_id (store);

  draft->start_time = start;
  draft->end_time = end > start ? end : start + G_TIME_SPAN_HOUR;
  draft->room_id = room_id;
  /* The organiser takes part in their own meeting. */
  if (me > 0)
    quorum_meeting_set_participants (draft, &me, 1);
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
  gint64 me = quorum_store_get_user_id (store);

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

QuorumMeeting *
_quorum_meeting_editor_collect (QuorumMeetingEditor *self,
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
  m->room_id = _quorum_meeting_editor_selected_room (self);
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
  values = _quorum_meeting_editor_collect (self, &local_error);
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

const char *
quorum_meeting_editor_get_error_text (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
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
