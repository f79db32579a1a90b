/* quorum-conflict-dialog.c — side by side, only what differs */
#include "config.h"
#include "quorum-conflict-dialog.h"
#include "quorum-error-model.h"

#include <glib/gi18n.h>

struct _QuorumConflictDialog {
  AdwMessageDialog     parent_instance;
  QuorumStore         *store;
  QuorumConflictModel *model;
};

enum { APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumConflictDialog, quorum_conflict_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
room_name (gint64   id,
           gpointer user_data)
{
  g_autoptr(JsonObject) room = quorum_store_get_room (user_data, id);

  return room ? g_strdup (json_object_get_string_member_with_default (room, "name", NULL)) : NULL;
}

static char *
user_name (gint64   id,
           gpointer user_data)
{
  g_autoptr(JsonObject) user = quorum_store_get_user (user_data, id);

  return user ? g_strdup (json_object_get_string_member_with_default (user, "name", NULL)) : NULL;
}

static void
on_response (AdwMessageDialog     *dialog,
             const char           *response,
             QuorumConflictDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *toast = NULL;

  if (g_str_equal (response, "local"))
    toast = _("Your version will be sent when online");
  else if (g_str_equal (response, "server"))
    toast = _("The server’s version is kept");
  else if (g_str_equal (response, "both"))
    toast = _("Both versions will be kept");
  else
    return;
  if (!quorum_store_resolve_conflict (self->store, self->model->conflict_id, response, &error))
    {
      g_warning ("Resolving conflict %" G_GINT64_FORMAT ": %s", self->model->conflict_id, error->message);
      return;
    }
  g_signal_emit (self, signals[APPLIED], 0, toast);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_extra (QuorumConflictDialog *self)
{
  GtkWidget *grid = gtk_grid_new ();
  QuorumConflictModel *vm = self->model;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), cell ("", TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Yours"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Server’s"), TRUE), 2, 0, 1, 1);
  if (vm->server_deleted || vm->local_deleted)
    {
      gtk_grid_attach (GTK_GRID (grid), cell (_("Meeting"), TRUE), 0, 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (vm->local_deleted ? _("Deleted") : _("Edited"), FALSE), 1, 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (vm->server_deleted ? _("Deleted on the server") : _("Edited"), FALSE),
                       2, 1, 1, 1);
    }
  for (guint i = 0; i < vm->rows->len; i++)
    {
      QuorumConflictRow *row = g_ptr_array_index (vm->rows, i);

      gtk_grid_attach (GTK_GRID (grid), cell (row->label, TRUE), 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (row->mine, FALSE), 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (row->theirs ? row->theirs : _("Deleted on the server"), FALSE),
                       2, i + 1, 1, 1);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), grid);
}

static void
quorum_conflict_dialog_finalize (GObject *object)
{
  QuorumConflictDialog *self = QUORUM_CONFLICT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->model, quorum_conflict_model_free);
  G_OBJECT_CLASS (quorum_conflict_dialog_parent_class)->finalize (object);
}

static void
quorum_conflict_dialog_class_init (QuorumConflictDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_conflict_dialog_finalize;
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
quorum_conflict_dialog_init (QuorumConflictDialog *self)
{
}

GtkWidget *
quorum_conflict_dialog_new (GtkWindow   *parent,
                            QuorumStore *store,
                            gint64       conflict_id)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(QuorumConflict) conflict = NULL;
  g_autofree char *heading = NULL;
  QuorumConflictDialog *self;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (QUORUM_IS_STORE (store), NULL);
  conflict = quorum_store_get_conflict (store, conflict_id, NULL);
  if (conflict == NULL)
    return NULL;

  self = g_object_new (QUORUM_TYPE_CONFLICT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->store = g_object_ref (store);
  self->model = quorum_conflict_model_new (conflict, tz, room_name, user_name, store);

  /* Translators: %s is a meeting title */
  heading = g_strdup_printf (_("“%s” Changed on the Server Too"), self->model->title);
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, self->model->server_deleted
                               ? _("Someone deleted this meeting on the server while you edited it.")
                               : _("Someone changed this meeting on the server while you edited it. "
                                   "Choose which version to keep."));
  build_extra (self);
  adw_message_dialog_add_response (dialog, "cancel", _("_Later"));
  adw_message_dialog_add_response (dialog, "server", _("Keep the _Server’s"));
  adw_message_dialog_add_response (dialog, "both", _("Keep _Both"));
  adw_message_dialog_add_response (dialog, "local", _("Keep _Mine"));
  adw_message_dialog_set_response_appearance (dialog, "local", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (self, "response", G_CALLBACK (on_response), self);
  return GTK_WIDGET (self);
}

guint
quorum_conflict_dialog_get_n_rows (QuorumConflictDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_CONFLICT_DIALOG (self), 0);
  return self->model->rows->len;
}
