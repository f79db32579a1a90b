/* quorum-window-actions.c — the window's win.* actions and their keys:
 * navigation, views, search, a new meeting, sync, sign-in and out,
 * preferences
 */
#include "config.h"
#include "quorum-window-private.h"
#include "quorum-application.h"
#include "quorum-week-layout.h"
#include "quorum-sign-in-dialog.h"
#include "quorum-preferences-window.h"

#include <glib/gi18n.h>

static int
step_days (QuorumWindow *self)
{
  const char *view = quorum_window_get_view (self);

  return g_strcmp0 (view, "week") == 0 ? 7 : 1;
}

static void
navigate (QuorumWindow *self,
          int           direction)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  if (g_strcmp0 (quorum_window_get_view (self), "agenda") == 0)
    direction *= 7;
  else
    direction *= step_days (self);
  quorum_window_set_date (self, quorum_day_add (quorum_day_start (self->date, tz), direction, tz));
}

static void
action_previous (GtkWidget *widget, const char *name, GVariant *param)
{
  navigate (QUORUM_WINDOW (widget), -1);
}

static void
action_next (GtkWidget *widget, const char *name, GVariant *param)
{
  navigate (QUORUM_WINDOW (widget), 1);
}

static void
action_today (GtkWidget *widget, const char *name, GVariant *param)
{
  quorum_window_set_date (QUORUM_WINDOW (widget), g_get_real_time ());
}

static void
action_view (GtkWidget *widget, const char *name, GVariant *param)
{
  quorum_window_set_view (QUORUM_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
action_search (GtkWidget *widget, const char *name, GVariant *param)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

static void
action_new_meeting (GtkWidget *widget, const char *name, GVariant *param)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now = g_get_real_time ();
  gint64 day = quorum_day_start (self->date, tz);
  gint64 start;

  /* The next full hour today, or 09:00 on another chosen day. */
  if (day == quorum_day_start (now, tz))
    start = now - (now - day) % G_TIME_SPAN_HOUR + G_TIME_SPAN_HOUR;
  else
    start = day + 9 * G_TIME_SPAN_HOUR;
  quorum_window_open_editor (self, NULL, start, start + G_TIME_SPAN_HOUR, 0);
}

static void
action_sync (GtkWidget *widget, const char *name, GVariant *param)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->engine == NULL)
    {
      quorum_window_show_toast (self, _("The local replica could not be opened"));
      return;
    }
  if (!quorum_account_is_configured (quorum_sync_engine_get_account (self->engine)))
    {
      quorum_window_open_sign_in (self);
      return;
    }
  quorum_sync_engine_sync_async (self->engine, NULL, quorum_window_sync_done, g_object_ref (self));
}

static void
on_signed_in (QuorumSignInDialog *dialog,
              QuorumWindow       *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *server = quorum_store_get_state (self->store, "server");

  if (self->settings != NULL && server != NULL)
    g_settings_set_string (self->settings, "server-url", server);
  if (QUORUM_IS_APPLICATION (app))
    quorum_application_signed_in (QUORUM_APPLICATION (app));
  else if (self->engine != NULL)
    {
      quorum_sync_engine_start (self->engine);
      quorum_sync_engine_sync_async (self->engine, NULL, quorum_window_sync_done, g_object_ref (self));
    }
  quorum_window_replica_changed (self);
  quorum_window_show_toast (self, _("Signed in; syncing"));
}

GtkWindow *
quorum_window_open_sign_in (QuorumWindow *self)
{
  QuorumSignInDialog *dialog;
  g_autofree char *server = NULL;

  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  if (self->engine == NULL)
    {
      quorum_window_show_toast (self, _("The local replica could not be opened"));
      return NULL;
    }
  server = quorum_store_get_state (self->store, "server");
  if (server == NULL && self->settings != NULL)
    server = g_settings_get_string (self->settings, "server-url");
  dialog = quorum_sign_in_dialog_new (GTK_WINDOW (self), quorum_sync_engine_get_account (self->engine), server);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
action_sign_in (GtkWidget *widget, const char *name, GVariant *param)
{
  quorum_window_open_sign_in (QUORUM_WINDOW (widget));
}

static void
on_signed_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The tokens are forgotten even when the server could not be told. */
  if (!quorum_account_logout_finish (QUORUM_ACCOUNT (source), result, &error))
    g_debug ("Sign out: %s", error->message);
  if (self->engine != NULL)
    {
      quorum_sync_engine_stop (self->engine);
      /* A round without tokens ends in "sign in needed": the button then
       * tells the truth without the GUI faking the engine's state. */
      quorum_sync_engine_sync_async (self->engine, NULL, NULL, NULL);
    }
  quorum_window_show_toast (self, _("Signed out; your meetings and waiting changes stay on this computer"));
}

static void
action_sign_out (GtkWidget *widget, const char *name, GVariant *param)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  QuorumAccount *account = self->engine ? quorum_sync_engine_get_account (self->engine) : NULL;

  if (account == NULL || !quorum_account_is_configured (account))
    {
      quorum_window_show_toast (self, _("Not signed in"));
      return;
    }
  quorum_account_logout_async (account, NULL, on_signed_out, g_object_ref (self));
}

GtkWindow *
quorum_window_open_preferences (QuorumWindow *self,
                                gboolean      integrations)
{
  QuorumPreferencesWindow *prefs;

  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  prefs = quorum_preferences_window_new (GTK_WINDOW (self), self->settings, self->engine);
  if (integrations)
    quorum_preferences_window_show_integrations (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  return GTK_WINDOW (prefs);
}

static void
action_preferences (GtkWidget *widget, const char *name, GVariant *param)
{
  quorum_window_open_preferences (QUORUM_WINDOW (widget), FALSE);
}

static void
action_integrations (GtkWidget *widget, const char *name, GVariant *param)
{
  quorum_window_open_preferences (QUORUM_WINDOW (widget), TRUE);
}

static void
action_work_locally (GtkWidget *widget, const char *name, GVariant *param)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  /* Remembered in the replica, so the welcome page does not come back. */
  if (self->store != NULL)
    quorum_store_set_state (self->store, "work_locally", "1", NULL);
  quorum_window_replica_changed (self);
}

void
quorum_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, action_previous);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "win.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "win.view", "s", action_view);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "win.new-meeting", NULL, action_new_meeting);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, action_sync);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, action_sign_in);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, action_sign_out);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, action_preferences);
  gtk_widget_class_install_action (widget_class, "win.integrations", NULL, action_integrations);
  gtk_widget_class_install_action (widget_class, "win.work-locally", NULL, action_work_locally);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-meeting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "win.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, 0, "win.view", "s", "agenda");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, 0, "win.view", "s", "week");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, 0, "win.view", "s", "rooms");
}
