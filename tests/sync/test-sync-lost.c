/* test-sync-lost.c — answers lost after the server applied the change
 * (drop_after_apply_rate=1), with the user editing again before the next
 * round: the re-sent change must be recognised as a duplicate and the new
 * edit must still arrive, under its own change_id, without a conflict
 * against the user's own earlier edit. */
#include "sync-util.h"

static void
expect_sync (const char *dir, int status)
{
  g_autoptr(CliRun) r = cli_sync (dir, -1);

  if (r->status != status)
    g_error ("sync exited %d, expected %d: %s %s", r->status, status, r->out, r->err);
}

static void
edit (const char *dir, const char *id, const char *option, const char *value)
{
  g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "edit", id, option, value, NULL);

  if (r->status != 0)
    g_error ("edit failed (%d): %s %s", r->status, r->out, r->err);
}

static void
assert_settled (SyncServer *s, const char *dir, guint n)
{
  g_autoptr(JsonArray) server = sync_server_meetings (s);
  g_autoptr(JsonArray) outbox = cli_outbox (dir);
  g_autoptr(JsonArray) conflicts = cli_conflicts (dir);
  g_autoptr(JsonArray) mine = cli_meetings (dir);

  g_assert_cmpuint (json_array_get_length (server), ==, n);
  g_assert_cmpuint (json_array_get_length (mine), ==, n);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);
}

static void
test_create_then_edit (void)
{
  g_autofree char *dir = sync_tmpdir ("lost-create");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autofree char *local = NULL;
  g_autoptr(JsonArray) server = NULL;
  JsonObject *m;

  cli_login (dir, s, "ayse", "pw");
  local = cli_add (dir, "Created", "2031-08-01T09:00:00Z", "2031-08-01T10:00:00Z", NULL);
  sync_server_fault (s, "drop_after_apply_rate", "1");
  expect_sync (dir, 4);
  g_assert_cmpint (sync_server_counter (s, "dropped"), ==, 1);
  edit (dir, local, "--agenda", "added after the lost answer");
  sync_server_fault (s, "drop_after_apply_rate", "0");
  expect_sync (dir, 0);

  server = sync_server_meetings (s);
  g_assert_cmpuint (json_array_get_length (server), ==, 1);
  m = json_array_get_object_element (server, 0);
  g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, "Created");
  g_assert_cmpstr (json_object_get_string_member (m, "agenda"), ==, "added after the lost answer");
  assert_settled (s, dir, 1);
  {
    g_autoptr(JsonObject) l = cli_meeting (dir, local);
    g_assert_cmpint (json_object_get_int_member (l, "id"), ==, json_object_get_int_member (m, "id"));
    g_assert_cmpstr (json_object_get_string_member (l, "agenda"), ==, "added after the lost answer");
  }
  sync_server_free (s);
  sync_rmdir (dir);
}

static void
test_update_then_edit (gconstpointer data)
{
  gboolean same_field = GPOINTER_TO_INT (data);
  g_autofree char *dir = sync_tmpdir ("lost-update");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autofree char *local = NULL;
  g_autoptr(JsonArray) server = NULL;
  JsonObject *m;

  cli_login (dir, s, "ayse", "pw");
  local = cli_add (dir, "First", "2031-08-02T09:00:00Z", "2031-08-02T10:00:00Z", NULL);
  expect_sync (dir, 0);
  edit (dir, local, "--title", "Second");
  sync_server_fault (s, "drop_after_apply_rate", "1");
  expect_sync (dir, 4);
  g_assert_cmpint (sync_server_counter (s, "dropped"), ==, 1);
  if (same_field)
    edit (dir, local, "--title", "Third");
  else
    edit (dir, local, "--description", "Third");
  sync_server_fault (s, "drop_after_apply_rate", "0");
  expect_sync (dir, 0);

  server = sync_server_meetings (s);
  g_assert_cmpuint (json_array_get_length (server), ==, 1);
  m = json_array_get_object_element (server, 0);
  g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, same_field ? "Third" : "Second");
  g_assert_cmpstr (json_object_get_string_member (m, "description"), ==, same_field ? "" : "Third");
  assert_settled (s, dir, 1);
  sync_server_free (s);
  sync_rmdir (dir);
}

/* The create's answer is lost, then the user deletes the meeting: the
 * create is confirmed as a duplicate and the delete follows it. */
static void
test_create_then_delete (void)
{
  g_autofree char *dir = sync_tmpdir ("lost-delete");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autofree char *local = NULL;

  cli_login (dir, s, "ayse", "pw");
  local = cli_add (dir, "Short-lived", "2031-08-04T09:00:00Z", "2031-08-04T10:00:00Z", NULL);
  g_free (cli_add (dir, "Stays", "2031-08-04T11:00:00Z", "2031-08-04T12:00:00Z", NULL));
  sync_server_fault (s, "drop_after_apply_rate", "1");
  expect_sync (dir, 4);
  {
    g_autoptr(JsonArray) server = sync_server_meetings (s);
    g_assert_cmpuint (json_array_get_length (server), ==, 2);
  }
  {
    g_autoptr(CliRun) r = cli_run (dir, NULL, "meetings", "delete", local, NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  sync_server_fault (s, "drop_after_apply_rate", "0");
  expect_sync (dir, 0);
  {
    g_autoptr(JsonArray) server = sync_server_meetings (s);
    g_assert_cmpuint (json_array_get_length (server), ==, 1);
    g_assert_nonnull (find_by_member (server, "title", "Stays"));
  }
  g_assert_null (cli_meeting (dir, local));
  assert_settled (s, dir, 1);
  sync_server_free (s);
  sync_rmdir (dir);
}

/* keep both, with the resolve's answer lost: one copy, not two. */
static void
test_resolve_lost (void)
{
  g_autofree char *a = sync_tmpdir ("lost-a");
  g_autofree char *b = sync_tmpdir ("lost-b");
  SyncServer *s = sync_server_start (0, "--user", "ayse:pw", NULL);
  g_autofree char *local = NULL, *id = NULL, *cid = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonArray) server = NULL;
  JsonObject *c;

  cli_login (a, s, "ayse", "pw");
  cli_login (b, s, "ayse", "pw");
  local = cli_add (a, "Shared", "2031-08-03T09:00:00Z", "2031-08-03T10:00:00Z", NULL);
  expect_sync (a, 0);
  expect_sync (b, 0);
  {
    g_autoptr(JsonObject) m = cli_meeting (a, local);
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (m, "id"));
  }
  edit (a, id, "--title", "A's");
  edit (b, id, "--title", "B's");
  expect_sync (a, 0);
  expect_sync (b, 3);
  conflicts = cli_conflicts (b);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  c = json_array_get_object_element (conflicts, 0);
  cid = json_node_get_value_type (json_object_get_member (c, "id")) == G_TYPE_STRING
        ? g_strdup (json_object_get_string_member (c, "id"))
        : g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "conflicts", "resolve", cid, "--keep", "both", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  sync_server_fault (s, "drop_after_apply_rate", "1");
  expect_sync (b, 4);
  g_assert_cmpint (sync_server_counter (s, "dropped"), ==, 1);
  g_assert_cmpint (sync_server_counter (s, "resolve_applied"), ==, 1);
  sync_server_fault (s, "drop_after_apply_rate", "0");
  expect_sync (b, 0);
  expect_sync (a, 0);
  g_assert_cmpint (sync_server_counter (s, "resolve_duplicates"), ==, 1);

  server = sync_server_meetings (s);
  g_assert_cmpuint (json_array_get_length (server), ==, 2);
  g_assert_nonnull (find_by_member (server, "title", "A's"));
  g_assert_nonnull (find_by_member (server, "title", "B's"));
  assert_settled (s, a, 2);
  assert_settled (s, b, 2);

  sync_server_free (s);
  sync_rmdir (a);
  sync_rmdir (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
  g_test_add_func ("/sync/lost/create-then-edit", test_create_then_edit);
  g_test_add_data_func ("/sync/lost/update-then-edit-other-field", GINT_TO_POINTER (FALSE), test_update_then_edit);
  g_test_add_data_func ("/sync/lost/update-then-edit-same-field", GINT_TO_POINTER (TRUE), test_update_then_edit);
  g_test_add_func ("/sync/lost/create-then-delete", test_create_then_delete);
  g_test_add_func ("/sync/lost/resolve-keep-both", test_resolve_lost);
  return g_test_run ();
}
