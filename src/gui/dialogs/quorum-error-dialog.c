/* quorum-error-dialog.c — meeting_conflict, participant_unavailable and
 * other refusals, with the actions that fix them */
#include "config.h"
#include "quorum-error-dialog.h"
#include "quorum-error-model.h"
#include "quorum-suggestions.h"
#include "quorum-format.h"

#include <glib/gi18n.h>

#define MAX_SLOTS 5

struct _QuorumErrorDialog {
  AdwMessageDialog  parent_instance;
  QuorumStore      *store;
  QuorumChange     *change;
  QuorumMeeting    *meeting;
  QuorumErrorModel *model;
  GArray           *slots;    /* QuorumSlot */
  GPtrArray        *rooms;    /* JsonObject* */
};

enum { APPLIED, OPEN_MEETING, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumErrorDialog, quorum_error_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
edit (QuorumErrorDialog   *self,
      const QuorumMeeting *values,
      QuorumMeetingField   mask,
      gboolean             ignore_unavailable,
      const char          *toast,
      GError             **error)
{
  g_autoptr(QuorumMeeting) saved = quorum_store_edit_meeting (self->store, self->meeting->local_id,
                                                              values, mask, ignore_unavailable, error);

  if (saved == NULL)
    return FALSE;
  g_signal_emit (self, signals[APPLIED], 0, toast);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gboolean
quorum_error_dialog_apply_slot (QuorumErrorDialog *self,
                                guint              index,
                                GError           **error)
{
  g_autoptr(QuorumMeeting) values = NULL;
  QuorumMeetingField mask;

  g_return_val_if_fail (QUORUM_IS_ERROR_DIALOG (self), FALSE);
  g_return_val_if_fail (index < self->slots->len, FALSE);

  mask = quorum_error_action_move (self->meeting, g_array_index (self->slots, QuorumSlot, index).start, &values);
  return edit (self, values, mask, FALSE, _("Moved — will be sent when online"), error);
}

gboolean
quorum_error_dialog_apply_room (QuorumErrorDialog *self,
                                gint64             room_id,
                                GError           **error)
{
  g_autoptr(QuorumMeeting) values = NULL;
  QuorumMeetingField mask;

  g_return_val_if_fail (QUORUM_IS_ERROR_DIALOG (self), FALSE);

  mask = quorum_error_action_set_room (self->meeting, room_id, &values);
  return edit (self, values, mask, FALSE, _("Room changed — will be sent when online"), error);
}

static void
report (QuorumErrorDialog *self,
        GError            *error)
{
  if (error != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), error->message);
}

static void
on_slot_clicked (GtkButton         *button,
                 QuorumErrorDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!quorum_error_dialog_apply_slot (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")), &error))
    report (self, error);
}

static void
on_room_clicked (GtkButton         *button,
                 QuorumErrorDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "room-id"));

  if (!quorum_error_dialog_apply_room (self, id, &error))
    report (self, error);
}

static void
on_response (AdwMessageDialog  *dialog,
             const char        *response,
             QuorumErrorDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (g_str_equal (response, "remove"))
    {
      g_autoptr(QuorumMeeting) values = NULL;
      QuorumMeetingField mask = quorum_error_action_remove_people (self->model, self->meeting, &values);

      ok = edit (self, values, mask, FALSE, _("Participants removed — will be sent when online"), &error);
    }
  else if (g_str_equal (response, "anyway"))
    {
      QuorumMeetingField mask = self->change->mask ? self->change->mask : QUORUM_FIELD_PARTICIPANT_IDS;

      /* The same values again, now telling the server to book regardless. */
      ok = edit (self, self->meeting, mask, TRUE, _("Will be booked anyway when online"), &error);
    }
  else if (g_str_equal (response, "discard"))
    {
      ok = quorum_store_discard_change (self->store, self->change->change_id, &error);
      if (ok)
        g_signal_emit (self, signals[APPLIED], 0, _("Change discarded"));
    }
  else if (g_str_equal (response, "retry"))
    {
      ok = quorum_store_retry_change (self->store, self->change->change_id, &error);
      if (ok)
        g_signal_emit (self, signals[APPLIED], 0, _("Will be sent again"));
    }
  else if (g_str_equal (response, "open"))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->model->existing.id);

      g_signal_emit (self, signals[OPEN_MEETING], 0, id);
    }
  if (!ok)
    g_warning ("Error dialog action %s failed: %s", response, error->message);
}

static GtkWidget *
section (const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
line (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
build_extra (QuorumErrorDialog *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  QuorumErrorModel *vm = self->model;

  if (vm->kind == QUORUM_ERROR_KIND_MEETING_CONFLICT && vm->has_existing)
    {
      g_autofree char *text = g_strdup_printf (_("Booked by “%s”, %s"), vm->existing.title, vm->existing.when);

      gtk_box_append (GTK_BOX (box), line (text));
    }
  for (guint i = 0; i < vm->people->len; i++)
    {
      QuorumUnavailablePerson *p = g_ptr_array_index (vm->people, i);
      g_autofree char *text = *p->meeting.when
        ? g_strdup_printf (_("%s is in “%s”, %s"), p->name, p->meeting.title, p->meeting.when)
        : g_strdup_printf (_("%s is in another meeting"), p->name);

      gtk_box_append (GTK_BOX (box), line (text));
    }
  for (guint i = 0; i < vm->field_errors->len; i++)
    gtk_box_append (GTK_BOX (box), line (g_ptr_array_index (vm->field_errors, i)));

  if (vm->can_pick_time && self->meeting != NULL)
    {
      gtk_box_append (GTK_BOX (box), section (_("Another time")));
      for (guint i = 0; i < self->slots->len; i++)
        {
          QuorumSlot *s = &g_array_index (self->slots, QuorumSlot, i);
          g_autofree char *text = quorum_format_range (s->start, s->end, tz);
          GtkWidget *b = gtk_button_new_with_label (text);

          g_object_set_data (G_OBJECT (b), "index", GUINT_TO_POINTER (i));
          g_signal_connect (b, "clicked", G_CALLBACK (on_slot_clicked), self);
          gtk_box_append (GTK_BOX (box), b);
        }
      if (self->slots->len == 0)
        gtk_box_append (GTK_BOX (box), line (_("No free time found in the coming week.")));
    }
  if (vm->can_pick_room && self->meeting != NULL)
    {
      gtk_box_append (GTK_BOX (box), section (_("Another room")));
      for (guint i = 0; i < self->rooms->len; i++)
        {
          JsonObject *room = g_ptr_array_index (self->rooms, i);
          gint64 capacity = json_object_get_int_member_with_default (room, "capacity", 0);
          g_autofree char *text =
            g_strdup_printf (ngettext ("%s · %lld seat", "%s · %lld seats",
                                       (unsigned long) MAX (capacity, 0)),
                             json_object_get_string_member_with_default (room, "name", "?"),
                             (long long) capacity);
          GtkWidget *b = gtk_button_new_with_label (text);

          g_object_set_data (G_OBJECT (b), "room-id",
                             GSIZE_TO_POINTER ((gsize) json_object_get_int_member_with_default (room, "id", 0)));
          g_signal_connect (b, "clicked", G_CALLBACK (on_room_clicked), self);
          gtk_box_append (GTK_BOX (box), b);
        }
      if (self->rooms->len == 0)
        gtk_box_append (GTK_BOX (box), line (_("No other room is free then.")));
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
}

static void
quorum_error_dialog_finalize (GObject *object)
{
  QuorumErrorDialog *self = QUORUM_ERROR_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->change, quorum_change_free);
  g_clear_pointer (&self->meeting, quorum_meeting_free);
  g_clear_pointer (&self->model, quorum_error_model_free);
  g_clear_pointer (&self->slots, g_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  G_OBJECT_CLASS (quorum_error_dialog_parent_class)->finalize (object);
}

static void
quorum_error_dialog_class_init (QuorumErrorDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_error_dialog_finalize;
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_MEETING] = g_signal_new ("open-meeting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
quorum_error_dialog_init (QuorumErrorDialog *self)
{
  self->slots = g_array_new (FALSE, TRUE, sizeof (QuorumSlot));
  self->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

GtkWidget *
quorum_error_dialog_new (GtkWindow   *parent,
                         QuorumStore *store,
                         const char  *change_id)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(QuorumChange) change = NULL;
  QuorumErrorDialog *self;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (QUORUM_IS_STORE (store), NULL);
  change = quorum_store_get_change (store, change_id, NULL);
  if (change == NULL)
    return NULL;

  self = g_object_new (QUORUM_TYPE_ERROR_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->store = g_object_ref (store);
  self->meeting = quorum_store_get_meeting_by_local_id (store, change->local_id);
  self->model = quorum_error_model_new (change->error, tz);
  self->change = g_steal_pointer (&change);

  if (self->model->has_existing && self->model->existing.id > 0)
    {
      g_autoptr(QuorumMeeting) existing = quorum_store_get_meeting_by_id (store, self->model->existing.id);

      if (existing != NULL)
        quorum_error_model_set_existing_owner (self->model, existing->organizer_id,
                                               quorum_store_get_user_id (store));
    }
  if (self->meeting != NULL && self->model->can_pick_time)
    {
      g_autoptr(GArray) slots = quorum_suggest_times (store, self->meeting, MAX_SLOTS);

      if (slots != NULL)
        g_array_append_vals (self->slots, slots->data, slots->len);
    }
  if (self->meeting != NULL && self->model->can_pick_room)
    {
      g_autoptr(GPtrArray) rooms = quorum_suggest_rooms (store, self->meeting);

      for (guint i = 0; i < rooms->len; i++)
        g_ptr_array_add (self->rooms, json_object_ref (g_ptr_array_index (rooms, i)));
    }

  adw_message_dialog_set_heading (dialog, self->model->heading);
  adw_message_dialog_set_body (dialog, self->model->body);
  build_extra (self);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_add_response (dialog, "discard", _("_Discard Change"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  if (self->model->can_remove_people && self->meeting != NULL)
    adw_message_dialog_add_response (dialog, "remove", _("_Remove Them"));
  if (self->model->can_book_anyway && self->meeting != NULL)
    {
      adw_message_dialog_add_response (dialog, "anyway", _("_Book Anyway"));
      adw_message_dialog_set_response_appearance (dialog, "anyway", ADW_RESPONSE_SUGGESTED);
    }
  if (self->model->can_open_existing)
    adw_message_dialog_add_response (dialog, "open", _("_Open Existing Meeting"));
  if (self->model->kind == QUORUM_ERROR_KIND_OTHER)
    adw_message_dialog_add_response (dialog, "retry", _("_Send Again"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect (self, "response", G_CALLBACK (on_response), self);
  return GTK_WIDGET (self);
}

guint
quorum_error_dialog_get_n_slots (QuorumErrorDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_ERROR_DIALOG (self), 0);
  return self->slots->len;
}

const QuorumSlot *
quorum_error_dialog_get_slot (QuorumErrorDialog *self,
                              guint              index)
{
  g_return_val_if_fail (QUORUM_IS_ERROR_DIALOG (self), NULL);
  return index < self->slots->len ? &g_array_index (self->slots, QuorumSlot, index) : NULL;
}

guint
quorum_error_dialog_get_n_rooms (QuorumErrorDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_ERROR_DIALOG (self), 0);
  return self->rooms->len;
}

gint64
quorum_error_dialog_get_room_id (QuorumErrorDialog *self,
                                 guint              index)
{
  g_return_val_if_fail (QUORUM_IS_ERROR_DIALOG (self), 0);
  if (index >= self->rooms->len)
    return 0;
  return json_object_get_int_member_with_default (g_ptr_array_index (self->rooms, index), "id", 0);
}
