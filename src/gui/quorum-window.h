/* quorum-window.h — the main window: header bar, views, toasts */
#pragma once

#include <adwaita.h>
#include "quorum-store.h"
#include "quorum-sync-engine.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_WINDOW (quorum_window_get_type ())
G_DECLARE_FINAL_TYPE (QuorumWindow, quorum_window, QUORUM, WINDOW, AdwApplicationWindow)

/* @store may be NULL (the replica could not be opened); @settings may be
 * NULL (no schema installed): defaults are used then. */
QuorumWindow *quorum_window_new             (GtkApplication *app,
                                             QuorumStore    *store,
                                             GSettings      *settings);
QuorumStore  *quorum_window_get_store       (QuorumWindow *self);
/* Views re-read the replica (after an edit, or a sync round). */
void          quorum_window_replica_changed (QuorumWindow *self);
void          quorum_window_show_toast      (QuorumWindow *self,
                                             const char   *text);
/* The text of the last toast shown (tests check the news). */
const char   *quorum_window_get_last_toast  (QuorumWindow *self);
/* "agenda", "week" or "rooms". */
void          quorum_window_set_view        (QuorumWindow *self,
                                             const char   *name);
const char   *quorum_window_get_view        (QuorumWindow *self);
void          quorum_window_set_date        (QuorumWindow *self,
                                             gint64        us);
gint64        quorum_window_get_date        (QuorumWindow *self);
GtkWidget    *quorum_window_get_view_widget (QuorumWindow *self,
                                             const char   *name);
GtkWidget    *quorum_window_get_sync_button (QuorumWindow *self);
/* Opens the editor (tests drive the returned window). */
GtkWindow    *quorum_window_open_editor     (QuorumWindow *self,
                                             const char   *local_id,
                                             gint64        start,
                                             gint64        end,
                                             gint64        room_id);
/* Opens the dialog for a rejected change or a conflict. */
GtkWindow    *quorum_window_open_change     (QuorumWindow *self,
                                             const char   *change_id);
GtkWindow    *quorum_window_open_conflict   (QuorumWindow *self,
                                             gint64        conflict_id);
/* The engine that syncs the replica (the application's); NULL leaves the
 * window working on the replica alone. */
void          quorum_window_set_engine      (QuorumWindow     *self,
                                             QuorumSyncEngine *engine);
QuorumSyncEngine *quorum_window_get_engine  (QuorumWindow *self);
GtkWindow    *quorum_window_open_sign_in    (QuorumWindow *self);
/* Preferences, on the Integrations page when @integrations. */
GtkWindow    *quorum_window_open_preferences (QuorumWindow *self,
                                              gboolean      integrations);

G_END_DECLS
