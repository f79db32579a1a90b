/* quorum-meeting-editor-participants.c — the participants entry and chips */
#include "config.h"
#include "quorum-meeting-editor-participants.h"
#include "quorum-meeting-editor-check.h"

#include <glib/gi18n.h>
#include <string.h>

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

char *
_quorum_meeting_editor_user_label (QuorumMeetingEditor *self,
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

/* Availability marks */

static const char *
replica_availability_of (QuorumMeetingEditor *self,
                         gint64               user_id)
{
  g_autoptr(GPtrArray) busy = NULL;
  gint64 start, end;

  if (!_quorum_meeting_editor_current_times (self, &start, &end) || find_user (self, user_id) == NULL)
    return "unknown";
  busy = quorum_store_list_busy (self->store, user_id, 0, start, end, NULL);
  return _quorum_meeting_editor_first_conflict (self, busy) ? "busy" : "free";
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
void
_quorum_meeting_editor_refresh_chips (QuorumMeetingEditor *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->chip_box); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chip), "user-id"));

      set_chip_state (chip, availability_of (self, id));
    }
}

static void on_chip_remove (GtkButton           *button,
                            QuorumMeetingEditor *self);

void
_quorum_meeting_editor_rebuild_chips (QuorumMeetingEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->chip_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->chip_box), child);

  for (guint i = 0; i < self->participants->len; i++)
    {
      gint64 id = g_array_index (self->participants, gint64, i);
      g_autofree char *name = _quorum_meeting_editor_user_label (self, id);
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
  _quorum_meeting_editor_rebuild_chips (self);
  _quorum_meeting_editor_update_availability (self);
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
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->participant_row));
  g_autofree char *needle = g_utf8_casefold (typed, -1);
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
      name = _quorum_meeting_editor_user_label (self, id);
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

void
_quorum_meeting_editor_participants_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_participant_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_participant_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated);
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
  _quorum_meeting_editor_rebuild_chips (self);
  _quorum_meeting_editor_update_availability (self);
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
