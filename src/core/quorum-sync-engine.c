/* quorum-sync-engine.c — sync state, one round at a time, when to run */
#include "quorum-sync-engine-private.h"
#include "quorum-log.h"

G_DEFINE_QUARK (quorum-sync-error-quark, quorum_sync_error)
G_DEFINE_FINAL_TYPE (QuorumSyncEngine, quorum_sync_engine, G_TYPE_OBJECT)

#define SOON_MS          2000                      /* debounce after an edit */
#define BACKOFF_BASE_S   30
#define BACKOFF_MAX_S    (15 * 60)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LAST_SUCCESS,
  PROP_RETRY_AT,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_REJECTED,
  PROP_PHASE,
  PROP_DONE,
  PROP_TOTAL,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  REPLICA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const state_names[] = {
  NULL, "synced", "syncing", "offline", "needs_attention", "login_required", "rate_limited", "error",
};

const char *
quorum_sync_state_to_string (QuorumSyncState state)
{
  return state >= QUORUM_SYNC_STATE_SYNCED && state <= QUORUM_SYNC_STATE_ERROR ? state_names[state] : "unknown";
}

static void reschedule (QuorumSyncEngine *self);

static void
quorum_sync_engine_dispose (GObject *object)
{
  QuorumSyncEngine *self = QUORUM_SYNC_ENGINE (object);

  quorum_sync_engine_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (quorum_sync_engine_parent_class)->dispose (object);
}

static void
quorum_sync_engine_finalize (GObject *object)
{
  QuorumSyncEngine *self = QUORUM_SYNC_ENGINE (object);

  g_clear_pointer (&self->joiners, g_ptr_array_unref);
  g_free (self->phase);
  g_free (self->error_message);
  G_OBJECT_CLASS (quorum_sync_engine_parent_class)->finalize (object);
}

static void
quorum_sync_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QuorumSyncEngine *self = QUORUM_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_LAST_SUCCESS: g_value_set_int64 (value, self->last_success); break;
    case PROP_RETRY_AT: g_value_set_int64 (value, self->retry_at); break;
    case PROP_PENDING: g_value_set_uint (value, self->pending); break;
    case PROP_CONFLICTS: g_value_set_uint (value, self->conflicts); break;
    case PROP_REJECTED: g_value_set_uint (value, self->rejected); break;
    case PROP_PHASE: g_value_set_string (value, self->phase); break;
    case PROP_DONE: g_value_set_uint (value, self->done); break;
    case PROP_TOTAL: g_value_set_uint (value, self->total); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_sync_engine_class_init (QuorumSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = quorum_sync_engine_dispose;
  object_class->finalize = quorum_sync_engine_finalize;
  object_class->get_property = quorum_sync_engine_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, QUORUM_SYNC_STATE_ERROR, QUORUM_SYNC_STATE_SYNCED, ro);
  properties[PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_RETRY_AT] = g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CONFLICTS] = g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_REJECTED] = g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, ro);
  properties[PROP_DONE] = g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REPLICA_CHANGED] = g_signal_new ("replica-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
quorum_sync_engine_init (QuorumSyncEngine *self)
{
  self->state = QUORUM_SYNC_STATE_SYNCED;
  self->interval_min = 5;
  self->time_scale = 1.0;
  self->next_delay_ms = -1;
  self->joiners = g_ptr_array_new_with_free_func (g_object_unref);
}

QuorumSyncEngine *
quorum_sync_engine_new (QuorumAccount *account)
{
  QuorumSyncEngine *self = g_object_new (QUORUM_TYPE_SYNC_ENGINE, NULL);
  g_autofree char *last = NULL;
  g_autofree char *not_before = NULL;

  self->account = g_object_ref (account);
  self->store = g_object_ref (quorum_account_get_store (account));
  last = quorum_store_get_state (self->store, "last_success");
  self->last_success = last ? g_ascii_strtoll (last, NULL, 10) : 0;
  not_before = quorum_store_get_state (self->store, "not_before");
  if (not_before && g_ascii_strtoll (not_before, NULL, 10) > g_get_real_time ())
    self->retry_at = g_ascii_strtoll (not_before, NULL, 10);
  quorum_sync_engine_refresh_counts (self);
  return self;
}

QuorumAccount *
quorum_sync_engine_get_account (QuorumSyncEngine *self)
{
  return self->account;
}

QuorumSyncState quorum_sync_engine_get_state (QuorumSyncEngine *self) { return self->state; }
gint64 quorum_sync_engine_get_last_success (QuorumSyncEngine *self) { return self->last_success; }
gint64 quorum_sync_engine_get_retry_at (QuorumSyncEngine *self) { return self->retry_at; }
guint quorum_sync_engine_get_pending (QuorumSyncEngine *self) { return self->pending; }
guint quorum_sync_engine_get_conflicts (QuorumSyncEngine *self) { return self->conflicts; }
guint quorum_sync_engine_get_rejected (QuorumSyncEngine *self) { return self->rejected; }
guint quorum_sync_engine_get_pushed (QuorumSyncEngine *self) { return self->pushed; }
guint quorum_sync_engine_get_pulled (QuorumSyncEngine *self) { return self->pulled; }
const char *quorum_sync_engine_get_error_message (QuorumSyncEngine *self) { return self->error_message; }

void
quorum_sync_engine_set_state (QuorumSyncEngine *self,
                              QuorumSyncState   state,
                              const char       *error_message)
{
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (self->state == state)
    return;
  quorum_log_sync ("state: %s → %s%s%s", quorum_sync_state_to_string (self->state),
                   quorum_sync_state_to_string (state), error_message ? ": " : "",
                   error_message ? error_message : "");
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
quorum_sync_engine_set_progress (QuorumSyncEngine *self,
                                 const char       *phase,
                                 guint             done,
                                 guint             total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->phase, phase) != 0)
    {
      g_free (self->phase);
      self->phase = g_strdup (phase);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }
  if (self->done != done)
    {
      self->done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
quorum_sync_engine_set_retry_at (QuorumSyncEngine *self,
                                 gint64            retry_at)
{
  if (self->retry_at == retry_at)
    return;
  self->retry_at = retry_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
}

static void
set_count (QuorumSyncEngine *self,
           guint            *field,
           guint             value,
           guint             prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
quorum_sync_engine_refresh_counts (QuorumSyncEngine *self)
{
  g_autoptr(GPtrArray) conflicts = quorum_store_list_conflicts (self->store, NULL);
  guint rejected = quorum_store_count_outbox (self->store, QUORUM_CHANGE_REJECTED);
  guint all = quorum_store_count_outbox (self->store, 0);
  guint in_conflict = quorum_store_count_outbox (self->store, QUORUM_CHANGE_CONFLICT);

  set_count (self, &self->pending, all - rejected - in_conflict, PROP_PENDING);
  set_count (self, &self->conflicts, conflicts ? conflicts->len : 0, PROP_CONFLICTS);
  set_count (self, &self->rejected, rejected, PROP_REJECTED);

  /* While no round runs, the state follows what waits in the replica;
   * offline, rate-limited and sign-in states stay until a round ends them. */
  if (self->round == NULL &&
      (self->state == QUORUM_SYNC_STATE_SYNCED || self->state == QUORUM_SYNC_STATE_NEEDS_ATTENTION ||
       self->state == QUORUM_SYNC_STATE_SYNCING))
    quorum_sync_engine_set_state (self, self->conflicts + self->rejected > 0
                                        ? QUORUM_SYNC_STATE_NEEDS_ATTENTION
                                        : QUORUM_SYNC_STATE_SYNCED, NULL);
}

/* Rounds */

static void
round_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  QuorumSyncEngine *self = QUORUM_SYNC_ENGINE (source);
  g_autoptr(GPtrArray) joiners = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->round);
  joiners = g_steal_pointer (&self->joiners);
  self->joiners = g_ptr_array_new_with_free_func (g_object_unref);

  if (ok)
    {
      self->failures = 0;
      quorum_sync_engine_set_state (self, self->conflicts + self->rejected > 0
                                          ? QUORUM_SYNC_STATE_NEEDS_ATTENTION
                                          : QUORUM_SYNC_STATE_SYNCED, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->failures++;
  g_signal_emit (self, signals[REPLICA_CHANGED], 0);

  for (guint i = 0; i < joiners->len; i++)
    {
      GTask *t = g_ptr_array_index (joiners, i);
      if (ok)
        g_task_return_boolean (t, TRUE);
      else
        g_task_return_error (t, g_error_copy (error));
    }
  reschedule (self);
}

void
quorum_sync_engine_sync_async (QuorumSyncEngine    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *joiner = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (joiner, quorum_sync_engine_sync_async);
  g_ptr_array_add (self->joiners, joiner);
  if (self->round != NULL)
    return;   /* never two rounds at once: this caller joins the running one */

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (cancellable)
    g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                           g_object_ref (self->cancellable), g_object_unref);
  self->round = g_task_new (self, self->cancellable, round_done, NULL);
  g_task_set_source_tag (self->round, quorum_sync_round_run);
  quorum_sync_engine_set_state (self, QUORUM_SYNC_STATE_SYNCING, NULL);
  quorum_sync_round_run (self, g_object_ref (self->round));
}

gboolean
quorum_sync_engine_sync_finish (QuorumSyncEngine  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Automatic rounds */

static void
auto_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!quorum_sync_engine_sync_finish (QUORUM_SYNC_ENGINE (source), result, &error))
    g_debug ("automatic sync: %s", error->message);
}

static gboolean
on_timer (gpointer user_data)
{
  QuorumSyncEngine *self = user_data;

  self->timer_id = 0;
  self->soon_armed = FALSE;
  self->next_delay_ms = -1;
  quorum_sync_engine_sync_async (self, NULL, auto_done, NULL);
  return G_SOURCE_REMOVE;
}

/* The one timer: @delay_ms of the engine's own time, but never before a
 * rate limit ends (+0.5 s), whatever brought the round forward. */
static void
arm_timer (QuorumSyncEngine *self,
           gint64            delay_ms,
           gboolean          soon)
{
  gint64 wait_ms = 0;
  gint64 timer_ms = (gint64) (delay_ms * self->time_scale);

  if (self->retry_at > g_get_real_time ())
    wait_ms = (self->retry_at - g_get_real_time ()) / 1000 + 500;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->soon_armed = soon;
  self->next_delay_ms = MAX (delay_ms, wait_ms);
  self->timer_id = g_timeout_add ((guint) CLAMP (MAX (timer_ms, wait_ms), 0, G_MAXUINT), on_timer, self);
}

/* Next automatic round: the interval after success; after failures an
 * exponential backoff with jitter capped at 15 minutes; an edit made
 * while the round ran gets its debounced round. */
static void
reschedule (QuorumSyncEngine *self)
{
  gint64 delay_ms;

  if (!self->started)
    return;
  if (self->again)
    {
      /* The round may have taken its batch before that edit. */
      self->again = FALSE;
      arm_timer (self, SOON_MS, TRUE);
      return;
    }
  if (self->failures == 0)
    delay_ms = (gint64) self->interval_min * 60 * 1000;
  else
    {
      gint64 base = MIN ((gint64) BACKOFF_BASE_S << MIN (self->failures - 1, 10), BACKOFF_MAX_S);
      delay_ms = (gint64) (base * 1000 * g_random_double_range (0.5, 1.0));
    }
  arm_timer (self, delay_ms, FALSE);
}

static void
on_network_changed (GNetworkMonitor  *monitor,
                    gboolean          available,
                    QuorumSyncEngine *self)
{
  if (available && self->state == QUORUM_SYNC_STATE_OFFLINE)
    {
      quorum_log_sync ("network: back; syncing now");
      self->failures = 0;
      quorum_sync_engine_schedule_soon (self);
    }
}

GNetworkMonitor *
quorum_sync_engine_get_network_monitor (QuorumSyncEngine *self)
{
  return self->monitor ? self->monitor : g_network_monitor_get_default ();
}

void
quorum_sync_engine_set_network_monitor (QuorumSyncEngine *self,
                                        GNetworkMonitor  *monitor)
{
  g_return_if_fail (!self->started);
  g_set_object (&self->monitor, monitor);
}

void
quorum_sync_engine_set_time_scale (QuorumSyncEngine *self,
                                   double            scale)
{
  g_return_if_fail (scale > 0);
  self->time_scale = scale;
}

gint64
quorum_sync_engine_get_next_round_delay_ms (QuorumSyncEngine *self)
{
  return self->timer_id != 0 ? self->next_delay_ms : -1;
}

void
quorum_sync_engine_start (QuorumSyncEngine *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->monitor_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (on_network_changed), self);
  quorum_sync_engine_schedule_soon (self);
}

void
quorum_sync_engine_stop (QuorumSyncEngine *self)
{
  self->started = FALSE;
  self->again = FALSE;
  self->soon_armed = FALSE;
  self->next_delay_ms = -1;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->monitor && self->monitor_id)
    g_clear_signal_handler (&self->monitor_id, self->monitor);
}

void
quorum_sync_engine_schedule_soon (QuorumSyncEngine *self)
{
  quorum_sync_engine_refresh_counts (self);
  if (!self->started)
    return;
  if (self->round != NULL)
    {
      self->again = TRUE;   /* round_done arms the debounced round */
      return;
    }
  /* one timer: an edit brings the next round forward */
  arm_timer (self, SOON_MS, TRUE);
}

void
quorum_sync_engine_set_interval (QuorumSyncEngine *self,
                                 guint             minutes)
{
  self->interval_min = CLAMP (minutes, 1, 24 * 60);
  /* a new interval must not push back an edit's debounced round */
  if (self->round == NULL && !self->soon_armed)
    reschedule (self);
}
