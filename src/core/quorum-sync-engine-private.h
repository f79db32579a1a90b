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
  gboolean         soon_armed;    /* timer_id is an edit's debounced round */
  gboolean         again;         /* an edit came during the round: another soon */
  gint64           next_delay_ms; /* what the timer was armed with, -1 = none */
  double           time_scale;    /* 1.0; tests shrink the engine's own waits */
  GNetworkMonitor *monitor;       /* owned; NULL = g_network_monitor_get_default () */
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

/* The network monitor the engine listens to and asks when a round
 * fails to reach the server (the default one unless set). */
GNetworkMonitor *quorum_sync_engine_get_network_monitor (QuorumSyncEngine *self);

/* Test seams; production never calls them.
 * set_network_monitor: before start (), a monitor other than the default.
 * set_time_scale: the engine's own waits (debounce, interval, backoff)
 *   are multiplied by @scale when the timer is armed; a server's
 *   retry_at is wall-clock time and is never scaled.
 * get_next_round_delay_ms: the delay, unscaled, that the timer for the
 *   next automatic round was armed with, or -1 when none is armed. */
void    quorum_sync_engine_set_network_monitor  (QuorumSyncEngine *self,
                                                 GNetworkMonitor  *monitor);
void    quorum_sync_engine_set_time_scale       (QuorumSyncEngine *self,
                                                 double            scale);
gint64  quorum_sync_engine_get_next_round_delay_ms (QuorumSyncEngine *self);

/* The round itself (quorum-sync-round.c): completes @task with TRUE, or
 * with a QUORUM_SYNC_ERROR after setting the state. */
void quorum_sync_round_run           (QuorumSyncEngine *self,
                                      GTask            *task);

G_END_DECLS
