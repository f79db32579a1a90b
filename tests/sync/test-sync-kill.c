/* test-sync-kill.c — SIGKILL at random points of a long push and of a
 * 50,000-meeting first pull (scenario 7 of issue 4): afterwards the next
 * rounds finish the job with no duplicate and no lost meeting, and the
 * replica database is intact. The kill points come from the GTest seed
 * (--seed to replay one). */
#include "sync-util.h"

#define N_PUSH   1000
#define N_PULL   50000
#define N_KILLS  3

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
      kills += kill_sync_after (dir, (guint) g_test_rand_int_range (30, 1300));
      assert_intact (dir);
    }
  g_assert_cmpuint (kills, >, 0);
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
  for (int i = 0; i < N_KILLS; i++)
    {
      kills += kill_sync_after (dir, (guint) g_test_rand_int_range (200, 3500));
      assert_intact (dir);
    }
  g_assert_cmpuint (kills, >, 0);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
  g_test_add_func ("/sync/kill/push-1000", test_kill_push);
  g_test_add_func ("/sync/kill/first-pull-50000", test_kill_pull);
  return g_test_run ();
}
