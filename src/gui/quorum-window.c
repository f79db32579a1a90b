/* quorum-window.c — header bar, navigation, views and their wiring */
#include "config.h"
#include "quorum-window-private.h"
#include "quorum-agenda-view.h"
#include "quorum-week-view.h"
#include "quorum-rooms-view.h"
#include "quorum-sync-button.h"
#include "quorum-meeting-editor.h"
#include "quorum-error-dialog.h"
#include "quorum-conflict-dialog.h"
#include "quorum-account-model.h"

#include <glib/gi18n.h>

enum { PROP_0, PROP_STORE, PROP_SETTINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (QuorumWindow, quorum_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
show_cancelled (QuorumWindow *self)
{
  return self->settings ? g_settings_get_boolean (self->settings, "show-cancelled") : FALSE;
}

static int
first_weekday (QuorumWindow *self)
{
  return self->settings ? g_settings_get_int (self->settings, "first-weekday") : -1;
}

static void
push_date (QuorumWindow *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->date / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  quorum_agenda_view_set_date (QUORUM_AGENDA_VIEW (self->agenda), self->date);
  quorum_week_view_set_date (QUORUM_WEEK_VIEW (self->week), self->date);
  quorum_rooms_view_set_date (QUORUM_ROOMS_VIEW (self->rooms), self->date);
  g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), local);
  g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

void
quorum_window_replica_changed (QuorumWindow *self)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  if (self->engine != NULL)
    quorum_sync_engine_refresh_counts (self->engine);
  quorum_agenda_view_reload (QUORUM_AGENDA_VIEW (self->agenda));
  quorum_week_view_reload (QUORUM_WEEK_VIEW (self->week));
  quorum_rooms_view_reload (QUORUM_ROOMS_VIEW (self->rooms));
  quorum_sync_button_refresh (QUORUM_SYNC_BUTTON (self->sync_button));
}

void
quorum_window_show_toast (QuorumWindow *self,
                          const char   *text)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  /* A toast's title is Pango markup; ours is text that may carry a
   * server's words ("Working offline: …"), so it is escaped. */
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  }
}

/* Sync */

static void
schedule_sync (QuorumWindow *self)
{
  if (self->engine != NULL)
    quorum_sync_engine_schedule_soon (self->engine);
}

static void
on_engine_state (QuorumSyncEngine *engine,
                 GParamSpec       *pspec,
                 QuorumWindow     *self)
{
  QuorumSyncState state = quorum_sync_engine_get_state (engine);

  /* Said once when the connection is lost, not at every failed retry. */
  if (state == QUORUM_SYNC_STATE_OFFLINE && self->last_state != QUORUM_SYNC_STATE_OFFLINE)
    {
      g_autofree char *text =
        g_strdup_printf (_("Working offline: %s"),
                         quorum_sync_reason_text (quorum_sync_engine_get_error_message (engine)));
      quorum_window_show_toast (self, text);
    }
  self->last_state = state;
}

static void
on_engine_replica_changed (QuorumSyncEngine *engine,
                           QuorumWindow     *self)
{
  quorum_window_replica_changed (self);
}

void
quorum_window_set_engine (QuorumWindow     *self,
                          QuorumSyncEngine *engine)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      self->last_state = quorum_sync_engine_get_state (engine);
      g_signal_connect (engine, "notify::state", G_CALLBACK (on_engine_state), self);
      g_signal_connect (engine, "replica-changed", G_CALLBACK (on_engine_replica_changed), self);
      quorum_sync_engine_refresh_counts (engine);
    }
  quorum_sync_button_set_engine (QUORUM_SYNC_BUTTON (self->sync_button), G_OBJECT (engine));
}

QuorumSyncEngine *
quorum_window_get_engine (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->engine;
}

void
quorum_window_sync_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (quorum_sync_engine_sync_finish (QUORUM_SYNC_ENGINE (source), result, &error))
    return;
  /* Offline is told by on_engine_state; the rest is news only when the
   * user asked for this round. */
  if (g_error_matches (error, QUORUM_SYNC_ERROR, QUORUM_SYNC_ERROR_LOGIN_REQUIRED))
    quorum_window_show_toast (self, _("Sign in again to sync: the server no longer accepts this session"));
  else if (g_error_matches (error, QUORUM_SYNC_ERROR, QUORUM_SYNC_ERROR_RATE_LIMITED))
    quorum_window_show_toast (self, _("The server asked to wait before syncing again"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, QUORUM_SYNC_ERROR, QUORUM_SYNC_ERROR_OFFLINE))
    {
      g_autofree char *text = g_strdup_printf (_("Sync failed: %s"),
                                               quorum_sync_reason_text (error->message));
      quorum_window_show_toast (self, text);
    }
}

/* Editor and dialogs */

static void
on_editor_saved (QuorumMeetingEditor *editor,
                 const char          *local_id,
                 QuorumWindow        *self)
{
  gboolean online = self->engine != NULL &&
                    quorum_sync_is_online (quorum_account_is_configured (quorum_sync_engine_get_account (self->engine)),
                                           quorum_sync_engine_get_state (self->engine));

  quorum_window_replica_changed (self);
  /* Nothing is sent from here: the engine sends the outbox in a round a
   * moment later, so several quick edits go out together. */
  schedule_sync (self);
  quorum_window_show_toast (self, online ? _("Saved") : _("Saved — will be sent when online"));
}

GtkWindow *
quorum_window_open_editor (QuorumWindow *self,
                           const char   *local_id,
                           gint64        start,
                           gint64        end,
                           gint64        room_id)
{
  QuorumMeetingEditor *editor;

  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    {
      quorum_window_show_toast (self, _("The local replica could not be opened"));
      return NULL;
    }
  if (local_id != NULL)
    editor = quorum_meeting_editor_new_edit (GTK_WINDOW (self), self->store, self->engine, local_id);
  else
    editor = quorum_meeting_editor_new_create (GTK_WINDOW (self), self->store, self->engine,
                                               start, end, room_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
on_dialog_applied (GtkWidget    *dialog,
                   const char   *message,
                   QuorumWindow *self)
{
  quorum_window_replica_changed (self);
  schedule_sync (self);
  if (message != NULL)
    quorum_window_show_toast (self, message);
}

static void
on_open_meeting (GtkWidget    *dialog,
                 const char   *id,
                 QuorumWindow *self)
{
  quorum_window_open_editor (self, id, 0, 0, 0);
}

GtkWindow *
quorum_window_open_change (QuorumWindow *self,
                           const char   *change_id)
{
  GtkWidget *dialog;

  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  dialog = quorum_error_dialog_new (GTK_WINDOW (self), self->store, change_id);
  if (dialog == NULL)
    return NULL;
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_dialog_applied), self, 0);
  g_signal_connect_object (dialog, "open-meeting", G_CALLBACK (on_open_meeting), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

GtkWindow *
quorum_window_open_conflict (QuorumWindow *self,
                             gint64        conflict_id)
{
  GtkWidget *dialog;

  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  dialog = quorum_conflict_dialog_new (GTK_WINDOW (self), self->store, conflict_id);
  if (dialog == NULL)
    return NULL;
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_dialog_applied), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_meeting_activated (GtkWidget    *view,
                      const char   *local_id,
                      QuorumWindow *self)
{
  quorum_window_open_editor (self, local_id, 0, 0, 0);
}

static void
on_new_meeting_requested (GtkWidget    *view,
                          gint64        start,
                          gint64        end,
                          gint64        room_id,
                          QuorumWindow *self)
{
  quorum_window_open_editor (self, NULL, start, end, room_id);
}

static void
on_day_requested (GtkWidget    *view,
                  gint64        day,
                  QuorumWindow *self)
{
  quorum_window_set_date (self, day);
  quorum_window_set_view (self, "agenda");
}

static void
on_change_activated (QuorumSyncButton *button,
                     const char       *change_id,
                     QuorumWindow     *self)
{
  g_autoptr(QuorumChange) change = quorum_store_get_change (self->store, change_id, NULL);
  g_autoptr(GPtrArray) conflicts = NULL;

  if (change != NULL && change->state == QUORUM_CHANGE_CONFLICT)
    {
      conflicts = quorum_store_list_conflicts (self->store, NULL);
      for (guint i = 0; conflicts && i < conflicts->len; i++)
        {
          QuorumConflict *c = g_ptr_array_index (conflicts, i);

          if (g_strcmp0 (c->change_id, change_id) == 0)
            {
              quorum_window_open_conflict (self, c->id);
              return;
            }
        }
    }
  quorum_window_open_change (self, change_id);
}

static void
on_outbox_changed (QuorumSyncButton *button,
                   QuorumWindow     *self)
{
  quorum_window_replica_changed (self);
  /* A retried change goes out soon; a discarded one needs no round. */
  schedule_sync (self);
}

/* Template callbacks */

static void
on_calendar_day_selected (GtkCalendar  *calendar,
                          QuorumWindow *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  gtk_popover_popdown (GTK_POPOVER (self->date_popover));
  quorum_window_set_date (self, g_date_time_to_unix (day) * G_USEC_PER_SEC);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   QuorumWindow   *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* Results are a list: show them in the agenda whatever view was open. */
  if (*text != '\0')
    quorum_window_set_view (self, "agenda");
  quorum_agenda_view_set_search (QUORUM_AGENDA_VIEW (self->agenda), text);
}

/* Window state */

static gboolean
quorum_window_close_request (GtkWindow *window)
{
  QuorumWindow *self = QUORUM_WINDOW (window);

  if (self->settings != NULL)
    {
      int w, h;

      gtk_window_get_default_size (window, &w, &h);
      g_settings_set_int (self->settings, "window-width", w);
      g_settings_set_int (self->settings, "window-height", h);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (quorum_window_parent_class)->close_request (window);
}

static void
on_visible_child (AdwViewStack *stack,
                  GParamSpec   *pspec,
                  QuorumWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "view", name);
}

static void
on_setting_changed (GSettings    *settings,
                    const char   *key,
                    QuorumWindow *self)
{
  if (g_str_equal (key, "show-cancelled"))
    {
      quorum_agenda_view_set_show_cancelled (QUORUM_AGENDA_VIEW (self->agenda), show_cancelled (self));
      quorum_week_view_set_show_cancelled (QUORUM_WEEK_VIEW (self->week), show_cancelled (self));
      quorum_rooms_view_set_show_cancelled (QUORUM_ROOMS_VIEW (self->rooms), show_cancelled (self));
    }
  else if (g_str_equal (key, "first-weekday"))
    quorum_week_view_set_first_weekday (QUORUM_WEEK_VIEW (self->week), first_weekday (self));
}

static void
add_view (QuorumWindow *self,
          GtkWidget    *view,
          const char   *name,
          const char   *title,
          const char   *icon)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, view, name, title);

  adw_view_stack_page_set_icon_name (page, icon);
}

static void
quorum_window_constructed (GObject *object)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  G_OBJECT_CLASS (quorum_window_parent_class)->constructed (object);

  self->agenda = quorum_agenda_view_new (self->store);
  self->week = quorum_week_view_new (self->store);
  self->rooms = quorum_rooms_view_new (self->store);
  add_view (self, self->agenda, "agenda", _("Agenda"), "view-list-symbolic");
  add_view (self, self->week, "week", _("Week"), "x-office-calendar-symbolic");
  add_view (self, self->rooms, "rooms", _("Rooms"), "view-grid-symbolic");

  g_signal_connect (self->agenda, "meeting-activated", G_CALLBACK (on_meeting_activated), self);
  g_signal_connect (self->week, "meeting-activated", G_CALLBACK (on_meeting_activated), self);
  g_signal_connect (self->rooms, "meeting-activated", G_CALLBACK (on_meeting_activated), self);
  g_signal_connect (self->week, "new-meeting-requested", G_CALLBACK (on_new_meeting_requested), self);
  g_signal_connect (self->rooms, "new-meeting-requested", G_CALLBACK (on_new_meeting_requested), self);
  g_signal_connect (self->week, "day-requested", G_CALLBACK (on_day_requested), self);
  g_signal_connect (self->sync_button, "change-activated", G_CALLBACK (on_change_activated), self);
  g_signal_connect (self->sync_button, "outbox-changed", G_CALLBACK (on_outbox_changed), self);
  quorum_sync_button_set_store (QUORUM_SYNC_BUTTON (self->sync_button), self->store);

  if (self->settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (self->settings, "view");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      adw_view_stack_set_visible_child_name (self->stack, view);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_setting_changed), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self),
                               G_ACTION (g_settings_create_action (self->settings, "show-cancelled")));
      on_setting_changed (self->settings, "show-cancelled", self);
      on_setting_changed (self->settings, "first-weekday", self);
    }
  g_signal_connect (self->stack, "notify::visible-child", G_CALLBACK (on_visible_child), self);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  push_date (self);
}

static void
quorum_window_dispose (GObject *object)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_WINDOW);
  G_OBJECT_CLASS (quorum_window_parent_class)->dispose (object);
}

static void
quorum_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_window_class_init (QuorumWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = quorum_window_constructed;
  object_class->dispose = quorum_window_dispose;
  object_class->set_property = quorum_window_set_property;
  object_class->get_property = quorum_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = quorum_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, QUORUM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (QUORUM_TYPE_SYNC_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/quorum/Quorum/quorum-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, calendar);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, date_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  quorum_window_install_actions (widget_class);
}

static void
quorum_window_init (QuorumWindow *self)
{
  self->date = g_get_real_time ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

QuorumWindow *
quorum_window_new (GtkApplication *app,
                   QuorumStore    *store,
                   GSettings      *settings)
{
  return g_object_new (QUORUM_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       "settings", settings,
                       NULL);
}

QuorumStore *
quorum_window_get_store (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->store;
}

void
quorum_window_set_view (QuorumWindow *self,
                        const char   *name)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
quorum_window_get_view (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

void
quorum_window_set_date (QuorumWindow *self,
                        gint64        us)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  self->date = us;
  push_date (self);
}

gint64
quorum_window_get_date (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), 0);
  return self->date;
}

GtkWidget *
quorum_window_get_view_widget (QuorumWindow *self,
                               const char   *name)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->stack, name);
}

GtkWidget *
quorum_window_get_sync_button (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->sync_button;
}

const char *
quorum_window_get_last_toast (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->last_toast;
}
