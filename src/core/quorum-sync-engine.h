/* quorum-sync-engine.h — rounds of push/resolve/pull, state, scheduling */
#pragma once

#include <gio/gio.h>
#include "quorum-store.h"
#include "quorum-account.h"

G_BEGIN_DECLS

#define QUORUM_SYNC_ERROR (quorum_sync_error_quark ())

typedef enum {
  QUORUM_SYNC_ERROR_BUSY = 1,        /* a round is already running */
  QUORUM_SYNC_ERROR_NOT_CONFIGURED,  /* no account */
  QUORUM_SYNC_ERROR_FAILED,
  QUORUM_SYNC_ERROR_OFFLINE,         /* the server could not be reached */
  QUORUM_SYNC_ERROR_LOGIN_REQUIRED,
  QUORUM_SYNC_ERROR_RATE_LIMITED,    /* retry-at says until when */
} QuorumSyncError;

GQuark quorum_sync_error_quark (void);

typedef enum {
  QUORUM_SYNC_STATE_SYNCED = 1,      /* last-success says when */
  QUORUM_SYNC_STATE_SYNCING,         /* phase, done, total say how far */
  QUORUM_SYNC_STATE_OFFLINE,         /* pending says how many changes wait */
  QUORUM_SYNC_STATE_NEEDS_ATTENTION, /* conflicts or rejected changes */
  QUORUM_SYNC_STATE_LOGIN_REQUIRED,
  QUORUM_SYNC_STATE_RATE_LIMITED,    /* retry-at says until when */
  QUORUM_SYNC_STATE_ERROR,           /* error-message says what happened */
} QuorumSyncState;

const char *quorum_sync_state_to_string (QuorumSyncState state);

#define QUORUM_TYPE_SYNC_ENGINE (quorum_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (QuorumSyncEngine, quorum_sync_engine, QUORUM, SYNC_ENGINE, GObject)

/* Properties (all notify on the main context):
 *   state (QuorumSyncState as int), last-success (gint64 µs), retry-at
 *   (gint64 µs), pending, conflicts, rejected (uint), phase (string:
 *   "push", "resolve", "pull"), done, total (uint), error-message (string).
 * Signals:
 *   replica-changed ()  — the replica was changed by a round; views reload. */
QuorumSyncEngine *quorum_sync_engine_new          (QuorumAccount *account);
QuorumAccount    *quorum_sync_engine_get_account  (QuorumSyncEngine *self);
/* Counts of the last round: changes the server took (pushed, including
 * resolutions) and entities received (pulled). */
guint             quorum_sync_engine_get_pushed   (QuorumSyncEngine *self);
guint             quorum_sync_engine_get_pulled   (QuorumSyncEngine *self);
guint             quorum_sync_engine_get_conflicts (QuorumSyncEngine *self);
guint             quorum_sync_engine_get_rejected (QuorumSyncEngine *self);
/* Minutes between automatic rounds (default 5). */
void              quorum_sync_engine_set_interval (QuorumSyncEngine *self,
                                                   guint             minutes);
/* Re-reads pending/conflict/rejected counts from the replica (after a
 * local edit) and derives the state again. */
void              quorum_sync_engine_refresh_counts (QuorumSyncEngine *self);
QuorumSyncState   quorum_sync_engine_get_state    (QuorumSyncEngine *self);
gint64            quorum_sync_engine_get_last_success (QuorumSyncEngine *self);
gint64            quorum_sync_engine_get_retry_at (QuorumSyncEngine *self);
guint             quorum_sync_engine_get_pending  (QuorumSyncEngine *self);
const char       *quorum_sync_engine_get_error_message (QuorumSyncEngine *self);

/* One round now; never two at once (a second call joins the running one). */
void              quorum_sync_engine_sync_async   (QuorumSyncEngine    *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean          quorum_sync_engine_sync_finish  (QuorumSyncEngine  *self,
                                                   GAsyncResult      *result,
                                                   GError           **error);
/* Automatic rounds: at start, periodically, when the network returns. */
void              quorum_sync_engine_start        (QuorumSyncEngine *self);
void              quorum_sync_engine_stop         (QuorumSyncEngine *self);
/* Debounced round after a local edit. */
void              quorum_sync_engine_schedule_soon (QuorumSyncEngine *self);

G_END_DECLS
