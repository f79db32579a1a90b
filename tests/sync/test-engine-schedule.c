/* test-engine-schedule.c — when QuorumSyncEngine runs its automatic rounds
 *
 * Issue 4 item 6: at start-up, shortly after a local edit (debounced),
 * every `interval` minutes, at once when the network comes back; failures
 * back off exponentially with jitter up to 15 minutes; a rate limit is
 * honoured; "server unreachable" and "network down" are told apart.
 *
 * The engine runs in-process against the in-process test server over
 * loopback, signed in through QuorumAccount with file token storage.  Two
 * seams keep it fast without mocking our own code: the engine's time scale
 * (its own waits shrink, a server's retry_at never does) and a network
 * monitor of the test's own (GNetworkMonitor is the platform's interface).
 * The delays asserted are the spec's (docs/sync.md), not the engine's
 * constants, and every wait is for an event, never a fixed sleep.
 *
 * The last cases run quorum-cli (args: the server program, unused here,
 * and the CLI) against an https server whose certificate nobody trusts.
 */
#include "quorum-sync-engine-private.h"
#include "quorum-test-server.h"
#include "quorum-token-store.h"
#include "sync-util.h"

#include <glib/gstdio.h>
#include <string.h>

#define SOON_MS        2000                 /* debounce after an edit */
#define INTERVAL_MS    (5 * 60 * 1000)      /* default interval */
#define BASE_MS        (30 * 1000)          /* first backoff step */
#define CAP_MS         (15 * 60 * 1000)

/* A network monitor whose availability the test sets. */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor {
  GObject  parent_instance;
  gboolean available;
};

enum { MON_PROP_0, MON_PROP_AVAILABLE, MON_PROP_METERED, MON_PROP_CONNECTIVITY };

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case MON_PROP_METERED: g_value_set_boolean (value, FALSE); break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  if (TEST_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "test: network down");
  return FALSE;
}

static gboolean
test_monitor_initable_initialize (GInitable     *initable,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_initialize;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

/* What a real monitor does when the network comes or goes. */
static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* QUORUM_LOG_DIR, set once in main () before any thread runs. */
static char *log_dir;

/* Fixture: a server, a signed-in replica, an engine */

typedef struct {
  char             *dir;
  QuorumTestServer *server;
  guint16           port;
  QuorumStore      *store;
  QuorumAccount    *account;
  QuorumSyncEngine *engine;
  TestMonitor      *monitor;
  guint             rounds;          /* rounds ended */
  QuorumSyncState   last_state;
  gint64            round_started;   /* real time the last round began */
} Fixture;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Every round sets "syncing" and ends by leaving it; round_done then
 * drops the round and arms the next timer in one dispatch, so once the
 * count has moved and no round is held, the next delay is readable. */
static void
on_state (QuorumSyncEngine *engine,
          GParamSpec       *pspec,
          Fixture          *f)
{
  QuorumSyncState state = quorum_sync_engine_get_state (engine);

  if (state == QUORUM_SYNC_STATE_SYNCING)
    f->round_started = g_get_real_time ();
  else if (f->last_state == QUORUM_SYNC_STATE_SYNCING)
    f->rounds++;
  f->last_state = state;
}

static void
wait_rounds (Fixture *f,
             guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (f->rounds < n || f->engine->round != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("waited 60 s for round %u; %u ended", n, f->rounds);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for @ms: only to see that nothing happens. */
static void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
login (QuorumAccount    *account,
       QuorumTestServer *server)
{
  g_autofree char *url = quorum_test_server_get_base_url (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  quorum_account_login_async (account, url, "sam", "sam-pass-1", TRUE, NULL, store_result, &result);
  wait_result (&result);
  g_assert_true (quorum_account_login_finish (account, result, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_log = g_build_filename (log_dir, "sync.log", NULL);

  f->dir = sync_tmpdir ("schedule");
  g_unlink (sync_log);   /* each test reads only its own lines */

  f->server = quorum_test_server_new ();
  quorum_test_server_add_user (f->server, "sam", "sam-pass-1", "Sam", "sam@example.com");
  g_assert_true (quorum_test_server_listen (f->server, 0, &error));
  g_assert_no_error (error);
  f->port = quorum_test_server_get_port (f->server);

  f->store = quorum_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->account = quorum_account_new (f->store);
  login (f->account, f->server);
  quorum_test_server_reset_counters (f->server);

  f->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  f->engine = quorum_sync_engine_new (f->account);
  f->last_state = quorum_sync_engine_get_state (f->engine);
  quorum_sync_engine_set_network_monitor (f->engine, G_NETWORK_MONITOR (f->monitor));
  g_signal_connect (f->engine, "notify::state", G_CALLBACK (on_state), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  quorum_sync_engine_stop (f->engine);
  g_clear_object (&f->engine);
  g_clear_object (&f->monitor);
  g_clear_object (&f->account);
  g_clear_object (&f->store);
  g_clear_object (&f->server);
  sync_rmdir (f->dir);
  g_free (f->dir);
}

static char *
read_sync_log (Fixture *f)
{
  g_autofree char *path = g_build_filename (log_dir, "sync.log", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
assert_log_has (Fixture    *f,
                const char *line)
{
  g_autofree char *log = read_sync_log (f);

  if (strstr (log, line) == NULL)
    g_error ("sync.log lacks “%s”:\n%s", line, log);
}

/* The delay of failure @n: 30 s · 2^(n−1), at most 15 min, times [0.5, 1). */
static void
assert_backoff (Fixture *f,
                guint    n)
{
  gint64 delay = quorum_sync_engine_get_next_round_delay_ms (f->engine);
  gint64 base = MIN ((gint64) BASE_MS << MIN (n - 1, 20), CAP_MS);

  g_test_message ("failure %u: next round in %" G_GINT64_FORMAT " ms (base %" G_GINT64_FORMAT ")",
                  n, delay, base);
  g_assert_cmpint (delay, >=, base / 2);
  g_assert_cmpint (delay, <=, base);
}

/* Tests */

static void
test_start_runs_soon (Fixture       *f,
                      gconstpointer  data)
{
  quorum_sync_engine_set_time_scale (f->engine, 0.1);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, -1);
  quorum_sync_engine_start (f->engine);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, SOON_MS);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "requests"), ==, 0);

  wait_rounds (f, 1);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_SYNCED);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 1);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "health"), ==, 0);

  /* after success: the interval, default 5 minutes, then as set */
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, INTERVAL_MS);
  quorum_sync_engine_set_interval (f->engine, 1);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, 60 * 1000);
  quorum_sync_engine_set_interval (f->engine, 90);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, 90 * 60 * 1000);
  quorum_sync_engine_set_interval (f->engine, 0);   /* clamped to 1–1440 */
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, 60 * 1000);

  assert_log_has (f, "state: synced → syncing");
  assert_log_has (f, "state: syncing → synced");
}

/* Edits 100 ms apart, each within the 2 s window of the one before. */
static void
test_debounce (Fixture       *f,
               gconstpointer  data)
{
  quorum_sync_engine_start (f->engine);
  for (guint i = 0; i < 5; i++)
    {
      spin_for (100);
      quorum_sync_engine_schedule_soon (f->engine);
      g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, SOON_MS);
    }
  g_assert_cmpuint (f->rounds, ==, 0);

  wait_rounds (f, 1);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_SYNCED);
  /* exactly one round: one pull, and nothing else is due before the interval */
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 1);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, INTERVAL_MS);

  /* a new interval must not push back an edit's round */
  quorum_sync_engine_schedule_soon (f->engine);
  quorum_sync_engine_set_interval (f->engine, 30);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, SOON_MS);
}

/* An edit while a round runs may miss that round's batch: another round
 * follows 2 s after it rather than the interval. */
static void
test_edit_during_round (Fixture       *f,
                        gconstpointer  data)
{
  quorum_test_server_set_fault (f->server, "latency_ms", "200");
  quorum_sync_engine_set_time_scale (f->engine, 0.05);
  quorum_sync_engine_start (f->engine);
  while (quorum_sync_engine_get_state (f->engine) != QUORUM_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  quorum_sync_engine_schedule_soon (f->engine);

  wait_rounds (f, 1);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, SOON_MS);
  wait_rounds (f, 2);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 2);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, INTERVAL_MS);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  quorum_test_server_set_fault (f->server, "down", "1");
  quorum_sync_engine_set_time_scale (f->engine, 0.001);
  quorum_sync_engine_start (f->engine);

  /* 30 s, 1, 2, 4, 8 min, then 15 min (not 16) and 15 again */
  for (guint n = 1; n <= 7; n++)
    {
      wait_rounds (f, n);
      g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_ERROR);
      assert_backoff (f, n);
      /* the first round met the 503 at pull; each later one asked
       * /health/ first and stopped there */
      g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 1);
      g_assert_cmpuint (quorum_test_server_get_counter (f->server, "health"), ==, n - 1);
    }

  quorum_test_server_set_fault (f->server, "down", "0");
  wait_rounds (f, 8);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_SYNCED);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 2);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, INTERVAL_MS);
  assert_log_has (f, "state: syncing → error");
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  guint64 health;
  gint64 retry_at;

  quorum_test_server_set_fault (f->server, "retry_after", "1");
  quorum_test_server_set_fault (f->server, "rate_limit_every", "1");
  quorum_sync_engine_set_time_scale (f->engine, 0.001);
  quorum_sync_engine_start (f->engine);
  wait_rounds (f, 1);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_RATE_LIMITED);
  retry_at = quorum_sync_engine_get_retry_at (f->engine);
  g_assert_cmpint (retry_at, >, g_get_real_time () - G_USEC_PER_SEC);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine) * 1000, >=,
                   retry_at - g_get_real_time ());
  health = quorum_test_server_get_counter (f->server, "health");

  /* The next round waits for retry_at, unscaled, and does not spend a
   * request on /health/ at a server that asked for quiet. */
  quorum_test_server_set_fault (f->server, "rate_limit_every", "0");
  wait_rounds (f, 2);
  g_assert_cmpint (f->round_started, >=, retry_at);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_SYNCED);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "health"), ==, health);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 2);

  /* A wait longer than any first backoff step (30 s) decides the delay. */
  quorum_test_server_set_fault (f->server, "retry_after", "90");
  quorum_test_server_set_fault (f->server, "rate_limit_every", "1");
  quorum_sync_engine_schedule_soon (f->engine);
  wait_rounds (f, 3);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_RATE_LIMITED);
  retry_at = quorum_sync_engine_get_retry_at (f->engine);
  g_assert_cmpint (retry_at - g_get_real_time (), >, 80 * G_USEC_PER_SEC);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine) * 1000, >=,
                   retry_at - g_get_real_time ());
  /* an edit does not bring it before retry_at either */
  quorum_sync_engine_schedule_soon (f->engine);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine) * 1000, >=,
                   retry_at - g_get_real_time ());
  assert_log_has (f, "state: syncing → rate_limited");
}

/* A dead port: "network down" while the monitor says so, "server could not
 * be reached" while it says the network is there; the network coming back
 * brings the round forward and starts the backoff afresh. */
static void
test_network_back (Fixture       *f,
                   gconstpointer  data)
{
  quorum_test_server_disconnect (f->server);
  f->monitor->available = FALSE;
  quorum_sync_engine_set_time_scale (f->engine, 0.001);
  quorum_sync_engine_start (f->engine);

  for (guint n = 1; n <= 3; n++)
    {
      wait_rounds (f, n);
      g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_OFFLINE);
      g_assert_cmpstr (quorum_sync_engine_get_error_message (f->engine), ==, "No network connection");
      assert_backoff (f, n);
    }

  /* back, but only while offline does it matter */
  test_monitor_set_available (f->monitor, TRUE);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, SOON_MS);
  assert_log_has (f, "network: back; syncing now");

  wait_rounds (f, 4);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_OFFLINE);
  g_assert_cmpstr (quorum_sync_engine_get_error_message (f->engine), ==, "The server could not be reached");
  assert_backoff (f, 1);   /* reset: the first step again, not the fourth */
  assert_log_has (f, "state: syncing → offline: No network connection");
  assert_log_has (f, "state: syncing → offline: The server could not be reached");
}

/* After a round that found no server, the next one asks /health/ first. */
static void
test_health_probe (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  quorum_sync_engine_set_time_scale (f->engine, 0.001);
  quorum_sync_engine_start (f->engine);
  wait_rounds (f, 1);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_SYNCED);

  quorum_test_server_disconnect (f->server);
  wait_rounds (f, 2);   /* the interval, 300 ms scaled */
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_OFFLINE);

  quorum_sync_engine_stop (f->engine);
  g_assert_true (quorum_test_server_listen (f->server, f->port, &error));
  g_assert_no_error (error);
  quorum_test_server_reset_counters (f->server);
  quorum_sync_engine_start (f->engine);
  wait_rounds (f, 3);
  g_assert_cmpint (quorum_sync_engine_get_state (f->engine), ==, QUORUM_SYNC_STATE_SYNCED);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "health"), ==, 1);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 1);
  assert_log_has (f, "health: ok");

  /* and after a success it does not */
  quorum_sync_engine_schedule_soon (f->engine);
  wait_rounds (f, 4);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "health"), ==, 1);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 2);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  quorum_sync_engine_set_time_scale (f->engine, 0.01);
  quorum_sync_engine_start (f->engine);
  quorum_sync_engine_stop (f->engine);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, -1);
  quorum_sync_engine_schedule_soon (f->engine);   /* an edit after stop */
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, -1);
  spin_for (10 * SOON_MS / 100);   /* ten debounce windows at this scale */
  g_assert_cmpuint (f->rounds, ==, 0);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "requests"), ==, 0);

  /* stopped while a round runs: the round ends, nothing follows */
  quorum_test_server_set_fault (f->server, "latency_ms", "100");
  quorum_sync_engine_start (f->engine);
  while (quorum_sync_engine_get_state (f->engine) != QUORUM_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  quorum_sync_engine_stop (f->engine);
  wait_rounds (f, 1);
  g_assert_cmpint (quorum_sync_engine_get_next_round_delay_ms (f->engine), ==, -1);
  test_monitor_set_available (f->monitor, FALSE);
  test_monitor_set_available (f->monitor, TRUE);
  spin_for (10 * SOON_MS / 100);
  g_assert_cmpuint (f->rounds, ==, 1);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "pull"), ==, 1);
}

/* A certificate the client refuses: the server could not be reached
 * safely.  State "error" with the reason in the engine, and for quorum-cli
 * exit 4 with "offline" and a message naming the certificate. */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  guint16       port;
} TlsServer;

static void
on_tls_request (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  static const char empty_page[] = "{\"changes\": [], \"cursor\": \"tls-1\", \"has_more\": false}";

  soup_server_message_set_status (msg, 200, NULL);
  /* enough of the contract for an empty round once the client trusts us */
  if (g_str_equal (path, "/api/v1/sync/changes/"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      empty_page, strlen (empty_page));
  else
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

/* Its own thread and context, so that a blocking quorum-cli run in the
 * test's thread still gets its handshake. */
static gpointer
tls_server_thread (gpointer data)
{
  TlsServer *t = data;
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "api", "data", "test-server.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "api", "data", "test-server-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (t->context);
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&t->lock);
  t->port = g_uri_get_port (uris->data);
  g_cond_signal (&t->cond);
  g_mutex_unlock (&t->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (t->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (t->context);
  return NULL;
}

static TlsServer *
tls_server_start (void)
{
  TlsServer *t = g_new0 (TlsServer, 1);

  g_mutex_init (&t->lock);
  g_cond_init (&t->cond);
  t->context = g_main_context_new ();
  t->loop = g_main_loop_new (t->context, FALSE);
  t->thread = g_thread_new ("tls-server", tls_server_thread, t);
  g_mutex_lock (&t->lock);
  while (t->port == 0)
    g_cond_wait (&t->cond, &t->lock);
  g_mutex_unlock (&t->lock);
  return t;
}

static void
tls_server_stop (TlsServer *t)
{
  g_main_loop_quit (t->loop);
  g_thread_join (t->thread);
  g_main_loop_unref (t->loop);
  g_main_context_unref (t->context);
  g_mutex_clear (&t->lock);
  g_cond_clear (&t->cond);
  g_free (t);
}

/* Points the signed-in replica at @server (what a changed address or a
 * captive portal amounts to) and runs one round in a fresh engine. */
static void
move_session_to (Fixture    *f,
                 const char *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(QuorumTokenStore) tokens = NULL;
  g_autoptr(QuorumApiTokens) pair = NULL;
  g_autofree char *path = g_build_filename (f->dir, "tokens.json", NULL);
  g_autofree char *old_server = quorum_store_get_state (f->store, "server");
  g_autoptr(GError) error = NULL;

  /* the session goes along: tokens are kept per server */
  tokens = quorum_token_store_new_file (path);
  quorum_token_store_load_async (tokens, old_server, "sam", NULL, store_result, &result);
  wait_result (&result);
  pair = quorum_token_store_load_finish (tokens, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pair);
  g_clear_object (&result);
  quorum_token_store_save_async (tokens, server, "sam", pair, NULL, store_result, &result);
  wait_result (&result);
  g_assert_true (quorum_token_store_save_finish (tokens, result, &error));
  g_clear_object (&result);

  g_assert_true (quorum_store_set_state (f->store, "server", server, NULL));
}

static GError *
round_against (Fixture    *f,
               const char *server)
{
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(QuorumSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  move_session_to (f, server);
  account = quorum_account_new (f->store);
  engine = quorum_sync_engine_new (account);
  quorum_sync_engine_sync_async (engine, NULL, store_result, &result);
  wait_result (&result);
  g_assert_false (quorum_sync_engine_sync_finish (engine, result, &error));
  g_assert_cmpint (quorum_sync_engine_get_state (engine), ==, QUORUM_SYNC_STATE_ERROR);
  g_assert_cmpstr (quorum_sync_engine_get_error_message (engine), ==, error->message);
  return error;
}

static void
assert_cli_unreachable (Fixture    *f,
                        const char *words)
{
  g_autoptr(CliRun) r = cli_run (f->dir, NULL, "sync", NULL);
  JsonObject *o = cli_object (r);

  g_test_message ("quorum-cli sync: exit %d, %s", r->status, r->out);
  g_assert_cmpint (r->status, ==, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "offline");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "message"), words));
}

static void
test_untrusted_certificate (Fixture       *f,
                            gconstpointer  data)
{
  TlsServer *tls;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }
  tls = tls_server_start ();
  url = g_strdup_printf ("https://127.0.0.1:%u", tls->port);

  error = round_against (f, url);
  g_assert_error (error, QUORUM_SYNC_ERROR, QUORUM_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "certificate"));
  assert_cli_unreachable (f, "certificate is not trusted");
  tls_server_stop (tls);
}

/* An organisation's own CA: once the replica trusts it (the file is
 * checked first), the same https server that was refused is synced with;
 * forgetting it refuses the server again.  A file that is no CA is bad
 * input for `account login --ca-file` and changes nothing. */
static void
test_trusted_ca_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "api", "data", "test-ca.pem", NULL);
  g_autofree char *not_ca = g_build_filename (f->dir, "not-a-ca.pem", NULL);
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  TlsServer *tls;
  g_autofree char *url = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }
  tls = tls_server_start ();
  url = g_strdup_printf ("https://127.0.0.1:%u", tls->port);
  move_session_to (f, url);

  g_assert_true (g_file_set_contents (not_ca, "no certificate here\n", -1, NULL));
  {
    g_autoptr(CliRun) r = cli_run (f->dir, "pw\n", "account", "login", "--server", url, "--username", "sam",
                                   "--password-stdin", "--insecure-storage", "--ca-file", not_ca, NULL);

    g_assert_cmpint (r->status, ==, 2);
  }
  {
    g_autoptr(CliRun) r = cli_run (f->dir, NULL, "account", "status", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_false (json_object_has_member (cli_object (r), "ca_file"));
  }

  account = quorum_account_new (f->store);
  g_assert_true (quorum_account_set_ca_file (account, ca, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CliRun) r = cli_run (f->dir, NULL, "sync", NULL);

    g_test_message ("quorum-cli sync with the CA: exit %d, %s", r->status, r->out);
    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (cli_object (r), "state"), ==, "synced");
  }
  {
    g_autoptr(CliRun) r = cli_run (f->dir, NULL, "account", "status", NULL);

    g_assert_cmpstr (json_object_get_string_member (cli_object (r), "ca_file"), ==, ca);
  }

  g_assert_true (quorum_account_set_ca_file (account, NULL, &error));
  assert_cli_unreachable (f, "certificate is not trusted");
  tls_server_stop (tls);
}

static void
test_insecure_url (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = round_against (f, "http://quorum.example.com");

  g_assert_error (error, QUORUM_SYNC_ERROR, QUORUM_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "cannot be used safely"));
  assert_cli_unreachable (f, "cannot be used safely");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sync_util_init (&argc, &argv);
  log_dir = sync_tmpdir ("schedule-logs");
  g_setenv ("QUORUM_LOG_DIR", log_dir, TRUE);

#define ADD(path, fn) g_test_add ("/sync/schedule/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("start-runs-soon", test_start_runs_soon);
  ADD ("debounce", test_debounce);
  ADD ("edit-during-round", test_edit_during_round);
  ADD ("backoff", test_backoff);
  ADD ("rate-limit", test_rate_limit);
  ADD ("network-back", test_network_back);
  ADD ("health-probe", test_health_probe);
  ADD ("stop", test_stop);
  ADD ("untrusted-certificate", test_untrusted_certificate);
  ADD ("insecure-url", test_insecure_url);
  ADD ("trusted-ca-file", test_trusted_ca_file);
#undef ADD
  status = g_test_run ();
  sync_rmdir (log_dir);
  g_free (log_dir);
  return status;
}
