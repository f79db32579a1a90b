/* quorum-sync-engine-private.h — shared by the engine and its round */
#pragma once

#include "quorum-sync-engine.h"
#include "quorum-store-sync.h"

G_BEGIN_DECLS

struct _QuorumSyncEngine {
  GObject          parent_instance;

  QuorumAccount   *account;
  QuorumStore     *store;

  QuorumSyncState  state;
  gint64           last_success;
  gint64           retry_at;
  guint            pending;
  guint            conflicts;
  guint            rejected;
  char            *phase;
  guint            done;
  guint            total;
  char            *error_message;
  guint            pushed;
  guint            pulled;

  GTask           *round;         /* the running round, or NULL */
  GPtrArray       *joiners;       /* GTask* waiting for that round */
  GCancellable    *cancellable;   /* cancels the running round */

  /* automatic rounds */
  gboolean         started;
  guint            interval_min;
  guint            failures;      /* consecutive, for the backoff */
  gboolean         probe_health;  /* the last round found no server: ask /health/ first */
  guint            timer_id;
  GNetworkMonitor *monitor;
  gulong           monitor_id;
};

/* Property setters that notify (main context only). */
void quorum_sync_engine_set_state    (QuorumSyncEngine *self,
                                      QuorumSyncState   state,
                                      const char       *error_message);
void quorum_sync_engine_set_progress (QuorumSyncEngine *self,
                                      const char       *phase,
                                      guint             done,
                                      guint             total);
void quorum_sync_engine_set_retry_at (QuorumSyncEngine *self,
                                      gint64            retry_at);

/* The round itself (quorum-sync-round.c): completes @task with TRUE, or
 * with a QUORUM_SYNC_ERROR after setting the state. */
void quorum_sync_round_run           (QuorumSyncEngine *self,
                                      GTask            *task);

G_END_DECLS
