/* quorum-meeting-editor-rooms.c — the room list with free/busy */
#include "config.h"
#include "quorum-meeting-editor-rooms.h"

#include <glib/gi18n.h>

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
  return _quorum_meeting_editor_first_conflict (self, busy) ? _("busy") : _("free");
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
void
_quorum_meeting_editor_rebuild_rooms (QuorumMeetingEditor *self)
{
  g_autoptr(GtkStringList) list = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->room_row));
  gint64 start = 0, end = 0;
  gboolean have_times = _quorum_meeting_editor_current_times (self, &start, &end);

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
    _quorum_meeting_editor_rebuild_rooms (self);
}

gint64
_quorum_meeting_editor_selected_room (QuorumMeetingEditor *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->room_row));

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->rooms->len)
    return 0;
  return json_object_get_int_member_with_default (g_ptr_array_index (self->rooms, i - 1), "id", 0);
}

void
_quorum_meeting_editor_select_room (QuorumMeetingEditor *self,
                                    gint64               room_id)
{
  guint pick = 0;

  for (guint i = 0; i < self->rooms->len; i++)
    if (json_object_get_int_member_with_default (g_ptr_array_index (self->rooms, i), "id", 0) == room_id)
      pick = i + 1;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->room_row), pick);
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

void
_quorum_meeting_editor_rooms_init (QuorumMeetingEditor *self)
{
  /* AdwComboRow 1.2 does not expose its popup; it is its only popover. */
  self->room_popover = find_popover (self->room_row);
  if (self->room_popover != NULL)
    g_signal_connect_swapped (self->room_popover, "closed", G_CALLBACK (on_room_popover_closed), self);
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
