/* test-sync-kill.c — SIGKILL at random points of a long push and of a
 * 50,000-meeting first pull (scenario 7 of issue 4): afterwards the next
 * rounds finish the job with no duplicate and no lost meeting, and the
 * replica database is intact. The kill points come from the GTest seed
 * (--seed to replay one). */
#include "sync-util.h"

#define N_PUSH   1000
#define N_PULL   50000
#define N_KILLS  20   /* issue 4: 20 runs */

static void
assert_intact (const char *dir)
{
  g_autofree char *check = sqlite_integrity (dir);
  g_assert_cmpstr (check, ==, "ok");
}

/* Starts `sync`, kills it after @delay_ms (unless it ended first). */
static gboolean
kill_sync_after (const char *dir, guint delay_ms)
{
  const char *args[] = { "sync", NULL };
  g_autoptr(GSubprocess) p = cli_spawnv (dir, args);
  g_autoptr(GError) error = NULL;
  gboolean killed;

  g_usleep ((gulong) delay_ms * 1000);   /* the kill point, not a timing assertion */
  g_subprocess_force_exit (p);
  g_assert_true (g_subprocess_wait (p, NULL, &error));
  g_assert_no_error (error);
  killed = g_subprocess_get_if_signaled (p);
  g_test_message ("sync %s after %u ms", killed ? "killed" : "had already ended", delay_ms);
  return killed;
}

static void
sync_to_completion (const char *dir)
{
  int status = -1;

  for (int i = 0; i < 5 && status != 0; i++)
    {
      g_autoptr(CliRun) r = cli_sync (dir, -1);
      status = r->status;
      if (status != 0)
        g_test_message ("sync exited %d: %s", status, r->out);
    }
  g_assert_cmpint (status, ==, 0);
}

static void
test_kill_push (void)
{
  g_autofree char *dir = sync_tmpdir ("killpush");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autoptr(GHashTable) local_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) server_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(JsonArray) server = NULL;
  g_autoptr(JsonArray) mine = NULL;
  g_autoptr(JsonArray) outbox = NULL;
  guint kills = 0;

  cli_login (dir, s, "ayse", "pw");
  for (int i = 0; i < N_PUSH; i++)
    {
      g_autofree char *title = g_strdup_printf ("Kill %04d", i);
      g_autofree char *start = g_strdup_printf ("2032-%02d-%02dT%02d:00:00Z", 1 + i / 100, 1 + i % 25, 6 + (i % 100) / 25);
      g_autofree char *end = g_strdup_printf ("2032-%02d-%02dT%02d:45:00Z", 1 + i / 100, 1 + i % 25, 6 + (i % 100) / 25);
      g_hash_table_add (local_ids, cli_add (dir, title, start, end, NULL));
    }
  g_assert_cmpuint (g_hash_table_size (local_ids), ==, N_PUSH);

  /* Slow answers stretch the ten push requests over a second or more. */
  sync_server_fault (s, "latency_ms", "120");
  for (int i = 0; i < N_KILLS; i++)
    {
      kills += kill_sync_after (dir, (guint) g_test_rand_int_range (30, 260));
      assert_intact (dir);
    }
  g_test_message ("push: %u of %d runs killed mid-way", kills, N_KILLS);
  g_assert_cmpuint (kills, >=, 3);
  sync_server_fault (s, "latency_ms", "0");
  sync_to_completion (dir);
  g_test_message ("push requests %" G_GINT64_FORMAT ", applied %" G_GINT64_FORMAT ", duplicates %" G_GINT64_FORMAT,
                  sync_server_counter (s, "push"), sync_server_counter (s, "push_applied"),
                  sync_server_counter (s, "push_duplicates"));

  server = sync_server_meetings (s);
  g_assert_cmpuint (json_array_get_length (server), ==, N_PUSH);
  g_assert_cmpint (sync_server_counter (s, "push_applied"), ==, N_PUSH);
  for (guint i = 0; i < N_PUSH; i++)
    {
      gint64 *id = g_new (gint64, 1);
      *id = json_object_get_int_member (json_array_get_object_element (server, i), "id");
      g_hash_table_add (server_ids, id);
    }
  mine = cli_meetings (dir);
  g_assert_cmpuint (json_array_get_length (mine), ==, N_PUSH);
  for (guint i = 0; i < N_PUSH; i++)
    {
      JsonObject *m = json_array_get_object_element (mine, i);
      gint64 id;

      g_assert_true (g_hash_table_contains (local_ids, json_object_get_string_member (m, "local_id")));
      g_assert_false (json_is_null_member (m, "id"));
      id = json_object_get_int_member (m, "id");
      g_assert_true (g_hash_table_remove (server_ids, &id));   /* each server meeting once */
      g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "synced");
    }
  g_assert_cmpuint (g_hash_table_size (server_ids), ==, 0);
  outbox = cli_outbox (dir);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  assert_intact (dir);

  sync_server_free (s);
  sync_rmdir (dir);
}

static void
test_kill_pull (void)
{
  g_autofree char *dir = sync_tmpdir ("killpull");
  SyncServer *s = sync_server_start (0, "--demo", "--generate", G_STRINGIFY (N_PULL), NULL);
  g_autoptr(JsonArray) server = sync_server_meetings (s);
  g_autoptr(JsonArray) mine = NULL;
  guint n_server = json_array_get_length (server);
  guint kills = 0;

  g_assert_cmpuint (n_server, >=, N_PULL);
  cli_login (dir, s, "ayse", "ayse123");
  /* Slow pages stretch the pull, so that most of the runs die in it (the
   * pull is pipelined and otherwise takes about two seconds here). */
  sync_server_fault (s, "latency_ms", "40");
  for (int i = 0; i < N_KILLS; i++)
    {
      kills += kill_sync_after (dir, (guint) g_test_rand_int_range (60, 300));
      assert_intact (dir);
    }
  sync_server_fault (s, "latency_ms", "0");
  g_test_message ("pull: %u of %d runs killed mid-way", kills, N_KILLS);
  g_assert_cmpuint (kills, >=, 3);
  sync_to_completion (dir);

  mine = cli_meetings (dir);
  g_assert_cmpuint (json_array_get_length (mine), ==, n_server);
  /* the same ids, each once, at the same versions */
  {
    g_autoptr(GHashTable) versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    for (guint i = 0; i < n_server; i++)
      {
        JsonObject *m = json_array_get_object_element (server, i);
        gint64 *id = g_new (gint64, 1);
        *id = json_object_get_int_member (m, "id");
        g_hash_table_insert (versions, id, (gpointer) json_object_get_string_member (m, "modified_at"));
      }
    for (guint i = 0; i < n_server; i++)
      {
        JsonObject *m = json_array_get_object_element (mine, i);
        gint64 id = json_object_get_int_member (m, "id");
        const char *version = g_hash_table_lookup (versions, &id);

        g_assert_nonnull (version);
        g_assert_cmpstr (json_object_get_string_member (m, "modified_at"), ==, version);
        g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "synced");
        g_assert_true (g_hash_table_remove (versions, &id));
      }
    g_assert_cmpuint (g_hash_table_size (versions), ==, 0);
  }
  assert_intact (dir);

  sync_server_free (s);
  sync_rmdir (dir);
}

/* A cursor that expires with a conflict waiting, then kills during the
 * full pull that follows: the restarted pull still replaces the replica
 * (meetings deleted meanwhile go) and keeps the conflict. */
static void
test_kill_full_pull_after_410 (void)
{
  g_autofree char *dir = sync_tmpdir ("kill410");
  SyncServer *s = sync_server_start (0, "--demo", "--generate", "20000", NULL);
  g_autoptr(JsonArray) server = NULL;
  g_autoptr(JsonArray) mine = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(GHashTable) deleted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *mine_id = NULL;
  g_autofree char *queued = NULL;
  gint64 user_id = 0;
  int status = -1;

  cli_login (dir, s, "ayse", "ayse123");
  sync_to_completion (dir);
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "account", "status", NULL);
    user_id = json_object_get_int_member (cli_object (r), "user_id");
  }
  server = sync_server_meetings (s);
  /* one of ayse's meetings to fight over, five others deleted on the server */
  for (guint i = 0; i < json_array_get_length (server); i++)
    {
      JsonObject *m = json_array_get_object_element (server, i);
      gint64 id = json_object_get_int_member (m, "id");

      if (mine_id == NULL && json_object_get_int_member (m, "organizer_id") == user_id)
        mine_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      else if (g_hash_table_size (deleted) < 5 && i % 997 == 3)
        {
          gint64 *key = g_new (gint64, 1);
          g_autofree char *path = g_strdup_printf ("/_test/meetings/%" G_GINT64_FORMAT "/delete/", id);
          g_autoptr(JsonNode) n = NULL;
          guint code = 0;

          *key = id;
          g_hash_table_add (deleted, key);
          n = sync_server_request (s, "POST", path, "{}", &code);
          g_assert_cmpuint (code, ==, 200);
        }
    }
  g_assert_nonnull (mine_id);
  g_assert_cmpuint (g_hash_table_size (deleted), ==, 5);
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", mine_id, "--title", "Local title", NULL);
    g_autofree char *path = g_strdup_printf ("/_test/meetings/%s/", mine_id);
    g_autoptr(JsonNode) n = sync_server_request (s, "POST", path, "{\"title\": \"Server title\"}", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  sync_server_fault (s, "expire_cursors", "1");
  queued = cli_add (dir, "Queued before the full pull", "2033-05-02T09:00:00Z", "2033-05-02T10:00:00Z", NULL);

  for (int i = 0; i < N_KILLS; i++)
    {
      kill_sync_after (dir, (guint) g_test_rand_int_range (100, 1000));
      assert_intact (dir);
    }
  for (int i = 0; i < 5 && status != 3; i++)
    {
      g_autoptr(CliRun) r = cli_sync (dir, -1);
      status = r->status;
    }
  g_assert_cmpint (status, ==, 3);
  g_assert_cmpint (sync_server_counter (s, "cursor_expired"), >=, 1);

  g_clear_pointer (&server, json_array_unref);
  server = sync_server_meetings (s);
  mine = cli_meetings (dir);
  g_assert_cmpuint (json_array_get_length (mine), ==, json_array_get_length (server));
  for (guint i = 0; i < json_array_get_length (mine); i++)
    {
      JsonObject *m = json_array_get_object_element (mine, i);
      gint64 id = json_object_get_int_member (m, "id");
      g_assert_false (g_hash_table_contains (deleted, &id));
    }
  g_assert_nonnull (find_by_member (mine, "local_id", queued));
  g_assert_nonnull (find_by_member (server, "title", "Queued before the full pull"));
  {
    g_autoptr(JsonObject) m = cli_meeting (dir, mine_id);
    g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, "Local title");
    g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "conflict");
  }
  conflicts = cli_conflicts (dir);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (conflicts, 0), "server"), "title"), ==, "Server title");
  assert_intact (dir);

  sync_server_free (s);
  sync_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
  g_test_add_func ("/sync/kill/push-1000", test_kill_push);
  g_test_add_func ("/sync/kill/first-pull-50000", test_kill_pull);
  g_test_add_func ("/sync/kill/full-pull-after-410", test_kill_full_pull_after_410);
  return g_test_run ();
}
