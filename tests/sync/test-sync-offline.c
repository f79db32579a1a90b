/* test-sync-offline.c — offline work, lost answers, and the exit codes
 * and documents of `sync` when the server is away or the login is gone
 * (scenarios 1 and 8 of issue 4). */
#include "sync-util.h"

#include <string.h>

#define N_OFFLINE 200

static void
assert_sync_doc (CliRun *r, int status, const char *state)
{
  JsonObject *o = cli_object (r);

  if (r->status != status)
    g_error ("sync exited %d, expected %d: %s %s", r->status, status, r->out, r->err);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, state);
}

/* 200 meetings made with no server, then sent through a server that drops
 * 30% of the answers after applying the change: exactly 200 arrive. */
static void
test_offline_then_lossy (void)
{
  g_autofree char *dir = sync_tmpdir ("offline");
  g_autoptr(GPtrArray) local_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) server_meetings = NULL;
  g_autoptr(JsonArray) mine = NULL;
  g_autoptr(JsonArray) outbox = NULL;
  g_autoptr(GHashTable) server_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  guint16 port = s->port;
  int rounds = 0, last = -1;

  cli_login (dir, s, "ayse", "pw");
  sync_server_free (s);   /* nothing listens there any more */

  for (int i = 0; i < N_OFFLINE; i++)
    {
      g_autofree char *title = g_strdup_printf ("Offline %03d", i);
      g_autofree char *start = g_strdup_printf ("2031-01-%02dT%02d:00:00Z", 6 + i % 20, 6 + i / 20);
      g_autofree char *end = g_strdup_printf ("2031-01-%02dT%02d:30:00Z", 6 + i % 20, 6 + i / 20);
      g_ptr_array_add (local_ids, cli_add (dir, title, start, end, NULL));
    }

  {
    g_autoptr(CliRun) r = cli_sync (dir, -1);
    JsonObject *o = cli_object (r);
    assert_sync_doc (r, 4, "offline");
    g_assert_cmpint (json_object_get_int_member (o, "pending"), ==, N_OFFLINE);
    g_assert_cmpint (json_object_get_int_member (o, "pushed"), ==, 0);
    g_assert_true (json_is_null_member (o, "retry_at"));
  }
  outbox = cli_outbox (dir);
  g_assert_cmpuint (json_array_get_length (outbox), ==, N_OFFLINE);
  g_clear_pointer (&outbox, json_array_unref);

  /* The server comes back on the same address: a new process, so the old
   * session is gone and the user signs in again; the queue must survive. */
  s = sync_server_start (port, "--user", "ayse:pw", "--fault", "drop_after_apply_rate=0.3",
                         "--fault", "deterministic_seed=7", NULL);
  {
    g_autoptr(CliRun) r = cli_sync (dir, -1);
    assert_sync_doc (r, 5, "login_required");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pending"), ==, N_OFFLINE);
  }
  cli_login (dir, s, "ayse", "pw");
  while (last != 0 && rounds < 40)
    {
      g_autoptr(CliRun) r = cli_sync (dir, -1);
      last = r->status;
      rounds++;
      if (last != 0)
        assert_sync_doc (r, 4, "offline");
    }
  g_assert_cmpint (last, ==, 0);
  g_test_message ("%d rounds; %" G_GINT64_FORMAT " answers dropped, %" G_GINT64_FORMAT " duplicates",
                  rounds, sync_server_counter (s, "dropped"), sync_server_counter (s, "push_duplicates"));
  g_assert_cmpint (sync_server_counter (s, "dropped"), >, 0);

  server_meetings = sync_server_meetings (s);
  g_assert_cmpuint (json_array_get_length (server_meetings), ==, N_OFFLINE);
  for (guint i = 0; i < N_OFFLINE; i++)
    {
      JsonObject *m = json_array_get_object_element (server_meetings, i);
      gint64 *id = g_new (gint64, 1);
      *id = json_object_get_int_member (m, "id");
      g_hash_table_add (server_ids, id);
    }

  mine = cli_meetings (dir);
  g_assert_cmpuint (json_array_get_length (mine), ==, N_OFFLINE);
  for (guint i = 0; i < local_ids->len; i++)
    {
      JsonObject *m = find_by_member (mine, "local_id", g_ptr_array_index (local_ids, i));
      gint64 id;
      g_autofree char *title = g_strdup_printf ("Offline %03u", i);

      g_assert_nonnull (m);
      g_assert_false (json_is_null_member (m, "id"));
      id = json_object_get_int_member (m, "id");
      g_assert_true (g_hash_table_contains (server_ids, &id));
      g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "synced");
      g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, title);
      g_assert_cmpstr (json_object_get_string_member (find_by_int (server_meetings, "id", id), "title"), ==, title);
    }
  outbox = cli_outbox (dir);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 0);

  /* The rounds are in sync.log, and no token is. */
  {
    g_autofree char *log_path = g_build_filename (dir, "logs", "sync.log", NULL);
    g_autofree char *token_path = g_build_filename (dir, "tokens.json", NULL);
    g_autofree char *log = NULL, *tokens = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *t;

    g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
    g_assert_nonnull (strstr (log, "round: start"));
    g_assert_nonnull (strstr (log, "round: done"));
    g_assert_nonnull (strstr (log, "round: failed (offline)"));
    g_assert_true (json_parser_load_from_file (parser, token_path, NULL));
    t = json_node_get_object (json_parser_get_root (parser));
    g_assert_null (strstr (log, json_object_get_string_member (t, "access")));
    g_assert_null (strstr (log, json_object_get_string_member (t, "refresh")));
  }

  g_hash_table_foreach (server_ids, (GHFunc) (void (*) (void)) g_free, NULL);
  sync_server_free (s);
  sync_rmdir (dir);
}

/* Exit 4 and 5, and the full document each time. */
static void
test_unreachable_vs_login (void)
{
  g_autofree char *dir = sync_tmpdir ("codes");
  g_autofree char *fresh = sync_tmpdir ("fresh");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autofree char *lid = NULL;

  /* No account at all. */
  {
    g_autoptr(CliRun) r = cli_sync (fresh, -1);
    assert_sync_doc (r, 5, "login_required");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pending"), ==, 0);
    g_assert_true (json_is_null_member (cli_object (r), "retry_at"));
  }

  cli_login (dir, s, "ayse", "pw");
  lid = cli_add (dir, "Kept", "2031-02-03T10:00:00Z", "2031-02-03T11:00:00Z", NULL);
  {
    g_autoptr(CliRun) r = cli_sync (dir, -1);
    assert_sync_doc (r, 0, "synced");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pushed"), ==, 1);
  }
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", lid, "--title", "Edited offline", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }

  /* Server answering errors: unreachable, work kept. */
  sync_server_fault (s, "down", "1");
  {
    g_autoptr(CliRun) r = cli_sync (dir, -1);
    assert_sync_doc (r, 4, "offline");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pending"), ==, 1);
  }
  sync_server_fault (s, "down", "0");

  /* Signed out: login required, the queue stays. */
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "account", "logout", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli_sync (dir, -1);
    assert_sync_doc (r, 5, "login_required");
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pending"), ==, 1);
  }
  cli_login (dir, s, "ayse", "pw");

  /* Connection refused. */
  sync_server_stop (s);
  {
    g_autoptr(CliRun) r = cli_sync (dir, -1);
    JsonObject *o = cli_object (r);
    assert_sync_doc (r, 4, "offline");
    g_assert_cmpint (json_object_get_int_member (o, "pending"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "conflicts"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 0);
    g_assert_true (json_is_null_member (o, "retry_at"));
    g_assert_nonnull (r->err);
    g_assert_cmpstr (r->err, !=, "");
  }
  {
    g_autoptr(JsonObject) m = cli_meeting (dir, lid);
    g_assert_nonnull (m);
    g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, "Edited offline");
    g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "pending");
  }
  sync_server_free (s);
  sync_rmdir (dir);
  sync_rmdir (fresh);
}

/* Every kind of bad answer at once: each failed round is "offline" with
 * its document, nothing crashes, and the rounds end with everything sent
 * once and the replica equal to the server. */
static void
test_hostile_server (void)
{
  g_autofree char *dir = sync_tmpdir ("hostile");
  SyncServer *s = sync_server_start (0, "--demo", "--generate", "2500", NULL);
  g_autoptr(JsonArray) server = NULL;
  g_autoptr(JsonArray) mine = NULL;
  g_autoptr(JsonArray) outbox = NULL;
  guint n_before;
  int rounds = 0, last = -1;

  cli_login (dir, s, "ayse", "ayse123");
  server = sync_server_meetings (s);
  n_before = json_array_get_length (server);
  g_clear_pointer (&server, json_array_unref);
  for (int i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("Hostile %03d", i);
      g_autofree char *start = g_strdup_printf ("2033-02-%02dT%02d:00:00Z", 1 + i % 25, 6 + i / 25);
      g_autofree char *end = g_strdup_printf ("2033-02-%02dT%02d:30:00Z", 1 + i % 25, 6 + i / 25);
      g_free (cli_add (dir, title, start, end, NULL));
    }
  sync_server_fault (s, "deterministic_seed", "11");
  sync_server_fault (s, "error_5xx_rate", "0.15");
  sync_server_fault (s, "html_502_rate", "0.1");
  sync_server_fault (s, "malformed_json_rate", "0.15");
  sync_server_fault (s, "drop_after_apply_rate", "0.2");
  while (last != 0 && rounds < 60)
    {
      g_autoptr(CliRun) r = cli_sync (dir, -1);
      last = r->status;
      rounds++;
      if (last != 0)
        assert_sync_doc (r, 4, "offline");
    }
  g_test_message ("%d rounds; 5xx %" G_GINT64_FORMAT ", 502 %" G_GINT64_FORMAT ", malformed %" G_GINT64_FORMAT
                  ", dropped %" G_GINT64_FORMAT, rounds, sync_server_counter (s, "errors_5xx"),
                  sync_server_counter (s, "html_502"), sync_server_counter (s, "malformed"),
                  sync_server_counter (s, "dropped"));
  g_assert_cmpint (last, ==, 0);
  g_assert_cmpint (rounds, >, 1);

  server = sync_server_meetings (s);
  g_assert_cmpuint (json_array_get_length (server), ==, n_before + 150);
  mine = cli_meetings (dir);
  g_assert_cmpuint (json_array_get_length (mine), ==, json_array_get_length (server));
  for (guint i = 0; i < json_array_get_length (server); i++)
    {
      JsonObject *m = json_array_get_object_element (server, i);
      JsonObject *l = find_by_int (mine, "id", json_object_get_int_member (m, "id"));
      g_assert_nonnull (l);
      g_assert_cmpstr (json_object_get_string_member (l, "modified_at"), ==,
                       json_object_get_string_member (m, "modified_at"));
    }
  outbox = cli_outbox (dir);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  sync_server_free (s);
  sync_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
  g_test_add_func ("/sync/offline/lossy-server", test_offline_then_lossy);
  g_test_add_func ("/sync/offline/exit-codes", test_unreachable_vs_login);
  g_test_add_func ("/sync/offline/hostile-server", test_hostile_server);
  return g_test_run ();
}
