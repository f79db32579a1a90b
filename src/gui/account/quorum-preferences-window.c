/* quorum-preferences-window.c — settings bound to GSettings; the server's
 * integrations with Reauthorize (browser) and Sync now */
#include "config.h"
#include "quorum-preferences-window.h"
#include "quorum-account-model.h"

#include <glib/gi18n.h>

struct _QuorumPreferencesWindow {
  AdwPreferencesWindow parent_instance;
  GSettings        *settings;
  QuorumSyncEngine *engine;
  GCancellable     *cancellable;
  GtkWidget        *integrations_page;
  GtkWidget        *integrations_group;
  GPtrArray        *integration_rows;   /* rows added to the group */
  gboolean          loading;
};

G_DEFINE_FINAL_TYPE (QuorumPreferencesWindow, quorum_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static QuorumApi *
api_of (QuorumPreferencesWindow *self)
{
  return quorum_account_get_api (quorum_sync_engine_get_account (self->engine));
}

static void
toast (QuorumPreferencesWindow *self,
       const char              *text)
{
  {
    /* toast titles are markup; this text is not */
    g_autofree char *escaped = g_markup_escape_text (text, -1);

    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
  }
}

/* Integrations */

static void
clear_integrations (QuorumPreferencesWindow *self)
{
  for (guint i = 0; i < self->integration_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->integrations_group),
                                  g_ptr_array_index (self->integration_rows, i));
  g_ptr_array_set_size (self->integration_rows, 0);
}

static void
add_message_row (QuorumPreferencesWindow *self,
                 const char              *title,
                 const char              *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* rows show Pango markup by default; these carry the server's words */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->integrations_group), row);
  g_ptr_array_add (self->integration_rows, row);
}

static void
on_reauthorize_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(QuorumPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = quorum_api_reauthorize_finish (QUORUM_API (source), result, &error);

  if (url == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Could not start reauthorization: %s"), error->message);
      toast (self, text);
      return;
    }
  /* The provider's consent page belongs in the user's browser, where
   * their Google or Microsoft session lives. */
  gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

static void
on_integration_sync_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(QuorumPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = quorum_api_integration_sync_finish (QUORUM_API (source), result, &error);

  if (status == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Could not ask for a calendar sync: %s"), error->message);
      toast (self, text);
      return;
    }
  toast (self, _("Calendar sync requested"));
}

static void
on_reauthorize (GtkWidget               *row,
                QuorumPreferencesWindow *self)
{
  QuorumApi *api = api_of (self);

  if (api != NULL)
    quorum_api_reauthorize_async (api, g_object_get_data (G_OBJECT (row), "provider"),
                                  self->cancellable, on_reauthorize_done, g_object_ref (self));
}

static void
on_integration_sync (GtkWidget               *row,
                     QuorumPreferencesWindow *self)
{
  QuorumApi *api = api_of (self);

  if (api != NULL)
    quorum_api_integration_sync_async (api, g_object_get_data (G_OBJECT (row), "provider"),
                                       self->cancellable, on_integration_sync_done, g_object_ref (self));
}

static GtkWidget *
action_row (const char *title,
            const char *subtitle,
            const char *icon,
            const char *provider,
            GCallback   callback,
            gpointer    self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), image);
  g_object_set_data_full (G_OBJECT (row), "provider", g_strdup (provider), g_free);
  g_signal_connect (row, "activated", callback, self);
  return row;
}

/* One expander row per calendar: name, state and what went wrong on the
 * row itself (readable at 360 px), the two actions inside it. */
static void
add_integration_row (QuorumPreferencesWindow    *self,
                     const QuorumApiIntegration *it)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *message = it->error ? json_object_get_string_member_with_default (it->error, "message", NULL) : NULL;
  const char *details = it->error ? json_object_get_string_member_with_default (it->error, "details", NULL) : NULL;
  g_autofree char *subtitle = quorum_integration_subtitle (it->status, it->last_sync, message, details, tz);
  const char *name = quorum_integration_provider_name (it->provider);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *status = gtk_label_new (quorum_integration_status_text (it->status));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* error details */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (status, g_strcmp0 (it->status, "ok") == 0 ? "success"
                                    : g_strcmp0 (it->status, "error") == 0 ? "error" : "dim-label");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), status);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            action_row (_("Reauthorize"), _("Sign in to this calendar again in your browser"),
                                        "web-browser-symbolic", it->provider, G_CALLBACK (on_reauthorize), self));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            action_row (_("Sync Now"), _("Ask the server to read this calendar again"),
                                        "view-refresh-symbolic", it->provider, G_CALLBACK (on_integration_sync), self));
  /* A calendar that needs attention shows its actions right away. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_strcmp0 (it->status, "ok") != 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->integrations_group), row);
  g_ptr_array_add (self->integration_rows, row);
}

static void
on_integrations_loaded (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(QuorumPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = quorum_api_integrations_finish (QUORUM_API (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  clear_integrations (self);
  if (list == NULL)
    {
      add_message_row (self, _("Integrations could not be loaded"),
                       quorum_sync_reason_text (error->message));
      return;
    }
  if (list->len == 0)
    add_message_row (self, _("No calendar integrations"), _("The server has no calendars connected"));
  for (guint i = 0; i < list->len; i++)
    add_integration_row (self, g_ptr_array_index (list, i));
}

void
quorum_preferences_window_show_integrations (QuorumPreferencesWindow *self)
{
  QuorumApi *api;

  g_return_if_fail (QUORUM_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->integrations_page));
  if (self->loading)
    return;
  clear_integrations (self);
  api = self->engine ? api_of (self) : NULL;
  if (api == NULL)
    {
      add_message_row (self, _("Not signed in"),
                       _("Sign in to see the status of your Google Calendar and Outlook connections"));
      return;
    }
  self->loading = TRUE;
  add_message_row (self, _("Loading…"), NULL);
  quorum_api_integrations_async (api, self->cancellable, on_integrations_loaded, g_object_ref (self));
}

static void
on_visible_page (GObject                 *window,
                 GParamSpec              *pspec,
                 QuorumPreferencesWindow *self)
{
  if ((GtkWidget *) adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self)) == self->integrations_page &&
      self->integration_rows->len == 0)
    quorum_preferences_window_show_integrations (self);
}

/* General page */

static gboolean
weekday_get (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  /* Row 0 is "as the locale says" (-1), rows 1–7 are Sunday–Saturday. */
  g_value_set_uint (value, (guint) (g_variant_get_int32 (variant) + 1));
  return TRUE;
}

static GVariant *
weekday_set (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) g_value_get_uint (value) - 1);
}

static void
on_sign_in_clicked (GtkButton               *button,
                    QuorumPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* The main window owns the sign-in flow; this window steps aside. */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.sign-in", NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkWidget *
general_page (QuorumPreferencesWindow *self)
{
  QuorumAccount *account = self->engine ? quorum_sync_engine_get_account (self->engine) : NULL;
  QuorumStore *store = account ? quorum_account_get_store (account) : NULL;
  g_autofree char *server = store ? quorum_store_get_state (store, "server") : NULL;
  g_autofree char *username = store ? quorum_store_get_state (store, "username") : NULL;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *account_group = adw_preferences_group_new ();
  GtkWidget *sync_group = adw_preferences_group_new ();
  GtkWidget *view_group = adw_preferences_group_new ();
  GtkWidget *server_row = adw_action_row_new ();
  GtkWidget *interval_row = adw_action_row_new ();
  GtkWidget *interval = gtk_spin_button_new_with_range (1, 1440, 1);
  GtkWidget *cancelled_row = adw_action_row_new ();
  GtkWidget *cancelled = gtk_switch_new ();
  GtkWidget *weekday_row = adw_combo_row_new ();
  const char *days[] = { N_("As the Language Says"), N_("Sunday"), N_("Monday"), N_("Tuesday"),
                         N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday") };
  g_autoptr(GtkStringList) day_list = gtk_string_list_new (NULL);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (account_group), _("Account"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (server_row), FALSE);   /* a URL's & */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (server_row), _("Server"));
  if (server != NULL)
    {
      g_autofree char *sub = username ? g_strdup_printf (_("%s as %s"), server, username) : g_strdup (server);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (server_row), sub);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (server_row), _("Not signed in: working locally"));
  {
    GtkWidget *sign_in = gtk_button_new_with_mnemonic (server ? _("Sign In _Again…") : _("_Sign In…"));

    gtk_widget_set_valign (sign_in, GTK_ALIGN_CENTER);
    g_signal_connect (sign_in, "clicked", G_CALLBACK (on_sign_in_clicked), self);
    adw_action_row_add_suffix (ADW_ACTION_ROW (server_row), sign_in);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (account_group), server_row);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (sync_group), _("Synchronization"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (interval_row), _("Sync Interval"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (interval_row), _("Minutes between automatic syncs"));
  gtk_widget_set_valign (interval, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (interval), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sync interval in minutes"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (interval_row), interval);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (interval_row), interval);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (sync_group), interval_row);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (view_group), _("Calendar"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cancelled_row), _("Show Cancelled Meetings"));
  gtk_widget_set_valign (cancelled, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancelled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show cancelled meetings"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (cancelled_row), cancelled);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (cancelled_row), cancelled);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    gtk_string_list_append (day_list, _(days[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (weekday_row), _("First Day of the Week"));
  adw_combo_row_set_model (ADW_COMBO_ROW (weekday_row), G_LIST_MODEL (day_list));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view_group), cancelled_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view_group), weekday_row);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "sync-interval",
                       gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (interval)), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "show-cancelled", cancelled, "active", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_with_mapping (self->settings, "first-weekday", weekday_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT, weekday_get, weekday_set, NULL, NULL);
    }
  else
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (interval), 5);
      gtk_widget_set_sensitive (sync_group, FALSE);
      gtk_widget_set_sensitive (view_group, FALSE);
    }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (account_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (sync_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (view_group));
  return page;
}

static GtkWidget *
integrations_page (QuorumPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Integrations"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "x-office-calendar-symbolic");
  self->integrations_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->integrations_group), _("External Calendars"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->integrations_group),
                                         _("The server reads busy times from these calendars"));
  gtk_widget_add_css_class (refresh, "flat");
  gtk_widget_set_tooltip_text (refresh, _("Reload"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (refresh), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reload integrations"), -1);
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (quorum_preferences_window_show_integrations), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->integrations_group), refresh);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->integrations_group));
  return page;
}

static void
quorum_preferences_window_dispose (GObject *object)
{
  QuorumPreferencesWindow *self = QUORUM_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->integration_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (quorum_preferences_window_parent_class)->dispose (object);
}

static void
quorum_preferences_window_class_init (QuorumPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = quorum_preferences_window_dispose;
}

static void
quorum_preferences_window_init (QuorumPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->integration_rows = g_ptr_array_new ();
}

QuorumPreferencesWindow *
quorum_preferences_window_new (GtkWindow        *parent,
                               GSettings        *settings,
                               QuorumSyncEngine *engine)
{
  QuorumPreferencesWindow *self = g_object_new (QUORUM_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent,
                                                "modal", TRUE,
                                                "search-enabled", FALSE,
                                                NULL);

  self->settings = settings ? g_object_ref (settings) : NULL;
  self->engine = engine ? g_object_ref (engine) : NULL;
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (general_page (self)));
  self->integrations_page = integrations_page (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->integrations_page));
  g_signal_connect (self, "notify::visible-page", G_CALLBACK (on_visible_page), self);
  return self;
}

guint
quorum_preferences_window_get_n_integrations (QuorumPreferencesWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_PREFERENCES_WINDOW (self), 0);
  return self->integration_rows->len;
}

gboolean
quorum_preferences_window_is_loading (QuorumPreferencesWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->loading;
}
