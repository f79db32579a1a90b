/* test-auth.c — login, early refresh, single-flight refresh, rotation,
 * theft detection and rate limits against the real test server
 * (tests/server), over loopback HTTP. */
#include "api-test-util.h"
#include "quorum-test-server.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  QuorumTestServer *server;
  char             *base_url;
  char             *dir;
  char             *token_path;
  QuorumApi        *api;
  QuorumAuth       *auth;
} Fixture;

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static QuorumAuth *
new_auth (Fixture     *f,
          QuorumApi  **out_api)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumTokenStore) store = quorum_token_store_new_file (f->token_path);
  QuorumApi *api = quorum_api_new (f->base_url, &error);

  g_assert_no_error (error);
  quorum_api_set_timeout (api, 20);
  *out_api = api;
  return quorum_auth_new (api, store, "ayse");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = quorum_test_server_new ();
  quorum_test_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  quorum_test_server_add_user (f->server, "ayse", "ayse123", "Ayşe Yılmaz", "ayse@example.org");
  f->base_url = quorum_test_server_get_base_url (f->server);
  f->dir = g_dir_make_tmp ("quorum-auth-XXXXXX", &error);
  g_assert_no_error (error);
  f->token_path = g_build_filename (f->dir, "tokens.json", NULL);
  f->auth = new_auth (f, &f->api);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->auth);
  g_clear_object (&f->api);
  g_clear_object (&f->server);
  g_unlink (f->token_path);
  g_rmdir (f->dir);
  g_free (f->token_path);
  g_free (f->dir);
  g_free (f->base_url);
}

static gboolean
login (Fixture    *f,
       const char *password,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  quorum_auth_login_async (f->auth, password, NULL, store_result, &result);
  return quorum_auth_login_finish (f->auth, wait_result (&result), error);
}

static JsonObject *
me (QuorumApi *api,
    GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  quorum_api_me_async (api, NULL, store_result, &result);
  return quorum_api_me_finish (api, wait_result (&result), error);
}

static QuorumApiHealth *
health (QuorumApi *api,
        GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  quorum_api_health_async (api, NULL, store_result, &result);
  return quorum_api_health_finish (api, wait_result (&result), error);
}

static JsonObject *
read_token_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  node = json_from_string (contents, NULL);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static guint64
counter (Fixture    *f,
         const char *name)
{
  return quorum_test_server_get_counter (f->server, name);
}

/* Every log line of the process, debug included (invariant 8). */
static GString *log_text;
static GMutex log_lock;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (log_text, "%s\n", (const char *) fields[i].value);
  g_mutex_unlock (&log_lock);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
assert_not_logged (const char *secret)
{
  g_mutex_lock (&log_lock);
  g_assert_true (log_text->len > 0);
  g_assert_null (strstr (log_text->str, secret));
  g_mutex_unlock (&log_lock);
}

/* ---- Tests -------------------------------------------------------------- */

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonObject) file = NULL;
  GStatBuf st;

  g_assert_false (quorum_auth_get_logged_in (f->auth));
  g_assert_false (login (f, "wrong", &error));
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INVALID_CREDENTIALS);
  g_assert_false (quorum_auth_get_logged_in (f->auth));
  g_assert_false (g_file_test (f->token_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (login (f, "ayse123", &error));
  g_assert_no_error (error);
  g_assert_true (quorum_auth_get_logged_in (f->auth));

  /* Stored owner-only, with both tokens and the account. */
  g_assert_cmpint (g_stat (f->token_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  file = read_token_file (f->token_path);
  g_assert_cmpstr (json_object_get_string_member (file, "server"), ==, f->base_url);
  g_assert_cmpstr (json_object_get_string_member (file, "username"), ==, "ayse");
  g_assert_true (strlen (json_object_get_string_member (file, "refresh")) > 10);

  user = me (f->api, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "ayse");
}

static void
test_load_stored (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApi) api2 = NULL;
  g_autoptr(QuorumAuth) auth2 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) user = NULL;

  g_assert_true (login (f, "ayse123", &error));
  auth2 = new_auth (f, &api2);
  quorum_auth_load_async (auth2, NULL, store_result, &result);
  g_assert_true (quorum_auth_load_finish (auth2, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (quorum_auth_get_logged_in (auth2));

  quorum_test_server_reset_counters (f->server);
  user = me (api2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counter (f, "token"), ==, 0);
  g_assert_cmpuint (counter (f, "refresh"), ==, 0);
}

static void
test_early_refresh (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;

  /* Tokens that live 30 s are inside the one-minute margin at once. */
  g_assert_true (quorum_test_server_set_fault (f->server, "access_lifetime", "30"));
  g_assert_true (login (f, "ayse123", &error));
  quorum_test_server_reset_counters (f->server);

  user = me (f->api, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counter (f, "refresh"), ==, 1);
  /* Refreshed before the request, so the server never refused one. */
  g_assert_cmpuint (counter (f, "token_rejected"), ==, 0);
}

typedef struct {
  Fixture    *f;
  guint       checked;
  guint       mismatched;
  GHashTable *stored;    /* every access token the file was seen holding */
} QueueWatch;

/* Invariant 5, seen from outside: whenever a request leaves with a bearer
 * token, the token file already holds that access token's pair. */
static void
on_request_queued (GObject     *session,
                   SoupMessage *message,
                   gpointer     user_data)
{
  QueueWatch *watch = user_data;
  const char *header = soup_message_headers_get_one (soup_message_get_request_headers (message),
                                                     "Authorization");
  g_autoptr(JsonObject) file = NULL;

  if (header == NULL)
    return;
  file = read_token_file (watch->f->token_path);
  watch->checked++;
  /* Old tokens may still go out after the file moved on (they get a 401);
   * a token the file has never held may not. */
  if (file != NULL)
    g_hash_table_add (watch->stored, g_strdup (json_object_get_string_member (file, "access")));
  if (!g_hash_table_contains (watch->stored, header + strlen ("Bearer ")))
    watch->mismatched++;
}

typedef struct {
  QuorumApi    *api;
  guint         started;
  GAsyncResult *results[30];
} Stream;

static gboolean
start_one_more (gpointer user_data)
{
  Stream *stream = user_data;

  quorum_api_me_async (stream->api, NULL, store_result, &stream->results[stream->started++]);
  return stream->started < G_N_ELEMENTS (stream->results) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_single_flight (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  GAsyncResult *results[10] = { NULL };
  QueueWatch watch = { f, 0, 0, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  Stream stream = { 0 };
  gulong handler;

  g_assert_true (login (f, "ayse123", &error));
  before = read_token_file (f->token_path);
  handler = g_signal_connect (quorum_api_get_session (f->api), "request-queued",
                              G_CALLBACK (on_request_queued), &watch);

  /* Every access token issued so far is now refused. */
  g_assert_true (quorum_test_server_set_fault (f->server, "expire_access_tokens", "1"));
  quorum_test_server_reset_counters (f->server);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    quorum_api_me_async (f->api, NULL, store_result, &results[i]);
  /* More requests keep starting, one per main-loop turn, while the
   * refresh answer arrives and its tokens are being saved: none of them
   * may pick up the new access token before the file holds it. */
  stream.api = f->api;
  g_idle_add (start_one_more, &stream);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(JsonObject) user = NULL;

      user = quorum_api_me_finish (f->api, wait_result (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_nonnull (user);
      g_clear_object (&results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stream.results); i++)
    {
      g_autoptr(JsonObject) user = NULL;

      user = quorum_api_me_finish (f->api, wait_result (&stream.results[i]), &error);
      g_assert_no_error (error);
      g_clear_object (&stream.results[i]);
    }

  g_assert_cmpuint (counter (f, "token_rejected"), >=, 10);
  g_assert_cmpuint (counter (f, "refresh"), ==, 1);
  g_assert_cmpuint (counter (f, "me"), ==, 20 + G_N_ELEMENTS (stream.results) + counter (f, "token_rejected") - 10);

  /* The rotated pair is what the file holds, and it was there first. */
  after = read_token_file (f->token_path);
  g_assert_cmpstr (json_object_get_string_member (before, "refresh"), !=,
                   json_object_get_string_member (after, "refresh"));
  g_assert_cmpuint (watch.checked, ==, counter (f, "me"));
  assert_not_logged (json_object_get_string_member (before, "access"));
  assert_not_logged (json_object_get_string_member (before, "refresh"));
  assert_not_logged (json_object_get_string_member (after, "access"));
  assert_not_logged (json_object_get_string_member (after, "refresh"));
  assert_not_logged ("ayse123");
  g_assert_cmpuint (watch.mismatched, ==, 0);
  g_signal_handler_disconnect (quorum_api_get_session (f->api), handler);
  g_hash_table_unref (watch.stored);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_refresh_reuse (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stale = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(QuorumApi) api2 = NULL;
  g_autoptr(QuorumAuth) auth2 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *stale_text = NULL;
  guint notified = 0;

  g_assert_true (login (f, "ayse123", &error));
  g_file_get_contents (f->token_path, &stale_text, NULL, NULL);
  g_assert_nonnull (stale_text);

  /* A refresh rotates the pair: the first refresh token is now dead. */
  g_assert_true (quorum_test_server_set_fault (f->server, "expire_access_tokens", "1"));
  user = me (f->api, &error);
  g_assert_no_error (error);
  g_clear_pointer (&user, json_object_unref);

  /* Someone presents the stale pair (a restored backup, a thief). */
  g_assert_true (g_file_set_contents (f->token_path, stale_text, -1, NULL));
  auth2 = new_auth (f, &api2);
  g_signal_connect (auth2, "notify::login-required", G_CALLBACK (on_notify), &notified);
  quorum_auth_load_async (auth2, NULL, store_result, &result);
  g_assert_true (quorum_auth_load_finish (auth2, wait_result (&result), &error));
  quorum_test_server_reset_counters (f->server);

  user = me (api2, &error);
  g_assert_null (user);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpuint (counter (f, "refresh"), ==, 1);
  g_assert_true (quorum_auth_get_login_required (auth2));
  g_assert_false (quorum_auth_get_logged_in (auth2));
  g_assert_cmpuint (notified, ==, 1);
  /* The tokens are forgotten; the account is still known. */
  g_assert_false (g_file_test (f->token_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (quorum_auth_get_username (auth2), ==, "ayse");
  g_assert_cmpstr (quorum_auth_get_server (auth2), ==, f->base_url);

  /* Without tokens nothing more is sent. */
  quorum_test_server_reset_counters (f->server);
  user = me (api2, &error);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED);
  g_assert_cmpuint (counter (f, "requests"), ==, 0);
}

static gboolean
quit_loop (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApiHealth) h = NULL;
  g_autoptr(QuorumApi) restarted = NULL;
  const QuorumApiErrorInfo *info;
  gint64 not_before, last;
  guint notified = 0;
  gboolean waited = FALSE;
  guint64 requests;

  g_signal_connect (f->api, "notify::not-before", G_CALLBACK (on_notify), &notified);
  g_assert_true (quorum_test_server_set_fault (f->server, "retry_after", "2"));
  g_assert_true (quorum_test_server_set_fault (f->server, "rate_limit_every", "1"));

  h = health (f->api, &error);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_RATE_LIMITED);
  info = quorum_api_error_get_info (error);
  g_assert_cmpuint (info->status, ==, 429);
  g_assert_cmpint (info->retry_after, ==, 2);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 1);
  not_before = quorum_api_get_not_before (f->api);
  g_assert_cmpint (not_before, >, g_get_real_time ());

  /* The server would answer now; the client must not ask. */
  g_assert_true (quorum_test_server_set_fault (f->server, "rate_limit_every", "0"));
  requests = counter (f, "requests");
  last = quorum_test_server_get_last_request_time (f->server);
  h = health (f->api, &error);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* A restarted client given the persisted not-before waits as well. */
  restarted = quorum_api_new (f->base_url, &error);
  g_assert_no_error (error);
  quorum_api_set_not_before (restarted, not_before);
  h = health (restarted, &error);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (quorum_api_error_get_info (error)->retry_after, >=, 1);
  g_assert_cmpint (quorum_api_error_get_info (error)->retry_after, <=, 2);
  g_clear_error (&error);
  g_assert_cmpuint (counter (f, "requests"), ==, requests);
  g_assert_cmpint (quorum_test_server_get_last_request_time (f->server), ==, last);

  /* Once the time has come, requests flow again. */
  g_timeout_add ((not_before - g_get_real_time ()) / 1000 + 10, quit_loop, &waited);
  test_wait_for (&waited);
  h = health (restarted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (h->status, ==, "ok");
  g_assert_cmpint (quorum_test_server_get_last_request_time (f->server), >=, not_before);
}

static void
test_logout (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(QuorumApiTokens) tokens = NULL;
  g_autoptr(GAsyncResult) refreshed = NULL;

  g_assert_true (login (f, "ayse123", &error));
  file = read_token_file (f->token_path);
  quorum_test_server_reset_counters (f->server);

  quorum_auth_logout_async (f->auth, NULL, store_result, &result);
  g_assert_true (quorum_auth_logout_finish (f->auth, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counter (f, "blacklist"), ==, 1);
  g_assert_false (quorum_auth_get_logged_in (f->auth));
  g_assert_false (g_file_test (f->token_path, G_FILE_TEST_EXISTS));

  /* The server no longer honours the refresh token. */
  quorum_api_refresh_async (f->api, json_object_get_string_member (file, "refresh"),
                            NULL, store_result, &refreshed);
  tokens = quorum_api_refresh_finish (f->api, wait_result (&refreshed), &error);
  g_assert_null (tokens);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TOKEN_INVALID);
}

static void
test_drf_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = NULL;

  g_assert_true (quorum_test_server_set_fault (f->server, "drf_errors", "1"));
  g_assert_false (login (f, "wrong", &error));
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  g_assert_true (login (f, "ayse123", &error));
  g_assert_true (quorum_test_server_set_fault (f->server, "expire_access_tokens", "1"));
  quorum_test_server_reset_counters (f->server);
  /* DRF's token_not_valid triggers the same refresh and retry. */
  user = me (f->api, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counter (f, "refresh"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/auth/login", test_login);
  ADD ("/auth/load-stored", test_load_stored);
  ADD ("/auth/early-refresh", test_early_refresh);
  ADD ("/auth/single-flight", test_single_flight);
  ADD ("/auth/refresh-reuse-login-required", test_refresh_reuse);
  ADD ("/auth/rate-limit", test_rate_limit);
  ADD ("/auth/logout", test_logout);
  ADD ("/auth/drf-errors", test_drf_errors);
#undef ADD

  return g_test_run ();
}
