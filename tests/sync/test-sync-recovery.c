/* test-sync-recovery.c — what a round must survive (scenarios 4–6 of
 * issue 4): an expired cursor, tokens that expire or are revoked, and a
 * rate limit, also across a restart of the client. */
#include "sync-util.h"

#include <string.h>

static CliRun *
sync_expect (const char *dir, int status, const char *state)
{
  CliRun *r = cli_sync (dir, -1);

  if (r->status != status)
    g_error ("sync exited %d, expected %d: %s %s", r->status, status, r->out, r->err);
  g_assert_cmpstr (json_object_get_string_member (cli_object (r), "state"), ==, state);
  return r;
}

static gint64
post_id (SyncServer *s, const char *path, const char *body)
{
  guint status = 0;
  g_autoptr(JsonNode) node = sync_server_request (s, "POST", path, body, &status);

  g_assert_cmpuint (status, ==, 200);
  return json_object_get_int_member_with_default (json_node_get_object (node), "id", 0);
}

static void
assert_same_ids (SyncServer *s, const char *dir)
{
  g_autoptr(JsonArray) server = sync_server_meetings (s);
  g_autoptr(JsonArray) mine = cli_meetings (dir);

  g_assert_cmpuint (json_array_get_length (mine), ==, json_array_get_length (server));
  for (guint i = 0; i < json_array_get_length (server); i++)
    {
      JsonObject *m = json_array_get_object_element (server, i);
      JsonObject *l = find_by_int (mine, "id", json_object_get_int_member (m, "id"));
      g_assert_nonnull (l);
      g_assert_cmpstr (json_object_get_string_member (l, "modified_at"), ==,
                       json_object_get_string_member (m, "modified_at"));
    }
}

/* Scenario 4: the cursor falls out of the server's retention while the
 * replica has a conflict and queued edits; the round pulls everything
 * again, keeps the local work and sends what can be sent. */
static void
test_cursor_expired (void)
{
  g_autofree char *dir = sync_tmpdir ("cursor");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autofree char *keep = NULL, *gone = NULL, *clash = NULL, *fresh = NULL;
  g_autofree char *gone_id = NULL, *clash_id = NULL, *keep_id = NULL;
  g_autofree char *body = NULL;
  gint64 user_id;

  cli_login (dir, s, "ayse", "pw");
  keep = cli_add (dir, "Keep", "2031-04-01T09:00:00Z", "2031-04-01T10:00:00Z", NULL);
  gone = cli_add (dir, "Gone", "2031-04-01T10:00:00Z", "2031-04-01T11:00:00Z", NULL);
  clash = cli_add (dir, "Clash", "2031-04-01T11:00:00Z", "2031-04-01T12:00:00Z", NULL);
  cli_run_free (sync_expect (dir, 0, "synced"));
  {
    g_autoptr(JsonObject) k = cli_meeting (dir, keep);
    g_autoptr(JsonObject) g = cli_meeting (dir, gone);
    g_autoptr(JsonObject) c = cli_meeting (dir, clash);
    keep_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (k, "id"));
    gone_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (g, "id"));
    clash_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));
    user_id = json_object_get_int_member (k, "organizer_id");
  }

  /* A conflict the user has not decided yet. */
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", clash_id, "--title", "Clash (mine)", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autofree char *path = g_strdup_printf ("/_test/meetings/%s/", clash_id);
    post_id (s, path, "{\"title\": \"Clash (server)\"}");
  }
  cli_run_free (sync_expect (dir, 3, "needs_attention"));

  /* The server moves on far beyond the retention. */
  sync_server_fault (s, "cursor_retention", "5");
  {
    g_autofree char *path = g_strdup_printf ("/_test/meetings/%s/delete/", gone_id);
    post_id (s, path, "{}");
  }
  for (int i = 0; i < 10; i++)
    {
      g_free (body);
      body = g_strdup_printf ("{\"organizer_id\": %" G_GINT64_FORMAT ", \"title\": \"Server %d\","
                              " \"start_time\": \"2031-04-02T%02d:00:00Z\", \"end_time\": \"2031-04-02T%02d:30:00Z\"}",
                              user_id, i, 8 + i, 8 + i);
      g_assert_cmpint (post_id (s, "/_test/meetings/", body), >, 0);
    }

  /* Local work waiting. */
  fresh = cli_add (dir, "Fresh", "2031-04-03T09:00:00Z", "2031-04-03T10:00:00Z", NULL);
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", keep_id, "--agenda", "1. items", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }

  sync_server_reset_counters (s);
  {
    g_autoptr(CliRun) r = sync_expect (dir, 3, "needs_attention");
    JsonObject *o = cli_object (r);
    g_assert_cmpint (json_object_get_int_member (o, "conflicts"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "pending"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "pushed"), ==, 2);
  }
  g_assert_cmpint (sync_server_counter (s, "cursor_expired"), >=, 1);
  g_assert_cmpint (sync_server_counter (s, "push_applied"), ==, 2);

  {
    g_autoptr(JsonObject) f = cli_meeting (dir, fresh);
    g_autoptr(JsonObject) k = cli_meeting (dir, keep_id);
    g_autoptr(JsonObject) g = cli_meeting (dir, gone);
    g_autoptr(JsonObject) c = cli_meeting (dir, clash_id);
    g_autoptr(JsonObject) sk = sync_server_meeting (s, g_ascii_strtoll (keep_id, NULL, 10));
    g_autoptr(JsonArray) conflicts = cli_conflicts (dir);
    g_autoptr(JsonArray) mine = cli_meetings (dir);
    g_autoptr(JsonArray) server = sync_server_meetings (s);

    g_assert_false (json_is_null_member (f, "id"));
    g_assert_nonnull (sync_server_meeting (s, json_object_get_int_member (f, "id")));
    g_assert_cmpstr (json_object_get_string_member (sk, "agenda"), ==, "1. items");
    g_assert_cmpstr (json_object_get_string_member (k, "agenda"), ==, "1. items");
    g_assert_null (g);
    g_assert_nonnull (c);
    g_assert_cmpstr (json_object_get_string_member (c, "sync_state"), ==, "conflict");
    g_assert_cmpstr (json_object_get_string_member (c, "title"), ==, "Clash (mine)");
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
    g_assert_cmpuint (json_array_get_length (mine), ==, json_array_get_length (server));
    g_assert_nonnull (find_by_member (mine, "title", "Server 9"));
  }

  /* And the conflict still settles afterwards. */
  {
    g_autoptr(JsonArray) conflicts = cli_conflicts (dir);
    JsonObject *c = json_array_get_object_element (conflicts, 0);
    g_autofree char *cid = json_node_get_value_type (json_object_get_member (c, "id")) == G_TYPE_STRING
                           ? g_strdup (json_object_get_string_member (c, "id"))
                           : g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));
    g_autoptr(CliRun) r = cli_run (dir, NULL, "conflicts", "resolve", cid, "--keep", "local", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  sync_server_fault (s, "cursor_retention", "0");
  cli_run_free (sync_expect (dir, 0, "synced"));
  {
    g_autoptr(JsonObject) sc = sync_server_meeting (s, g_ascii_strtoll (clash_id, NULL, 10));
    g_assert_cmpstr (json_object_get_string_member (sc, "title"), ==, "Clash (mine)");
  }
  assert_same_ids (s, dir);

  sync_server_free (s);
  sync_rmdir (dir);
}

/* Scenario 5a: access tokens that live one second; the round takes
 * longer, so they run out in the middle of it. */
static void
test_access_expiry (void)
{
  g_autofree char *dir = sync_tmpdir ("access");
  SyncServer *s = sync_server_start (0, "--demo", "--generate", "4000",
                                     "--fault", "access_lifetime=1", NULL);
  g_autoptr(JsonArray) outbox = NULL;

  cli_login (dir, s, "ayse", "ayse123");
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("Short token %d", i);
      g_autofree char *start = g_strdup_printf ("2031-05-05T%02d:00:00Z", 6 + i);
      g_autofree char *end = g_strdup_printf ("2031-05-05T%02d:30:00Z", 6 + i);
      g_free (cli_add (dir, title, start, end, NULL));
    }
  sync_server_fault (s, "latency_ms", "300");
  sync_server_reset_counters (s);
  {
    g_autoptr(CliRun) r = sync_expect (dir, 0, "synced");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pushed"), ==, 10);
  }
  g_test_message ("%" G_GINT64_FORMAT " requests, %" G_GINT64_FORMAT " refreshes, %" G_GINT64_FORMAT " tokens refused",
                  sync_server_counter (s, "requests"), sync_server_counter (s, "refresh"),
                  sync_server_counter (s, "token_rejected"));
  /* one refresh for the token that expired before the round, at least one
   * more for the one that ran out during it */
  g_assert_cmpint (sync_server_counter (s, "refresh"), >=, 2);
  g_assert_cmpint (sync_server_counter (s, "refresh_reuse"), ==, 0);
  outbox = cli_outbox (dir);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  sync_server_fault (s, "latency_ms", "0");
  assert_same_ids (s, dir);

  /* A token the server stops accepting before its exp (revoked on the
   * server): refused with 401, refreshed, the request sent again. */
  sync_server_fault (s, "access_lifetime", "900");
  cli_login (dir, s, "ayse", "ayse123");
  g_free (cli_add (dir, "After revocation", "2031-05-06T09:00:00Z", "2031-05-06T10:00:00Z", NULL));
  sync_server_fault (s, "expire_access_tokens", "1");
  sync_server_reset_counters (s);
  cli_run_free (sync_expect (dir, 0, "synced"));
  g_assert_cmpint (sync_server_counter (s, "token_rejected"), >=, 1);
  g_assert_cmpint (sync_server_counter (s, "refresh"), ==, 1);
  g_assert_cmpint (sync_server_counter (s, "push_applied"), ==, 1);
  assert_same_ids (s, dir);

  sync_server_free (s);
  sync_rmdir (dir);
}

/* Scenario 5b: the stored refresh token is presented twice by someone
 * else, so the server revokes the login; the next round must stop with
 * "login required" and lose nothing. */
static void
test_refresh_revoked (void)
{
  g_autofree char *dir = sync_tmpdir ("revoked");
  g_autofree char *token_file = g_build_filename (dir, "tokens.json", NULL);
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autofree char *body = NULL;
  g_autofree char *local = NULL;
  g_autofree char *before_s = NULL, *after_s = NULL;

  cli_login (dir, s, "ayse", "pw");
  local = cli_add (dir, "Synced", "2031-06-01T09:00:00Z", "2031-06-01T10:00:00Z", NULL);
  cli_run_free (sync_expect (dir, 0, "synced"));
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", local, "--title", "Edited", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  g_free (cli_add (dir, "Queued", "2031-06-01T11:00:00Z", "2031-06-01T12:00:00Z", NULL));

  /* The test's own token file (--insecure-storage, in its temporary data
   * directory) gives the refresh token to present twice. */
  g_assert_true (json_parser_load_from_file (parser, token_file, NULL));
  body = g_strdup_printf ("{\"refresh\": \"%s\"}",
                          json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "refresh"));
  for (int i = 0; i < 2; i++)
    {
      guint status = 0;
      g_autoptr(JsonNode) n = sync_server_request (s, "POST", "/api/token/refresh/", body, &status);
      g_assert_cmpuint (status, ==, i == 0 ? 200 : 401);
    }
  g_assert_cmpint (sync_server_counter (s, "refresh_reuse"), ==, 1);
  sync_server_fault (s, "expire_access_tokens", "1");

  before = cli_outbox (dir);
  g_assert_cmpuint (json_array_get_length (before), ==, 2);
  sync_server_reset_counters (s);
  {
    g_autoptr(CliRun) r = sync_expect (dir, 5, "login_required");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pending"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pushed"), ==, 0);
  }
  g_assert_cmpint (sync_server_counter (s, "push_changes"), ==, 0);
  g_assert_cmpint (sync_server_counter (s, "refresh"), >=, 1);
  after = cli_outbox (dir);
  before_s = json_to_string (json_node_init_array (json_node_alloc (), before), FALSE);
  after_s = json_to_string (json_node_init_array (json_node_alloc (), after), FALSE);
  g_assert_cmpstr (before_s, ==, after_s);
  {
    g_autoptr(CliRun) r = sync_expect (dir, 5, "login_required");
  }

  /* Signing in again sends the queue. */
  cli_login (dir, s, "ayse", "pw");
  cli_run_free (sync_expect (dir, 0, "synced"));
  {
    g_autoptr(JsonArray) server = sync_server_meetings (s);
    g_assert_cmpuint (json_array_get_length (server), ==, 2);
    g_assert_nonnull (find_by_member (server, "title", "Edited"));
    g_assert_nonnull (find_by_member (server, "title", "Queued"));
  }

  sync_server_free (s);
  sync_rmdir (dir);
}

/* Scenario 6: a 429 longer than --max-wait ends the run with exit 6 and
 * retry_at; a new process keeps quiet until then; a long enough
 * --max-wait waits it out. */
static void
test_rate_limited (void)
{
  g_autofree char *dir = sync_tmpdir ("rate");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autoptr(GDateTime) retry = NULL;
  g_autoptr(GSubprocess) waiter = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_at, before_run;

  cli_login (dir, s, "ayse", "pw");
  g_free (cli_add (dir, "Throttled", "2031-07-01T09:00:00Z", "2031-07-01T10:00:00Z", NULL));
  sync_server_fault (s, "retry_after", "3");
  sync_server_fault (s, "rate_limit_every", "1");

  before_run = g_get_real_time ();
  {
    g_autoptr(CliRun) r = cli_sync (dir, 0);
    JsonObject *o = cli_object (r);
    g_assert_cmpint (r->status, ==, 6);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "rate_limited");
    g_assert_cmpint (json_object_get_int_member (o, "pending"), ==, 1);
    g_assert_false (json_is_null_member (o, "retry_at"));
    retry = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "retry_at"), NULL);
    g_assert_nonnull (retry);
    g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "retry_at"), "Z"));
  }
  retry_at = g_date_time_to_unix (retry) * G_USEC_PER_SEC + g_date_time_get_microsecond (retry);
  g_assert_cmpint (retry_at, >=, before_run + 2 * G_USEC_PER_SEC);
  g_assert_cmpint (retry_at, <=, g_get_real_time () + 4 * G_USEC_PER_SEC);
  g_assert_cmpint (sync_server_counter (s, "rate_limited"), ==, 1);

  /* The server would answer now; the client must still wait. */
  sync_server_fault (s, "rate_limit_every", "0");
  sync_server_reset_counters (s);
  {
    g_autoptr(CliRun) r = cli_sync (dir, 0);
    g_assert_cmpint (r->status, ==, 6);
    g_assert_cmpstr (json_object_get_string_member (cli_object (r), "state"), ==, "rate_limited");
    g_assert_false (json_is_null_member (cli_object (r), "retry_at"));
  }
  g_assert_cmpint (sync_server_counter (s, "requests"), ==, 0);

  /* A new process that may wait: nothing reaches the server before
   * retry_at (watched the whole time), then the round completes. */
  {
    const char *args[] = { "sync", "--max-wait", "10", NULL };
    waiter = cli_spawnv (dir, args);
  }
  while (g_get_real_time () < retry_at - 100 * 1000)
    {
      g_assert_cmpint (sync_server_counter (s, "requests"), ==, 0);
      g_usleep (50 * 1000);
    }
  g_assert_true (g_subprocess_wait (waiter, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (waiter));
  g_assert_cmpint (g_subprocess_get_exit_status (waiter), ==, 0);
  g_assert_cmpint (sync_server_counter (s, "push_applied"), ==, 1);
  {
    g_autoptr(JsonArray) outbox = cli_outbox (dir);
    g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  }

  /* --max-wait 10 in one process: 429 first, then success. */
  g_free (cli_add (dir, "Second", "2031-07-01T11:00:00Z", "2031-07-01T12:00:00Z", NULL));
  sync_server_fault (s, "retry_after", "1");
  sync_server_fault (s, "rate_limit_every", "2");
  {
    g_autoptr(CliRun) r = cli_sync (dir, 10);
    if (r->status != 0)
      g_error ("sync --max-wait 10 exited %d: %s %s", r->status, r->out, r->err);
    g_assert_cmpstr (json_object_get_string_member (cli_object (r), "state"), ==, "synced");
    g_assert_true (json_is_null_member (cli_object (r), "retry_at"));
  }
  g_assert_cmpint (sync_server_counter (s, "rate_limited"), >=, 1);
  {
    g_autoptr(JsonArray) server = sync_server_meetings (s);
    g_assert_cmpuint (json_array_get_length (server), ==, 2);
  }

  sync_server_free (s);
  sync_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
  g_test_add_func ("/sync/recovery/cursor-expired", test_cursor_expired);
  g_test_add_func ("/sync/recovery/access-token-expiry", test_access_expiry);
  g_test_add_func ("/sync/recovery/refresh-revoked", test_refresh_revoked);
  g_test_add_func ("/sync/recovery/rate-limited", test_rate_limited);
  return g_test_run ();
}
