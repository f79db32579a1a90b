/* test-server-faults.c — every fault does what it claims, control requests
 * are exempt, random faults are reproducible from the seed. */
#include <string.h>

#include "test-server-util.h"

static TsResponse *
health (TsFixture *f)
{
  return ts_http (f->session, f->url, "GET", "/api/v1/health/", NULL, NULL);
}

static void
test_latency (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) r = NULL;
  gint64 start;

  g_assert_true (quorum_test_server_set_fault (f->server, "latency_ms", "150"));
  start = g_get_monotonic_time ();
  r = health (f);
  /* A lower bound only: the response was held back at least that long. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_response_object (r), "status"), ==, "ok");
}

static void
test_5xx_and_html (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) e500 = NULL, e502 = NULL;

  g_assert_true (quorum_test_server_set_fault (f->server, "error_5xx_rate", "1"));
  e500 = ts_http (f->session, f->url, "GET", "/api/v1/me/", f->token, NULL);
  g_assert_cmpuint (e500->status, ==, 500);
  g_assert_cmpstr (ts_response_code (e500), ==, "server_error");

  g_assert_true (quorum_test_server_set_fault (f->server, "error_5xx_rate", "0"));
  g_assert_true (quorum_test_server_set_fault (f->server, "html_502_rate", "1"));
  e502 = ts_http (f->session, f->url, "GET", "/api/v1/me/", f->token, NULL);
  g_assert_cmpuint (e502->status, ==, 502);
  g_assert_null (e502->json);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (e502->headers, NULL), "text/html"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (e502->body, NULL), g_bytes_get_size (e502->body), "502 Bad Gateway"));
  g_assert_false (quorum_test_server_set_fault (f->server, "html_502_rate", "2"));
  g_assert_false (quorum_test_server_set_fault (f->server, "no_such_fault", "1"));
}

static void
test_rate_limit (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) a = NULL, b = NULL, c = NULL, d = NULL, drf = NULL;

  g_assert_true (quorum_test_server_set_fault (f->server, "rate_limit_every", "3"));
  g_assert_true (quorum_test_server_set_fault (f->server, "retry_after", "7"));
  a = health (f);
  b = health (f);
  c = health (f);
  d = health (f);
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 200);
  g_assert_cmpuint (c->status, ==, 429);
  g_assert_cmpuint (d->status, ==, 200);
  g_assert_cmpstr (ts_response_code (c), ==, "rate_limit_exceeded");
  g_assert_cmpint (json_object_get_int_member (ts_response_object (c), "retry_after"), ==, 7);
  g_assert_cmpstr (soup_message_headers_get_one (c->headers, "Retry-After"), ==, "7");
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "rate_limited"), ==, 1);

  g_assert_true (quorum_test_server_set_fault (f->server, "drf_errors", "1"));
  g_assert_true (quorum_test_server_set_fault (f->server, "rate_limit_every", "1"));
  drf = health (f);
  g_assert_cmpuint (drf->status, ==, 429);
  g_assert_nonnull (strstr (json_object_get_string_member (ts_response_object (drf), "detail"), "throttled"));
  g_assert_cmpstr (soup_message_headers_get_one (drf->headers, "Retry-After"), ==, "7");
}

static void
test_drop_after_apply (TsFixture *f, gconstpointer data)
{
  const char *push = "{\"client_id\": \"c\", \"changes\": [{\"change_id\": \"x1\", \"entity_type\": \"meeting\","
                     " \"action\": \"create\", \"id\": \"local_x\", \"data\": {\"title\": \"T\","
                     " \"start_time\": \"2030-01-01T10:00:00Z\", \"end_time\": \"2030-01-01T11:00:00Z\"}}]}";
  g_autoptr(TsResponse) lost = NULL, again = NULL;
  JsonObject *result;

  g_assert_true (quorum_test_server_set_fault (f->server, "drop_after_apply_rate", "1"));
  lost = ts_http (f->session, f->url, "POST", "/api/v1/sync/push/", f->token, push);
  g_assert_nonnull (lost->error);
  g_assert_cmpuint (lost->status, ==, 0);
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 1);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "dropped"), ==, 1);

  g_assert_true (quorum_test_server_set_fault (f->server, "drop_after_apply_rate", "0"));
  again = ts_http (f->session, f->url, "POST", "/api/v1/sync/push/", f->token, push);
  g_assert_cmpuint (again->status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (ts_response_object (again), "results"), 0);
  g_assert_true (json_object_get_boolean_member (result, "duplicate"));
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 1);
}

static void
test_malformed (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) r = NULL;

  g_assert_true (quorum_test_server_set_fault (f->server, "malformed_json_rate", "1"));
  r = ts_http (f->session, f->url, "GET", "/api/v1/me/", f->token, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (r->body), >, 0);
  g_assert_null (r->json);
}

static void
test_down_and_control (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) down = NULL, counters = NULL, fault = NULL, up = NULL;
  guint64 requests;
  gint64 last;

  g_assert_true (quorum_test_server_set_fault (f->server, "down", "1"));
  down = health (f);
  g_assert_cmpuint (down->status, ==, 503);
  requests = quorum_test_server_get_counter (f->server, "requests");
  last = quorum_test_server_get_last_request_time (f->server);
  g_assert_cmpint (last, >, 0);

  /* Control requests: never faulted, never counted. */
  counters = ts_http (f->session, f->url, "GET", "/_test/counters/", NULL, NULL);
  g_assert_cmpuint (counters->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (ts_response_object (counters), "requests"), ==, requests);
  fault = ts_http (f->session, f->url, "POST", "/_test/fault/", NULL, "{\"name\": \"down\", \"value\": \"0\"}");
  g_assert_cmpuint (fault->status, ==, 200);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "requests"), ==, requests);
  g_assert_cmpint (quorum_test_server_get_last_request_time (f->server), ==, last);

  up = health (f);
  g_assert_cmpuint (up->status, ==, 200);
}

static GString *
status_sequence (guint32 seed)
{
  TsFixture g = { 0 };
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  GString *seq = g_string_new (NULL);

  ts_fixture_setup (&g, NULL);
  g_assert_true (quorum_test_server_set_fault (g.server, "deterministic_seed", seed_text));
  g_assert_true (quorum_test_server_set_fault (g.server, "error_5xx_rate", "0.5"));
  for (int i = 0; i < 24; i++)
    {
      g_autoptr(TsResponse) r = health (&g);

      g_string_append_c (seq, r->status == 200 ? '.' : 'E');
    }
  ts_fixture_teardown (&g, NULL);
  return seq;
}

static void
test_seed (void)
{
  g_autoptr(GString) a = status_sequence (11);
  g_autoptr(GString) b = status_sequence (11);

  g_test_message ("seed 11: %s", a->str);
  g_assert_cmpstr (a->str, ==, b->str);
  g_assert_nonnull (strchr (a->str, 'E'));
  g_assert_nonnull (strchr (a->str, '.'));
}

static void
test_gzip (TsFixture *f, gconstpointer data)
{
  g_autoptr(SoupSession) raw = soup_session_new ();
  g_autoptr(TsResponse) big = NULL, small = NULL, plain = NULL;
  const guint8 *bytes;

  quorum_test_server_generate_meetings (f->server, 50, 3);
  soup_session_remove_feature_by_type (raw, SOUP_TYPE_CONTENT_DECODER);
  big = ts_http_full (raw, f->url, "GET", "/api/v1/sync/changes/", f->token, NULL, "Accept-Encoding", "gzip");
  g_assert_cmpuint (big->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (big->headers, "Content-Encoding"), ==, "gzip");
  bytes = g_bytes_get_data (big->body, NULL);
  g_assert_cmpuint (bytes[0], ==, 0x1f);
  g_assert_cmpuint (bytes[1], ==, 0x8b);

  small = ts_http_full (raw, f->url, "GET", "/api/v1/health/", NULL, NULL, "Accept-Encoding", "gzip");
  g_assert_null (soup_message_headers_get_one (small->headers, "Content-Encoding"));
  g_assert_nonnull (small->json);

  plain = ts_http (raw, f->url, "GET", "/api/v1/sync/changes/", f->token, NULL);
  g_assert_null (soup_message_headers_get_one (plain->headers, "Content-Encoding"));
  g_assert_nonnull (plain->json);
}

static void
test_connection_close (TsFixture *f, gconstpointer data)
{
  g_assert_true (quorum_test_server_set_fault (f->server, "connection_close", "1"));
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TsResponse) r = health (f);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_true (soup_message_headers_header_contains (r->headers, "Connection", "close"));
    }
}

static void
test_disconnect (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) r = NULL;

  quorum_test_server_disconnect (f->server);
  r = health (f);
  g_assert_nonnull (r->error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, TsFixture, NULL, ts_fixture_setup, fn, ts_fixture_teardown)
  ADD ("/server/faults/latency", test_latency);
  ADD ("/server/faults/5xx-and-html-502", test_5xx_and_html);
  ADD ("/server/faults/rate-limit", test_rate_limit);
  ADD ("/server/faults/drop-after-apply", test_drop_after_apply);
  ADD ("/server/faults/malformed-json", test_malformed);
  ADD ("/server/faults/down-and-control-exempt", test_down_and_control);
  g_test_add_func ("/server/faults/deterministic-seed", test_seed);
  ADD ("/server/faults/gzip", test_gzip);
  ADD ("/server/faults/connection-close", test_connection_close);
  ADD ("/server/faults/disconnect", test_disconnect);
  return g_test_run ();
}
