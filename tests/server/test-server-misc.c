/* test-server-misc.c — check, freebusy, integrations, health, metrics,
 * routing errors, control endpoints, demo data and the standalone program. */
#include <signal.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-server-util.h"

static const char *server_exe;

static void
test_check (TsFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TsResponse) ok = NULL, clash = NULL, bad = NULL, self_edit = NULL, not_mine = NULL;
  gint64 id;

  json_object_set_string_member (fields, "title", "Var");
  json_object_set_string_member (fields, "start_time", "2030-03-01T09:00:00Z");
  json_object_set_string_member (fields, "end_time", "2030-03-01T10:00:00Z");
  json_object_set_int_member (fields, "room_id", 2);
  id = quorum_test_server_insert_meeting (f->server, 1, fields);
  g_assert_cmpint (id, >, 0);

  ok = ts_http (f->session, f->url, "POST", "/api/v1/meetings/check/", f->token,
                "{\"title\": \"Yeni\", \"start_time\": \"2030-03-01T10:00:00Z\", \"end_time\": \"2030-03-01T11:00:00Z\", \"room_id\": 2}");
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (ts_response_object (ok), "ok"));
  clash = ts_http (f->session, f->url, "POST", "/api/v1/meetings/check/", f->token,
                   "{\"title\": \"Yeni\", \"start_time\": \"2030-03-01T09:30:00Z\", \"end_time\": \"2030-03-01T11:00:00Z\", \"room_id\": 2}");
  g_assert_cmpuint (clash->status, ==, 409);
  g_assert_cmpstr (ts_response_code (clash), ==, "meeting_conflict");
  bad = ts_http (f->session, f->url, "POST", "/api/v1/meetings/check/", f->token, "{\"title\": \"\"}");
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpstr (ts_response_code (bad), ==, "validation_error");
  {
    g_autofree char *body = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"start_time\": \"2030-03-01T09:30:00Z\","
                                             " \"end_time\": \"2030-03-01T10:30:00Z\"}", id);

    /* Moving a meeting over its own old slot is no clash. */
    self_edit = ts_http (f->session, f->url, "POST", "/api/v1/meetings/check/", f->token, body);
    g_assert_cmpuint (self_edit->status, ==, 200);
    not_mine = ts_http (f->session, f->url, "POST", "/api/v1/meetings/check/", f->bob_token, body);
    g_assert_cmpuint (not_mine->status, ==, 403);
  }
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 1);
}

static void
test_freebusy (TsFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  JsonArray *participants = json_array_new ();
  g_autoptr(TsResponse) r = NULL, too_long = NULL;
  gint64 start, end;
  JsonArray *busy;
  JsonObject *first, *second;

  json_object_set_string_member (fields, "title", "Plan");
  json_object_set_string_member (fields, "start_time", "2030-03-01T09:00:00Z");
  json_object_set_string_member (fields, "end_time", "2030-03-01T10:00:00Z");
  json_object_set_int_member (fields, "room_id", 1);
  json_array_add_int_element (participants, 2);
  json_object_set_array_member (fields, "participant_ids", participants);
  g_assert_cmpint (quorum_test_server_insert_meeting (f->server, 1, fields), >, 0);
  g_assert_true (quorum_test_server_parse_time ("2030-03-01T07:00:00Z", &start));
  g_assert_true (quorum_test_server_parse_time ("2030-03-01T08:00:00Z", &end));
  quorum_test_server_add_external_busy (f->server, 2, "outlook", start, end);

  r = ts_http (f->session, f->url, "GET",
               "/api/v1/freebusy/?user_ids=2,3&room_ids=1&start=2030-03-01T00:00:00Z&end=2030-03-02T00:00:00%2B03:00",
               f->token, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  busy = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (ts_response_object (r), "users"), 0), "busy");
  g_assert_cmpuint (json_array_get_length (busy), ==, 2);
  first = json_array_get_object_element (busy, 0);
  second = json_array_get_object_element (busy, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "outlook");
  g_assert_true (json_object_get_null_member (first, "meeting_id"));
  g_assert_true (json_object_get_null_member (first, "title"));
  g_assert_cmpstr (json_object_get_string_member (second, "source"), ==, "meeting");
  g_assert_cmpstr (json_object_get_string_member (second, "title"), ==, "Plan");
  busy = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (ts_response_object (r), "users"), 1), "busy");
  g_assert_cmpuint (json_array_get_length (busy), ==, 0);
  busy = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (ts_response_object (r), "rooms"), 0), "busy");
  g_assert_cmpuint (json_array_get_length (busy), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (ts_response_object (r), "end"), ==, "2030-03-01T21:00:00.000000Z");

  too_long = ts_http (f->session, f->url, "GET",
                      "/api/v1/freebusy/?user_ids=1&start=2030-01-01T00:00:00Z&end=2030-03-05T00:00:00Z", f->token, NULL);
  g_assert_cmpuint (too_long->status, ==, 400);
}

static void
test_integrations_health_metrics (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) list = ts_http (f->session, f->url, "GET", "/api/v1/integrations/", f->token, NULL);
  g_autoptr(TsResponse) reauth = ts_http (f->session, f->url, "POST", "/api/v1/integrations/google/reauthorize/", f->token, "{}");
  g_autoptr(TsResponse) sync = ts_http (f->session, f->url, "POST", "/api/v1/integrations/outlook/sync/", f->token, NULL);
  g_autoptr(TsResponse) unknown = ts_http (f->session, f->url, "POST", "/api/v1/integrations/yahoo/sync/", f->token, NULL);
  g_autoptr(TsResponse) health = ts_http (f->session, f->url, "GET", "/api/v1/health/", NULL, NULL);
  g_autoptr(TsResponse) missing = ts_http (f->session, f->url, "GET", "/api/v1/nothing/", NULL, NULL);
  g_autoptr(TsResponse) method = ts_http (f->session, f->url, "DELETE", "/api/v1/health/", NULL, NULL);
  g_autoptr(TsResponse) metrics = ts_http (f->session, f->url, "GET", "/metrics", NULL, NULL);
  JsonObject *outlook;
  g_autofree char *text = NULL;
  gint64 server_time;

  g_assert_cmpuint (list->status, ==, 200);
  outlook = json_array_get_object_element (json_object_get_array_member (ts_response_object (list), "integrations"), 1);
  g_assert_cmpstr (json_object_get_string_member (outlook, "status"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (outlook, "error"), "code"), ==, "outlook_sync_failed");
  g_assert_cmpuint (reauth->status, ==, 200);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (ts_response_object (reauth), "authorization_url"), "https://"));
  g_assert_cmpuint (sync->status, ==, 202);
  g_assert_cmpstr (json_object_get_string_member (ts_response_object (sync), "status"), ==, "queued");
  g_assert_cmpuint (unknown->status, ==, 404);

  g_assert_cmpuint (health->status, ==, 200);
  g_assert_true (quorum_test_server_parse_time (json_object_get_string_member (ts_response_object (health), "server_time"), &server_time));
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (ts_response_code (missing), ==, "not_found");
  g_assert_cmpuint (method->status, ==, 405);
  g_assert_nonnull (method->json);

  g_assert_cmpuint (metrics->status, ==, 200);
  text = g_strndup (g_bytes_get_data (metrics->body, NULL), g_bytes_get_size (metrics->body));
  g_assert_nonnull (strstr (text, "http_requests_total{method=\"GET\",path=\"/api/v1/health/\",status=\"200\"} 1"));
  g_assert_nonnull (strstr (text, "sync_operations_total{operation=\"push\"} 0"));
  g_assert_nonnull (strstr (text, "sync_errors_total"));
}

static void
test_control (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) user = ts_http (f->session, f->url, "POST", "/_test/users/", NULL,
                                        "{\"username\": \"dave\", \"password\": \"pw\", \"name\": \"Dave\", \"email\": \"d@x\"}");
  g_autoptr(TsResponse) room = ts_http (f->session, f->url, "POST", "/_test/rooms/", NULL,
                                        "{\"name\": \"Oda 3\", \"capacity\": 3, \"floor\": \"1\", \"equipment\": \"\"}");
  g_autoptr(TsResponse) meeting = ts_http (f->session, f->url, "POST", "/_test/meetings/", NULL,
                                           "{\"organizer_id\": 4, \"title\": \"Dış\", \"start_time\": \"2030-01-01T10:00:00Z\","
                                           " \"end_time\": \"2030-01-01T11:00:00Z\", \"room_id\": 3}");
  g_autoptr(TsResponse) update = NULL, dump = NULL, del = NULL, gen = NULL, counters = NULL, fault = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  g_assert_cmpuint (user->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (ts_response_object (user), "id"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (ts_response_object (room), "id"), ==, 3);
  g_assert_cmpuint (meeting->status, ==, 200);
  id = json_object_get_int_member (ts_response_object (meeting), "id");
  path = g_strdup_printf ("/_test/meetings/%" G_GINT64_FORMAT "/", id);
  update = ts_http (f->session, f->url, "POST", path, NULL, "{\"title\": \"Dış 2\"}");
  g_assert_cmpuint (update->status, ==, 200);
  dump = ts_http (f->session, f->url, "GET", "/_test/meetings/", NULL, NULL);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (dump->json));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (dump->json), 0), "title"), ==, "Dış 2");
  g_free (path);
  path = g_strdup_printf ("/_test/meetings/%" G_GINT64_FORMAT "/delete/", id);
  del = ts_http (f->session, f->url, "POST", path, NULL, NULL);
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 0);
  gen = ts_http (f->session, f->url, "POST", "/_test/generate/", NULL, "{\"n\": 25, \"seed\": 4}");
  g_assert_cmpuint (gen->status, ==, 200);
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 25);
  fault = ts_http (f->session, f->url, "POST", "/_test/fault/", NULL, "{\"name\": \"bogus\", \"value\": 1}");
  g_assert_cmpuint (fault->status, ==, 400);
  counters = ts_http (f->session, f->url, "GET", "/_test/counters/", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member_with_default (ts_response_object (counters), "requests", 0), ==, 0);
}

static void
test_demo (void)
{
  g_autoptr(QuorumTestServer) server = quorum_test_server_new ();
  g_autoptr(JsonArray) all = NULL;
  guint n;

  quorum_test_server_seed_demo (server);
  n = quorum_test_server_count_meetings (server);
  g_test_message ("demo: %u meetings", n);
  g_assert_cmpuint (n, >, 30);
  all = quorum_test_server_dump_meetings (server);
  g_assert_cmpuint (json_array_get_length (all), ==, n);
  /* Sorted by id. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (all, i - 1), "id"), <,
                     json_object_get_int_member (json_array_get_object_element (all, i), "id"));
}

static void
test_time_format (void)
{
  gint64 us;
  g_autofree char *text = NULL;

  g_assert_true (quorum_test_server_parse_time ("2025-02-01T13:00:00.123456+03:00", &us));
  text = quorum_test_server_format_time (us);
  g_assert_cmpstr (text, ==, "2025-02-01T10:00:00.123456Z");
  g_assert_true (quorum_test_server_parse_time ("2025-02-01T10:00:00.1234569Z", &us));
  g_assert_cmpint (us % G_USEC_PER_SEC, ==, 123456);
  g_assert_false (quorum_test_server_parse_time ("2025-02-01T10:00:00", &us));

  /* The hand-written formatter agrees with GDateTime over a wide range. */
  for (gint64 t = -2208988800LL; t < 4102444800LL; t += 86400 * 37 + 3671)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *expected = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000007Z");
      g_autofree char *got = quorum_test_server_format_time (t * G_USEC_PER_SEC + 7);
      gint64 back;

      g_assert_cmpstr (got, ==, expected);
      g_assert_true (quorum_test_server_parse_time (got, &back));
      g_assert_cmpint (back, ==, t * G_USEC_PER_SEC + 7);
    }
  g_assert_false (quorum_test_server_parse_time ("2025-02-01", &us));
  g_assert_false (quorum_test_server_parse_time ("yesterday", &us));
}

static void
test_program (void)
{
  g_autofree char *dir = g_dir_make_tmp ("quorum-test-server-XXXXXX", NULL);
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autofree char *contents = NULL, *line = NULL, *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(TsResponse) login = NULL, health = NULL;

  if (server_exe == NULL)
    {
      g_test_skip ("no path to quorum-test-server given");
      return;
    }
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server_exe, "--port", "0",
                            "--port-file", port_file, "--demo", "-q", "--user", "zed:zz",
                            "--fault", "retry_after=5", NULL);
  g_assert_no_error (error);

  /* The first line says the server listens; the port file is written before. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "listening on http://127.0.0.1:"));
  g_assert_true (g_file_get_contents (port_file, &contents, NULL, NULL));
  url = g_strdup_printf ("http://127.0.0.1:%u", (guint) g_ascii_strtoull (contents, NULL, 10));
  g_assert_nonnull (strstr (line, url));

  health = ts_http (session, url, "GET", "/api/v1/health/", NULL, NULL);
  g_assert_cmpuint (health->status, ==, 200);
  login = ts_http (session, url, "POST", "/api/token/", NULL, "{\"username\": \"ayse\", \"password\": \"ayse123\"}");
  g_assert_cmpuint (login->status, ==, 200);
  g_clear_pointer (&login, ts_response_free);
  login = ts_http (session, url, "POST", "/api/token/", NULL, "{\"username\": \"zed\", \"password\": \"zz\"}");
  g_assert_cmpuint (login->status, ==, 200);

  g_subprocess_send_signal (child, SIGTERM);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_remove (port_file);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (argc > 1)
    server_exe = argv[1];

#define ADD(path, fn) g_test_add (path, TsFixture, NULL, ts_fixture_setup, fn, ts_fixture_teardown)
  ADD ("/server/misc/check", test_check);
  ADD ("/server/misc/freebusy", test_freebusy);
  ADD ("/server/misc/integrations-health-metrics", test_integrations_health_metrics);
  ADD ("/server/misc/control-endpoints", test_control);
  g_test_add_func ("/server/misc/demo-data", test_demo);
  g_test_add_func ("/server/misc/time-format", test_time_format);
  g_test_add_func ("/server/misc/standalone-program", test_program);
  return g_test_run ();
}
