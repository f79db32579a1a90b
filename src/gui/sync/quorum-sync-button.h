/* quorum-sync-button.h — the header bar's sync status, with the outbox
 *
 * The one place the GUI meets the sync engine: the label comes from
 * quorum_sync_status_compute() over the engine's properties, or over the
 * replica's counts while no engine is attached.
 */
#pragma once

#include <gtk/gtk.h>
#include "quorum-store.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_SYNC_BUTTON (quorum_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (QuorumSyncButton, quorum_sync_button, QUORUM, SYNC_BUTTON, GtkWidget)

/* Signals: outbox-changed () — Retry or Discard changed the replica;
 *          change-activated (const char *change_id) — "Details…" of a
 *          rejected change. */
GtkWidget  *quorum_sync_button_new        (void);
void        quorum_sync_button_set_store  (QuorumSyncButton *self,
                                           QuorumStore      *store);
/* A QuorumSyncEngine (read through its properties), or NULL. */
void        quorum_sync_button_set_engine (QuorumSyncButton *self,
                                           GObject          *engine);
void        quorum_sync_button_refresh    (QuorumSyncButton *self);
/* The compact label ("Offline"), its detail ("3", "14:05") or NULL, and
 * the whole sentence of the tooltip. */
const char *quorum_sync_button_get_label  (QuorumSyncButton *self);
const char *quorum_sync_button_get_detail (QuorumSyncButton *self);
const char *quorum_sync_button_get_tooltip (QuorumSyncButton *self);
/* The label is on screen, whole (not only the icon and the count). */
gboolean    quorum_sync_button_shows_label (QuorumSyncButton *self);
/* The outbox list inside the popover (tests look at its rows). */
GtkWidget  *quorum_sync_button_get_outbox_list (QuorumSyncButton *self);
/* The sync log lines shown in the popover. */
const char *quorum_sync_button_get_log_text (QuorumSyncButton *self);
GtkWidget  *quorum_sync_button_get_popover (QuorumSyncButton *self);

G_END_DECLS
