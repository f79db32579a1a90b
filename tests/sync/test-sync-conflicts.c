/* test-sync-conflicts.c — two replicas of one user edit the same meeting
 * (scenario 2 of issue 4): automatic merges, conflicts and their three
 * resolutions, edit against delete. */
#include "sync-util.h"

typedef struct {
  SyncServer *server;
  char       *a;          /* data dirs of the two clients */
  char       *b;
  char       *local_a;    /* the shared meeting, as A made it */
  gint64      id;
  char       *id_s;
} Fixture;

static void
expect_sync (const char *dir, int status, const char *state)
{
  g_autoptr(CliRun) r = cli_sync (dir, -1);

  if (r->status != status)
    g_error ("sync of %s exited %d, expected %d: %s %s", dir, r->status, status, r->out, r->err);
  g_assert_cmpstr (json_object_get_string_member (cli_object (r), "state"), ==, state);
}

static void
edit (const char *dir, const char *id, const char *option, const char *value)
{
  g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", id, option, value, NULL);

  if (r->status != 0)
    g_error ("edit failed (%d): %s %s", r->status, r->out, r->err);
  g_assert_cmpstr (json_object_get_string_member (cli_object (r), "sync_state"), ==, "pending");
}

static const char *
field (JsonObject *o, const char *name)
{
  g_assert_nonnull (o);
  return json_object_get_string_member (o, name);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) m = NULL;

  f->server = sync_server_start (0, "--user", "ayse:pw", NULL);
  f->a = sync_tmpdir ("a");
  f->b = sync_tmpdir ("b");
  cli_login (f->a, f->server, "ayse", "pw");
  cli_login (f->b, f->server, "ayse", "pw");
  f->local_a = cli_add (f->a, "Original", "2031-03-04T09:00:00Z", "2031-03-04T10:00:00Z", NULL);
  {
    g_autoptr(CliRun) r = cli_run (f->a, NULL, "meetings", "edit", f->local_a, "--description", "base text", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  expect_sync (f->a, 0, "synced");
  expect_sync (f->b, 0, "synced");
  m = cli_meeting (f->a, f->local_a);
  f->id = json_object_get_int_member (m, "id");
  f->id_s = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_clear_pointer (&m, json_object_unref);
  m = cli_meeting (f->b, f->id_s);
  g_assert_nonnull (m);
  g_assert_cmpstr (field (m, "title"), ==, "Original");
  g_assert_cmpstr (field (m, "description"), ==, "base text");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  sync_server_free (f->server);
  sync_rmdir (f->a);
  sync_rmdir (f->b);
  g_free (f->a);
  g_free (f->b);
  g_free (f->local_a);
  g_free (f->id_s);
}

/* Different fields: merged without asking anyone. */
static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(JsonArray) conflicts = NULL;

  edit (f->a, f->id_s, "--title", "Title from A");
  edit (f->b, f->id_s, "--description", "Description from B");
  expect_sync (f->a, 0, "synced");
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");

  conflicts = cli_conflicts (f->b);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);
  server = sync_server_meeting (f->server, f->id);
  g_assert_cmpstr (field (server, "title"), ==, "Title from A");
  g_assert_cmpstr (field (server, "description"), ==, "Description from B");
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) m = cli_meeting (i ? f->b : f->a, f->id_s);
      g_assert_cmpstr (field (m, "title"), ==, "Title from A");
      g_assert_cmpstr (field (m, "description"), ==, "Description from B");
      g_assert_cmpstr (field (m, "sync_state"), ==, "synced");
      g_assert_cmpstr (field (m, "modified_at"), ==, field (server, "modified_at"));
    }
}

/* The same field edited twice: B's sync stops with one conflict. */
static JsonObject *
make_conflict (Fixture *f)
{
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonObject) server = NULL;
  JsonObject *c;
  JsonArray *fields;

  edit (f->a, f->id_s, "--title", "Title from A");
  edit (f->b, f->id_s, "--title", "Title from B");
  expect_sync (f->a, 0, "synced");
  {
    g_autoptr(CliRun) r = cli_sync (f->b, -1);
    JsonObject *o = cli_object (r);
    g_assert_cmpint (r->status, ==, 3);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "needs_attention");
    g_assert_cmpint (json_object_get_int_member (o, "conflicts"), ==, 1);
  }
  server = sync_server_meeting (f->server, f->id);
  g_assert_cmpstr (field (server, "title"), ==, "Title from A");

  conflicts = cli_conflicts (f->b);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  c = json_array_get_object_element (conflicts, 0);
  g_assert_cmpint (json_object_get_int_member (c, "meeting_id"), ==, f->id);
  g_assert_nonnull (field (c, "local_id"));
  fields = json_object_get_array_member (c, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "title");
  g_assert_cmpstr (field (json_object_get_object_member (c, "local"), "title"), ==, "Title from B");
  g_assert_cmpstr (field (json_object_get_object_member (c, "server"), "title"), ==, "Title from A");
  g_assert_cmpstr (field (c, "server_version"), ==, field (server, "modified_at"));
  g_assert_nonnull (field (c, "local_version"));
  g_assert_cmpstr (field (c, "local_version"), !=, field (c, "server_version"));
  {
    g_autoptr(JsonObject) m = cli_meeting (f->b, f->id_s);
    g_assert_cmpstr (field (m, "sync_state"), ==, "conflict");
  }
  return json_object_ref (c);
}

static void
resolve (const char *dir, JsonObject *conflict, const char *keep)
{
  g_autofree char *id = json_node_get_value_type (json_object_get_member (conflict, "id")) == G_TYPE_STRING
                        ? g_strdup (json_object_get_string_member (conflict, "id"))
                        : g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (conflict, "id"));
  g_autoptr(CliRun) r = cli_run (dir, NULL, "conflicts", "resolve", id, "--keep", keep, NULL);

  if (r->status != 0)
    g_error ("resolve failed (%d): %s %s", r->status, r->out, r->err);
}

static void
assert_everywhere (Fixture *f, gint64 id, const char *title)
{
  g_autoptr(JsonObject) server = sync_server_meeting (f->server, id);
  g_autofree char *id_s = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_assert_nonnull (server);
  g_assert_cmpstr (field (server, "title"), ==, title);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) m = cli_meeting (i ? f->b : f->a, id_s);
      g_assert_nonnull (m);
      g_assert_cmpstr (field (m, "title"), ==, title);
      g_assert_cmpstr (field (m, "sync_state"), ==, "synced");
      g_assert_cmpstr (field (m, "modified_at"), ==, field (server, "modified_at"));
    }
}

static void
assert_counts (Fixture *f, guint n)
{
  g_autoptr(JsonArray) server = sync_server_meetings (f->server);
  g_autoptr(JsonArray) a = cli_meetings (f->a);
  g_autoptr(JsonArray) b = cli_meetings (f->b);
  g_autoptr(JsonArray) ca = cli_conflicts (f->a);
  g_autoptr(JsonArray) cb = cli_conflicts (f->b);
  g_autoptr(JsonArray) ob = cli_outbox (f->b);

  g_assert_cmpuint (json_array_get_length (server), ==, n);
  g_assert_cmpuint (json_array_get_length (a), ==, n);
  g_assert_cmpuint (json_array_get_length (b), ==, n);
  g_assert_cmpuint (json_array_get_length (ca), ==, 0);
  g_assert_cmpuint (json_array_get_length (cb), ==, 0);
  g_assert_cmpuint (json_array_get_length (ob), ==, 0);
}

static void
test_keep_local (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) c = make_conflict (f);

  resolve (f->b, c, "local");
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");
  assert_everywhere (f, f->id, "Title from B");
  assert_counts (f, 1);
}

static void
test_keep_server (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) c = make_conflict (f);

  resolve (f->b, c, "server");
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");
  assert_everywhere (f, f->id, "Title from A");
  assert_counts (f, 1);
}

static void
test_keep_both (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) c = make_conflict (f);
  g_autoptr(JsonArray) server = NULL;
  JsonObject *copy = NULL;

  resolve (f->b, c, "both");
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");
  assert_everywhere (f, f->id, "Title from A");
  assert_counts (f, 2);
  server = sync_server_meetings (f->server);
  copy = find_by_member (server, "title", "Title from B");
  g_assert_nonnull (copy);
  g_assert_cmpint (json_object_get_int_member (copy, "id"), !=, f->id);
  g_assert_cmpstr (field (copy, "description"), ==, "base text");
  assert_everywhere (f, json_object_get_int_member (copy, "id"), "Title from B");
}

/* A deletes, B edits: a conflict with no server copy; keeping the local
 * version brings the meeting back under a new id, keeping the server's
 * lets it go. */
static void
delete_vs_edit (Fixture *f, JsonObject **conflict_out)
{
  g_autoptr(JsonArray) conflicts = NULL;
  JsonObject *c;

  {
    g_autoptr(CliRun) r = cli_run (f->a, NULL, "meetings", "delete", f->id_s, NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  edit (f->b, f->id_s, "--title", "Edited on B");
  expect_sync (f->a, 0, "synced");
  g_assert_null (sync_server_meeting (f->server, f->id));
  {
    g_autoptr(CliRun) r = cli_sync (f->b, -1);
    g_assert_cmpint (r->status, ==, 3);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "conflicts"), ==, 1);
  }
  conflicts = cli_conflicts (f->b);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  c = json_array_get_object_element (conflicts, 0);
  g_assert_true (json_is_null_member (c, "server"));
  g_assert_cmpstr (field (json_object_get_object_member (c, "local"), "title"), ==, "Edited on B");
  *conflict_out = json_object_ref (c);
}

static void
test_delete_keep_local (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(JsonArray) server = NULL;
  JsonObject *back;

  delete_vs_edit (f, &c);
  resolve (f->b, c, "local");
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");
  server = sync_server_meetings (f->server);
  g_assert_cmpuint (json_array_get_length (server), ==, 1);
  back = json_array_get_object_element (server, 0);
  g_assert_cmpint (json_object_get_int_member (back, "id"), !=, f->id);
  assert_everywhere (f, json_object_get_int_member (back, "id"), "Edited on B");
  assert_counts (f, 1);
}

static void
test_delete_keep_server (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) c = NULL;

  delete_vs_edit (f, &c);
  resolve (f->b, c, "server");
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");
  assert_counts (f, 0);
}

/* The server changes again between the user's decision and the next
 * round: the resolve is refused with a fresh conflict, the user decides
 * again, and the second decision goes through. */
static void
test_resolve_stale (Fixture *f, gconstpointer data)
{
  const char *keep = data;
  g_autoptr(JsonObject) c = make_conflict (f);
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonArray) conflicts = NULL;

  resolve (f->b, c, keep);
  edit (f->a, f->id_s, "--title", "A again");
  expect_sync (f->a, 0, "synced");
  {
    g_autoptr(CliRun) r = cli_sync (f->b, -1);
    g_assert_cmpint (r->status, ==, 3);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "conflicts"), ==, 1);
  }
  conflicts = cli_conflicts (f->b);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  again = json_object_ref (json_array_get_object_element (conflicts, 0));
  g_assert_cmpint (json_object_get_int_member (again, "meeting_id"), ==, f->id);
  g_assert_cmpstr (field (json_object_get_object_member (again, "server"), "title"), ==, "A again");
  g_assert_cmpstr (field (json_object_get_object_member (again, "local"), "title"), ==, "Title from B");
  {
    g_autoptr(JsonArray) server = sync_server_meetings (f->server);
    g_assert_cmpuint (json_array_get_length (server), ==, 1);
  }

  resolve (f->b, again, keep);
  expect_sync (f->b, 0, "synced");
  expect_sync (f->a, 0, "synced");
  if (g_str_equal (keep, "both"))
    {
      g_autoptr(JsonArray) server = sync_server_meetings (f->server);
      JsonObject *copy = find_by_member (server, "title", "Title from B");
      assert_everywhere (f, f->id, "A again");
      g_assert_nonnull (copy);
      assert_everywhere (f, json_object_get_int_member (copy, "id"), "Title from B");
      assert_counts (f, 2);
    }
  else
    {
      assert_everywhere (f, f->id, "Title from B");
      assert_counts (f, 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/sync/conflicts/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("merge-different-fields", test_merge);
  ADD ("keep-local", test_keep_local);
  ADD ("keep-server", test_keep_server);
  ADD ("keep-both", test_keep_both);
  ADD ("delete-keep-local", test_delete_keep_local);
  ADD ("delete-keep-server", test_delete_keep_server);
  g_test_add ("/sync/conflicts/stale-keep-local", Fixture, "local", fixture_set_up, test_resolve_stale, fixture_tear_down);
  g_test_add ("/sync/conflicts/stale-keep-both", Fixture, "both", fixture_set_up, test_resolve_stale, fixture_tear_down);
  return g_test_run ();
}
