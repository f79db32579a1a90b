/* quorum-application.c — startup, the replica, app-wide actions */
#include "config.h"
#include "quorum-application.h"
#include "quorum-window.h"

#include <glib/gi18n.h>

struct _QuorumApplication {
  AdwApplication    parent_instance;
  QuorumStore      *store;
  GError           *store_error;
  GSettings        *settings;
  QuorumAccount    *account;
  QuorumSyncEngine *engine;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (QuorumApplication, quorum_application, ADW_TYPE_APPLICATION)

GSettings *
quorum_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema; a build run from the tree
   * without GSETTINGS_SCHEMA_DIR must still start. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not installed; using defaults", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_interval_changed (GSettings         *settings,
                     const char        *key,
                     QuorumApplication *self)
{
  quorum_sync_engine_set_interval (self->engine, g_settings_get_uint (settings, "sync-interval"));
}

/* The extra CA lives in the replica (the CLI shares it); the app takes it
 * from GSettings, where an administrator can set it for every user with a
 * dconf default.  An empty key leaves the replica's own choice alone. */
static void
on_ca_file_changed (GSettings         *settings,
                    const char        *key,
                    QuorumApplication *self)
{
  g_autofree char *wanted = g_settings_get_string (settings, "ca-file");
  g_autofree char *current = quorum_account_get_ca_file (self->account);
  g_autoptr(GError) error = NULL;

  if (*wanted == '\0' || g_strcmp0 (wanted, current) == 0)
    return;
  if (!quorum_account_set_ca_file (self->account, wanted, &error))
    g_warning ("ca-file setting: %s", error->message);
}

static void
on_account_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  QuorumApplication *self;

  /* Without tokens the account still loads its server; the engine's first
   * round then says "sign in needed", which is the truth. */
  if (!quorum_account_load_finish (QUORUM_ACCOUNT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Account not loaded: %s", error->message);
    }
  self = QUORUM_APPLICATION (user_data);
  if (quorum_account_is_configured (self->account))
    quorum_sync_engine_start (self->engine);
}

static void
quorum_application_startup (GApplication *app)
{
  QuorumApplication *self = QUORUM_APPLICATION (app);
  g_autofree char *data_dir = NULL;

  G_APPLICATION_CLASS (quorum_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  self->settings = quorum_settings_new_if_installed ();

  data_dir = quorum_store_default_data_dir ();
  self->store = quorum_store_open (data_dir, &self->store_error);
  if (self->store == NULL)
    {
      g_warning ("Cannot open the replica in %s: %s", data_dir, self->store_error->message);
      return;
    }

  /* One account and one engine for the whole process, over the same
   * replica the CLI uses: a change queued by either is sent by either. */
  self->cancellable = g_cancellable_new ();
  self->account = quorum_account_new (self->store);
  self->engine = quorum_sync_engine_new (self->account);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::sync-interval",
                               G_CALLBACK (on_interval_changed), self, 0);
      on_interval_changed (self->settings, "sync-interval", self);
      g_signal_connect_object (self->settings, "changed::ca-file",
                               G_CALLBACK (on_ca_file_changed), self, 0);
      on_ca_file_changed (self->settings, "ca-file", self);
    }
  quorum_sync_engine_refresh_counts (self->engine);
  quorum_account_load_async (self->account, self->cancellable, on_account_loaded, self);
}

static void
quorum_application_activate (GApplication *app)
{
  QuorumApplication *self = QUORUM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (quorum_window_new (GTK_APPLICATION (self), self->store, self->settings));
      quorum_window_set_engine (QUORUM_WINDOW (window), self->engine);
    }
  gtk_window_present (window);
}

static void
quorum_application_shutdown (GApplication *app)
{
  QuorumApplication *self = QUORUM_APPLICATION (app);

  G_APPLICATION_CLASS (quorum_application_parent_class)->shutdown (app);
  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    quorum_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
}

static void
quorum_application_finalize (GObject *object)
{
  QuorumApplication *self = QUORUM_APPLICATION (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  G_OBJECT_CLASS (quorum_application_parent_class)->finalize (object);
}

static void
quorum_application_class_init (QuorumApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = quorum_application_finalize;
  app_class->startup = quorum_application_startup;
  app_class->activate = quorum_application_activate;
  app_class->shutdown = quorum_application_shutdown;
}

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Quorum developers", NULL };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", gtk_application_get_active_window (app),
                                   "modal", TRUE,
                                   "application-name", _("Quorum"),
                                   "application-icon", APP_ID,
                                   "version", PACKAGE_VERSION,
                                   "developers", developers,
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "comments", _("Meetings, rooms and people, also offline"),
                                   /* Translators: your names, one per line */
                                   "translator-credits", _("translator-credits"),
                                   NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
quorum_application_init (QuorumApplication *self)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

QuorumApplication *
quorum_application_new (void)
{
  return g_object_new (QUORUM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/quorum/Quorum",
                       NULL);
}

QuorumStore *
quorum_application_get_store (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->store;
}

const GError *
quorum_application_get_store_error (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->store_error;
}

GSettings *
quorum_application_get_settings (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->settings;
}

QuorumAccount *
quorum_application_get_account (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->account;
}

QuorumSyncEngine *
quorum_application_get_engine (QuorumApplication *self)
{
  g_return_val_if_fail (QUORUM_IS_APPLICATION (self), NULL);
  return self->engine;
}

void
quorum_application_signed_in (QuorumApplication *self)
{
  g_return_if_fail (QUORUM_IS_APPLICATION (self));
  if (self->engine == NULL)
    return;
  quorum_sync_engine_start (self->engine);
  /* start() only schedules; the user just signed in and waits to see data. */
  quorum_sync_engine_sync_async (self->engine, NULL, NULL, NULL);
}
