/* quorum-sign-in-dialog.c — signs in through QuorumAccount, explains refusals */
#include "config.h"
#include "quorum-sign-in-dialog.h"
#include "quorum-account-model.h"
#include "quorum-token-store.h"

#include <glib/gi18n.h>

struct _QuorumSignInDialog {
  AdwWindow      parent_instance;
  QuorumAccount *account;
  GCancellable  *cancellable;
  GtkWidget     *server_row;
  GtkWidget     *username_row;
  GtkWidget     *password_row;
  GtkWidget     *error_label;
  GtkWidget     *sign_in_button;
  GtkWidget     *spinner;
  GtkWidget     *file_box;   /* the second choice when there is no keyring */
  char          *server;     /* as sent, for the error text */
  gboolean       busy;
};

enum { SIGNED_IN, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumSignInDialog, quorum_sign_in_dialog, ADW_TYPE_WINDOW)

static void
update_sensitivity (QuorumSignInDialog *self)
{
  gboolean ok = quorum_sign_in_can_submit (gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                           gtk_editable_get_text (GTK_EDITABLE (self->username_row)),
                                           gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  /* Only the button: making the focused entry insensitive would move the
   * focus away under the user's fingers (and GtkText warns about it). */
  gtk_widget_set_sensitive (self->sign_in_button, ok && !self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
  gtk_widget_set_visible (self->spinner, self->busy);
}

static void
show_error (QuorumSignInDialog *self,
            const char         *text)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), text ? text : "");
  gtk_widget_set_visible (self->error_label, text != NULL);
}

static void
on_login_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(QuorumSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!quorum_account_login_finish (QUORUM_ACCOUNT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      text = quorum_sign_in_error_text (error, self->server);
      show_error (self, text);
      /* Only a missing keyring earns the file: every other refusal is
       * about the server or the password, which a file does not fix. */
      gtk_widget_set_visible (self->file_box,
                              g_error_matches (error, QUORUM_TOKEN_STORE_ERROR,
                                               QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE));
      update_sensitivity (self);
      return;
    }
  self->busy = FALSE;
  g_signal_emit (self, signals[SIGNED_IN], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit (QuorumSignInDialog *self,
        gboolean            in_file)
{
  const char *server_text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *user = NULL;

  if (self->busy || !quorum_sign_in_can_submit (server_text, username, password))
    return;
  g_free (self->server);
  self->server = quorum_sign_in_normalize_server (server_text);
  user = g_strstrip (g_strdup (username));
  show_error (self, NULL);
  gtk_widget_set_visible (self->file_box, FALSE);
  self->busy = TRUE;
  update_sensitivity (self);
  /* The keyring unless the user chose the file after being told there is
   * none (as `quorum-cli login --insecure-storage`). */
  if (in_file)
    g_debug ("sign-in: keeping the session in a file (mode 0600), not the keyring");
  quorum_account_login_async (self->account, self->server, user, password, in_file,
                              self->cancellable, on_login_done, g_object_ref (self));
}

void
quorum_sign_in_dialog_submit (QuorumSignInDialog *self)
{
  g_return_if_fail (QUORUM_IS_SIGN_IN_DIALOG (self));
  submit (self, FALSE);
}

void
quorum_sign_in_dialog_submit_keep_in_file (QuorumSignInDialog *self)
{
  g_return_if_fail (QUORUM_IS_SIGN_IN_DIALOG (self));
  g_return_if_fail (gtk_widget_get_visible (self->file_box));
  submit (self, TRUE);
}

gboolean
quorum_sign_in_dialog_offers_file (QuorumSignInDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_SIGN_IN_DIALOG (self), FALSE);
  return gtk_widget_get_visible (self->file_box);
}

static void
on_changed (GtkEditable        *editable,
            QuorumSignInDialog *self)
{
  update_sensitivity (self);
}

static void
on_entry_activate (GtkWidget          *row,
                   QuorumSignInDialog *self)
{
  quorum_sign_in_dialog_submit (self);
}

static void
on_sign_in_clicked (GtkButton          *button,
                    QuorumSignInDialog *self)
{
  quorum_sign_in_dialog_submit (self);
}

static void
on_keep_in_file_clicked (GtkButton          *button,
                         QuorumSignInDialog *self)
{
  submit (self, TRUE);
}

static void
on_cancel_clicked (GtkButton          *button,
                   QuorumSignInDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
quorum_sign_in_dialog_dispose (GObject *object)
{
  QuorumSignInDialog *self = QUORUM_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_pointer (&self->server, g_free);
  G_OBJECT_CLASS (quorum_sign_in_dialog_parent_class)->dispose (object);
}

static void
quorum_sign_in_dialog_class_init (QuorumSignInDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = quorum_sign_in_dialog_dispose;
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
entry_row (QuorumSignInDialog *self,
           GType               type,
           const char         *title)
{
  GtkWidget *row = g_object_new (type, "title", title, NULL);

  g_signal_connect (row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activate), self);
  return row;
}

/* libadwaita 1.2's password row has a "Show Text" button with a tooltip
 * but no accessible name; name it so screen readers say what it does. */
static void
name_peek_button (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c))
        gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show Password"), -1);
      name_peek_button (c);
    }
}

static void
quorum_sign_in_dialog_init (QuorumSignInDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Sign in to your organisation’s meeting server. "
                                      "Meetings you planned while working locally are sent afterwards."));
  GtkWidget *group = adw_preferences_group_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Sign In"));
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->sign_in_button = gtk_button_new_with_mnemonic (_("_Sign In"));
  gtk_widget_add_css_class (self->sign_in_button, "suggested-action");
  g_signal_connect (self->sign_in_button, "clicked", G_CALLBACK (on_sign_in_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->sign_in_button);
  self->spinner = gtk_spinner_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signing in"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  self->server_row = entry_row (self, ADW_TYPE_ENTRY_ROW, _("Server Address"));
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), "");
  self->username_row = entry_row (self, ADW_TYPE_ENTRY_ROW, _("Username"));
  self->password_row = entry_row (self, ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->server_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->username_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->password_row);
  name_peek_button (self->password_row);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  /* Screen readers read the explanation with the password field. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->password_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL, -1);

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), group);
  gtk_box_append (GTK_BOX (content), self->error_label);

  {
    GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep the session in a file on this computer"));
    GtkWidget *warning = gtk_label_new (_("Anyone who can read your files can use this session "
                                          "until you sign out. Prefer a keyring when you can."));

    self->file_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    gtk_widget_set_halign (keep, GTK_ALIGN_START);
    gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (keep))), TRUE);
    g_signal_connect (keep, "clicked", G_CALLBACK (on_keep_in_file_clicked), self);
    gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
    gtk_label_set_xalign (GTK_LABEL (warning), 0);
    gtk_widget_add_css_class (warning, "warning");
    gtk_widget_add_css_class (warning, "caption");
    gtk_accessible_update_relation (GTK_ACCESSIBLE (keep), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    warning, NULL, -1);
    gtk_box_append (GTK_BOX (self->file_box), keep);
    gtk_box_append (GTK_BOX (self->file_box), warning);
    gtk_widget_set_visible (self->file_box, FALSE);
    gtk_box_append (GTK_BOX (content), self->file_box);
  }
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  /* No scrolled window: the dialog's minimum height then includes the
   * explanation, so the window grows to show it instead of clipping it. */
  gtk_widget_set_vexpand (clamp, TRUE);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->sign_in_button);
  update_sensitivity (self);
}

QuorumSignInDialog *
quorum_sign_in_dialog_new (GtkWindow     *parent,
                           QuorumAccount *account,
                           const char    *server)
{
  QuorumSignInDialog *self = g_object_new (QUORUM_TYPE_SIGN_IN_DIALOG,
                                           "transient-for", parent, NULL);

  self->account = g_object_ref (account);
  if (server != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_widget_grab_focus (server != NULL && *server != '\0' ? self->username_row : self->server_row);
  return self;
}

void
quorum_sign_in_dialog_set_fields (QuorumSignInDialog *self,
                                  const char         *server,
                                  const char         *username,
                                  const char         *password)
{
  g_return_if_fail (QUORUM_IS_SIGN_IN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server ? server : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

gboolean
quorum_sign_in_dialog_is_busy (QuorumSignInDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_SIGN_IN_DIALOG (self), FALSE);
  return self->busy;
}

const char *
quorum_sign_in_dialog_get_error_text (QuorumSignInDialog *self)
{
  g_return_val_if_fail (QUORUM_IS_SIGN_IN_DIALOG (self), NULL);
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}
