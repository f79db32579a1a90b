/* quorum-sync-button.c — sync state label, outbox popover, Sync now */
#include "config.h"
#include "quorum-sync-button.h"
#include "quorum-sync-status.h"
#include "quorum-format.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include "quorum-time.h"
#include "quorum-log.h"

struct _QuorumSyncButton {
  GtkWidget    parent_instance;
  GtkWidget   *menu_button;
  GtkWidget   *squeezer;
  GtkWidget   *full;           /* icon, label, detail */
  GtkWidget   *icon;
  GtkWidget   *label;
  GtkWidget   *detail;
  GtkWidget   *medium;         /* icon and label, without a clock or countdown */
  GtkWidget   *medium_icon;
  GtkWidget   *medium_label;
  GtkWidget   *compact_icon;   /* when narrow: icon and count only */
  GtkWidget   *compact_detail;
  GtkWidget   *outbox_list;
  GtkWidget   *empty_label;
  GtkWidget   *log_label;
  QuorumStore *store;
  GObject     *engine;
  guint        tick;
  QuorumSyncState last_state;
};

enum { OUTBOX_CHANGED, CHANGE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumSyncButton, quorum_sync_button, GTK_TYPE_WIDGET)

static void
take_snapshot (QuorumSyncButton   *self,
               QuorumSyncSnapshot *s,
               char              **phase,
               char              **message)
{
  g_autoptr(GPtrArray) conflicts = NULL;

  memset (s, 0, sizeof *s);
  s->now = g_get_real_time ();
  /* Without an account the engine never runs: the replica's counts say
   * what waits ("Offline, 2 changes waiting" while working locally). */
  if (self->engine != NULL &&
      quorum_account_is_configured (quorum_sync_engine_get_account (QUORUM_SYNC_ENGINE (self->engine))))
    {
      int state = 0;

      g_object_get (self->engine,
                    "state", &state, "last-success", &s->last_success,
                    "retry-at", &s->retry_at, "pending", &s->pending,
                    "conflicts", &s->conflicts, "rejected", &s->rejected,
                    "phase", phase, "done", &s->done, "total", &s->total,
                    "error-message", message, NULL);
      s->state = state;
      s->phase = *phase;
      s->error_message = *message;
      return;
    }
  if (self->store == NULL)
    {
      s->state = QUORUM_SYNC_STATE_ERROR;
      s->error_message = _("The local replica could not be opened");
      return;
    }
  /* No engine yet: the replica's own counts tell what is waiting. */
  s->pending = quorum_store_count_outbox (self->store, QUORUM_CHANGE_QUEUED) +
               quorum_store_count_outbox (self->store, QUORUM_CHANGE_SENT);
  s->rejected = quorum_store_count_outbox (self->store, QUORUM_CHANGE_REJECTED);
  conflicts = quorum_store_list_conflicts (self->store, NULL);
  s->conflicts = conflicts ? conflicts->len : 0;
  s->state = quorum_sync_state_from_counts (s->pending, s->conflicts, s->rejected);
  {
    g_autofree char *last = quorum_store_get_state (self->store, "last_success");

    s->last_success = quorum_sync_parse_last_success (last);
  }
}

static gboolean
tick_cb (gpointer user_data)
{
  quorum_sync_button_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_label (QuorumSyncButton *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *phase = NULL;
  g_autofree char *message = NULL;
  QuorumSyncSnapshot snap;
  QuorumSyncStatus status;
  const char *classes[] = { "success", "warning", "error" };

  take_snapshot (self, &snap, &phase, &message);
  quorum_sync_status_compute (&snap, tz, &status);
  gtk_label_set_text (GTK_LABEL (self->label), status.label);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), status.icon_name);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->compact_icon), status.icon_name);
  gtk_label_set_text (GTK_LABEL (self->detail), status.detail ? status.detail : "");
  gtk_widget_set_visible (self->detail, status.detail != NULL);
  /* A count is a badge, and stays when only the icon fits; a clock or a
   * countdown is quieter text that goes with the label. */
  if (status.detail_is_count)
    {
      gtk_widget_add_css_class (self->detail, "badge");
      gtk_widget_remove_css_class (self->detail, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->detail, "badge");
      gtk_widget_add_css_class (self->detail, "dim-label");
    }
  gtk_label_set_text (GTK_LABEL (self->medium_label), status.label);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->medium_icon), status.icon_name);
  /* Without its count the label would hide how many wait: the icon and
   * the count say more then. */
  adw_squeezer_page_set_enabled (adw_squeezer_get_page (ADW_SQUEEZER (self->squeezer), self->medium),
                                 !status.detail_is_count);
  gtk_label_set_text (GTK_LABEL (self->compact_detail), status.detail_is_count ? status.detail : "");
  gtk_widget_set_visible (self->compact_detail, status.detail_is_count);
  gtk_widget_set_tooltip_text (self->menu_button, status.tooltip);
  /* The name says the whole state ("Offline, 2 changes waiting"), not
   * just the compact words on screen. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status.name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status.tooltip, -1);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->menu_button, classes[i]);
  if (status.css_class)
    gtk_widget_add_css_class (self->menu_button, status.css_class);
  quorum_sync_status_clear (&status);

  /* The rate-limit countdown moves every second; nothing else needs a clock. */
  if (snap.state == QUORUM_SYNC_STATE_RATE_LIMITED && self->tick == 0)
    self->tick = g_timeout_add_seconds (1, tick_cb, self);
  else if (snap.state != QUORUM_SYNC_STATE_RATE_LIMITED)
    g_clear_handle_id (&self->tick, g_source_remove);
  self->last_state = snap.state;
}

/* The outbox popover */

static char *
change_reason (const QuorumChange *change)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (change->error == NULL || !json_parser_load_from_data (parser, change->error, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "message", NULL));
}

static const char *
state_label (QuorumChangeState state)
{
  switch (state)
    {
    case QUORUM_CHANGE_QUEUED: return _("Waiting to be sent");
    case QUORUM_CHANGE_SENT: return _("Sent, awaiting answer");
    case QUORUM_CHANGE_REJECTED: return _("Refused by the server");
    case QUORUM_CHANGE_CONFLICT: return _("Changed on the server too");
    default: return "";
    }
}

static const char *
action_label (QuorumChangeAction action)
{
  switch (action)
    {
    case QUORUM_CHANGE_CREATE: return _("New meeting");
    case QUORUM_CHANGE_UPDATE: return _("Edit");
    case QUORUM_CHANGE_DELETE: return _("Deletion");
    case QUORUM_CHANGE_RESOLVE: return _("Conflict resolution");
    default: return "";
    }
}

static void
on_retry (GtkButton        *button,
          QuorumSyncButton *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "change-id");

  if (!quorum_store_retry_change (self->store, id, &error))
    g_warning ("Retry %s: %s", id, error->message);
  quorum_sync_button_refresh (self);
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

static void
on_discard (GtkButton        *button,
            QuorumSyncButton *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "change-id");

  if (!quorum_store_discard_change (self->store, id, &error))
    g_warning ("Discard %s: %s", id, error->message);
  quorum_sync_button_refresh (self);
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

static void
on_details (GtkButton        *button,
            QuorumSyncButton *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
  g_signal_emit (self, signals[CHANGE_ACTIVATED], 0, g_object_get_data (G_OBJECT (button), "change-id"));
}

static GtkWidget *
small_button (const char *label,
              const char *change_id,
              GCallback   callback,
              gpointer    self)
{
  GtkWidget *b = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (b, "flat");
  g_object_set_data_full (G_OBJECT (b), "change-id", g_strdup (change_id), g_free);
  g_signal_connect (b, "clicked", callback, self);
  return b;
}

static GtkWidget *
outbox_row (QuorumSyncButton   *self,
            const QuorumChange *change)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(QuorumMeeting) meeting = quorum_store_get_meeting_by_local_id (self->store, change->local_id);
  const char *title = meeting && meeting->title ? meeting->title
                      : change->data && change->data->title ? change->data->title : _("Meeting");
  g_autofree char *heading = g_strdup_printf ("%s: %s", action_label (change->action), title);
  g_autofree char *reason = change_reason (change);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *state = gtk_label_new (reason ? reason : state_label (change->state));

  gtk_widget_add_css_class (row, "outbox-row");
  {
    g_autofree char *name = g_strdup_printf ("%s. %s", heading, reason ? reason : state_label (change->state));
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (state), 40);
  gtk_widget_add_css_class (state, change->state == QUORUM_CHANGE_REJECTED ? "inline-error" : "dim-label");
  gtk_widget_add_css_class (state, "caption");
  gtk_box_append (GTK_BOX (top), label);
  if (change->state == QUORUM_CHANGE_REJECTED)
    {
      gtk_box_append (GTK_BOX (top), small_button (_("Details…"), change->change_id, G_CALLBACK (on_details), self));
      gtk_box_append (GTK_BOX (top), small_button (_("Retry"), change->change_id, G_CALLBACK (on_retry), self));
      gtk_box_append (GTK_BOX (top), small_button (_("Discard"), change->change_id, G_CALLBACK (on_discard), self));
    }
  gtk_box_append (GTK_BOX (row), top);
  gtk_box_append (GTK_BOX (row), state);
  g_object_set_data_full (G_OBJECT (row), "change-id", g_strdup (change->change_id), g_free);
  return row;
}

/* Rejected and conflicting changes open their dialog when their row is
 * clicked: the row is where the user reads the reason. */
static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  QuorumSyncButton *self)
{
  GtkWidget *child = gtk_list_box_row_get_child (row);
  const char *id = child ? g_object_get_data (G_OBJECT (child), "change-id") : NULL;

  if (id == NULL || !gtk_list_box_row_get_activatable (row))
    return;
  /* The popover itself, not the toggle: it may have been opened without it. */
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button)));
  g_signal_emit (self, signals[CHANGE_ACTIVATED], 0, id);
}

/* Enough to see the last round or two without scrolling. */
#define ACTIVITY_LINES 8

static void
fill_log (QuorumSyncButton *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_auto(GStrv) raw = quorum_log_tail (ACTIVITY_LINES);
  g_auto(GStrv) lines = quorum_sync_activity_lines ((const char * const *) raw, g_get_real_time (),
                                                    tz, ACTIVITY_LINES);
  g_autofree char *text = lines && lines[0] ? g_strjoinv ("\n", lines) : NULL;

  gtk_label_set_text (GTK_LABEL (self->log_label), text ? text : _("No sync has run yet"));
}

static void
fill_outbox (QuorumSyncButton *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->outbox_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->outbox_list), child);
  if (self->store != NULL)
    changes = quorum_store_list_outbox (self->store, NULL);
  for (guint i = 0; changes && i < changes->len; i++)
    {
      QuorumChange *change = g_ptr_array_index (changes, i);
      GtkWidget *row;

      gtk_list_box_append (GTK_LIST_BOX (self->outbox_list), outbox_row (self, change));
      row = gtk_widget_get_last_child (self->outbox_list);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                        change->state == QUORUM_CHANGE_REJECTED ||
                                        change->state == QUORUM_CHANGE_CONFLICT);
    }
  gtk_widget_set_visible (self->empty_label, changes == NULL || changes->len == 0);
}

static void
on_engine_notify (GObject          *engine,
                  GParamSpec       *pspec,
                  QuorumSyncButton *self)
{
  update_label (self);
}

static void
quorum_sync_button_dispose (GObject *object)
{
  QuorumSyncButton *self = QUORUM_SYNC_BUTTON (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->engine)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  G_OBJECT_CLASS (quorum_sync_button_parent_class)->dispose (object);
}

static void
quorum_sync_button_class_init (QuorumSyncButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = quorum_sync_button_dispose;
  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGE_ACTIVATED] =
    g_signal_new ("change-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncbutton");
}

static void
on_popover_show (GtkPopover       *popover,
                 QuorumSyncButton *self)
{
  fill_outbox (self);
  fill_log (self);
}

static void
quorum_sync_button_init (QuorumSyncButton *self)
{
  GtkWidget *compact = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Outbox"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *sync_now = gtk_button_new_with_mnemonic (_("_Sync Now"));
  GtkWidget *log_title = gtk_label_new (_("Recent Activity"));
  GtkWidget *log_scroller = gtk_scrolled_window_new ();

  /* Never an ellipsis: the squeezer shows the label when it fits whole,
   * else the icon with its count (360 px, long translations). */
  self->full = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  self->detail = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->detail, "numeric");
  gtk_box_append (GTK_BOX (self->full), self->icon);
  gtk_box_append (GTK_BOX (self->full), self->label);
  gtk_box_append (GTK_BOX (self->full), self->detail);
  self->compact_icon = gtk_image_new ();
  self->compact_detail = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->compact_detail, "badge");
  gtk_widget_add_css_class (self->compact_detail, "numeric");
  gtk_box_append (GTK_BOX (compact), self->compact_icon);
  gtk_box_append (GTK_BOX (compact), self->compact_detail);
  self->medium = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->medium_icon = gtk_image_new ();
  self->medium_label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (self->medium), self->medium_icon);
  gtk_box_append (GTK_BOX (self->medium), self->medium_label);
  /* The header bar may give the button more than a shorter form needs
   * (its side next to the view switcher is shared out, not hugged): the
   * words stay in its middle rather than a lone icon at its start. */
  gtk_widget_set_halign (self->full, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->medium, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (compact, GTK_ALIGN_CENTER);
  self->squeezer = adw_squeezer_new ();
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (self->squeezer), FALSE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (self->squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_add (ADW_SQUEEZER (self->squeezer), self->full);
  adw_squeezer_add (ADW_SQUEEZER (self->squeezer), self->medium);
  adw_squeezer_add (ADW_SQUEEZER (self->squeezer), compact);

  gtk_widget_add_css_class (title, "heading");
  self->outbox_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->outbox_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->outbox_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outbox_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Outbox"), -1);
  self->empty_label = gtk_label_new (_("Nothing waiting to be sent"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->outbox_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sync_now), "win.sync");
  gtk_widget_set_tooltip_text (sync_now, _("Send and receive changes now (F5)"));
  gtk_widget_add_css_class (sync_now, "suggested-action");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), self->empty_label);
  g_signal_connect (self->outbox_list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (box), scroller);

  /* The sync log's tail: what the last rounds did, in the engine's words. */
  gtk_widget_add_css_class (log_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (log_title), 0);
  self->log_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->log_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->log_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->log_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->log_label), TRUE);
  gtk_widget_add_css_class (self->log_label, "caption");
  gtk_widget_add_css_class (self->log_label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recent sync activity"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (log_scroller), self->log_label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (log_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (log_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (log_scroller), 140);
  gtk_box_append (GTK_BOX (box), log_title);
  gtk_box_append (GTK_BOX (box), log_scroller);
  gtk_box_append (GTK_BOX (box), sync_now);
  gtk_widget_set_size_request (box, 300, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show), self);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->menu_button), self->squeezer);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  update_label (self);
}

GtkWidget *
quorum_sync_button_new (void)
{
  return g_object_new (QUORUM_TYPE_SYNC_BUTTON, NULL);
}

void
quorum_sync_button_set_store (QuorumSyncButton *self,
                              QuorumStore      *store)
{
  g_return_if_fail (QUORUM_IS_SYNC_BUTTON (self));
  g_set_object (&self->store, store);
  quorum_sync_button_refresh (self);
}

void
quorum_sync_button_set_engine (QuorumSyncButton *self,
                               GObject          *engine)
{
  g_return_if_fail (QUORUM_IS_SYNC_BUTTON (self));

  if (self->engine)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine)
    g_signal_connect (engine, "notify", G_CALLBACK (on_engine_notify), self);
  quorum_sync_button_refresh (self);
}

void
quorum_sync_button_refresh (QuorumSyncButton *self)
{
  g_return_if_fail (QUORUM_IS_SYNC_BUTTON (self));
  update_label (self);
  fill_outbox (self);
  /* The log is a file: read it only while someone looks at it. */
  if (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button)))))
    fill_log (self);
}

const char *
quorum_sync_button_get_label (QuorumSyncButton *self)
{
  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}

const char *
quorum_sync_button_get_detail (QuorumSyncButton *self)
{
  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), NULL);
  return gtk_widget_get_visible (self->detail) ? gtk_label_get_text (GTK_LABEL (self->detail)) : NULL;
}

const char *
quorum_sync_button_get_tooltip (QuorumSyncButton *self)
{
  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), NULL);
  return gtk_widget_get_tooltip_text (self->menu_button);
}

gboolean
quorum_sync_button_shows_label (QuorumSyncButton *self)
{
  GtkWidget *shown, *label;

  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), FALSE);
  shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (self->squeezer));
  label = shown == self->full ? self->label : shown == self->medium ? self->medium_label : NULL;
  return label != NULL && gtk_widget_get_mapped (label) &&
         !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

const char *
quorum_sync_button_get_log_text (QuorumSyncButton *self)
{
  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->log_label));
}

GtkWidget *
quorum_sync_button_get_popover (QuorumSyncButton *self)
{
  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), NULL);
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button)));
}

GtkWidget *
quorum_sync_button_get_outbox_list (QuorumSyncButton *self)
{
  g_return_val_if_fail (QUORUM_IS_SYNC_BUTTON (self), NULL);
  return self->outbox_list;
}
