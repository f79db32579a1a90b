/* test-sync-rooms.c — two people book one room at overlapping times while
 * offline (scenario 3 of issue 4): the later push is rejected with the
 * server's error, a new time fixes it, a discard restores the server's
 * version. */
#include "sync-util.h"

static JsonObject *
only_change (const char *dir)
{
  g_autoptr(JsonArray) outbox = cli_outbox (dir);

  g_assert_cmpuint (json_array_get_length (outbox), ==, 1);
  return json_object_ref (json_array_get_object_element (outbox, 0));
}

static void
test_double_booking (void)
{
  g_autofree char *a = sync_tmpdir ("ayse");
  g_autofree char *b = sync_tmpdir ("mehmet");
  SyncServer *s = sync_server_start (0, "--demo", NULL);
  g_autofree char *la = NULL, *lb = NULL, *b_id = NULL;
  g_autoptr(JsonObject) ma = NULL;
  g_autoptr(JsonObject) change = NULL;
  gint64 a_id;

  cli_login (a, s, "ayse", "ayse123");
  cli_login (b, s, "mehmet", "mehmet123");
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(CliRun) r = cli_sync (i ? b : a, -1);
      g_assert_cmpint (r->status, ==, 0);
    }

  /* Both book room 1 offline, half an hour apart. */
  la = cli_add (a, "Booking A", "2031-03-05T10:00:00Z", "2031-03-05T11:00:00Z", "1");
  lb = cli_add (b, "Booking B", "2031-03-05T10:30:00Z", "2031-03-05T11:30:00Z", "1");
  {
    g_autoptr(CliRun) r = cli_sync (a, -1);
    g_assert_cmpint (r->status, ==, 0);
  }
  ma = cli_meeting (a, la);
  a_id = json_object_get_int_member (ma, "id");
  {
    g_autoptr(CliRun) r = cli_sync (b, -1);
    JsonObject *o = cli_object (r);
    g_assert_cmpint (r->status, ==, 3);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "needs_attention");
    g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "conflicts"), ==, 0);
  }

  change = only_change (b);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "create");
  g_assert_cmpstr (json_object_get_string_member (change, "local_id"), ==, lb);
  g_assert_true (json_is_null_member (change, "id"));
  {
    JsonObject *error = json_object_get_object_member (change, "error");
    JsonObject *details, *existing;

    g_assert_nonnull (error);
    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "meeting_conflict");
    g_assert_true (json_object_has_member (error, "message"));
    details = json_object_get_object_member (error, "conflict_details");
    g_assert_nonnull (details);
    existing = json_object_get_object_member (details, "existing_meeting");
    g_assert_nonnull (existing);
    g_assert_cmpint (json_object_get_int_member (existing, "id"), ==, a_id);
    g_assert_cmpstr (json_object_get_string_member (existing, "title"), ==, "Booking A");
  }
  {
    g_autoptr(JsonObject) m = cli_meeting (b, lb);
    g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "rejected");
  }

  /* Another time: accepted. */
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "meetings", "edit", lb, "--start", "2031-03-05T12:00:00Z",
                                   "--end", "2031-03-05T13:00:00Z", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli_sync (b, -1);
    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "rejected"), ==, 0);
  }
  {
    g_autoptr(JsonObject) m = cli_meeting (b, lb);
    g_autoptr(JsonObject) server = NULL;
    g_autoptr(JsonArray) outbox = cli_outbox (b);

    g_assert_false (json_is_null_member (m, "id"));
    g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "synced");
    server = sync_server_meeting (s, json_object_get_int_member (m, "id"));
    g_assert_nonnull (server);
    g_assert_cmpstr (json_object_get_string_member (server, "start_time"), ==, "2031-03-05T12:00:00.000000Z");
    g_assert_cmpint (json_object_get_int_member (server, "room_id"), ==, 1);
    g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
    b_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (m, "id"));
  }
  {
    g_autoptr(JsonObject) server = sync_server_meeting (s, a_id);
    g_assert_cmpstr (json_object_get_string_member (server, "start_time"), ==, "2031-03-05T10:00:00.000000Z");
  }

  /* An edit of the synced meeting into A's time, then discarded. */
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "meetings", "edit", b_id, "--start", "2031-03-05T10:15:00Z",
                                   "--end", "2031-03-05T10:45:00Z", "--title", "Moved", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli_sync (b, -1);
    g_assert_cmpint (r->status, ==, 3);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "rejected"), ==, 1);
  }
  g_clear_pointer (&change, json_object_unref);
  change = only_change (b);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "update");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "error"), "code"), ==,
                   "meeting_conflict");
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "outbox", "discard",
                                   json_object_get_string_member (change, "change_id"), NULL);
    if (r->status != 0)
      g_error ("discard failed (%d): %s %s", r->status, r->out, r->err);
  }
  {
    g_autoptr(JsonObject) m = cli_meeting (b, b_id);
    g_autoptr(JsonArray) outbox = cli_outbox (b);
    g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, "Booking B");
    g_assert_cmpstr (json_object_get_string_member (m, "start_time"), ==, "2031-03-05T12:00:00.000000Z");
    g_assert_cmpstr (json_object_get_string_member (m, "end_time"), ==, "2031-03-05T13:00:00.000000Z");
    g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "synced");
    g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli_sync (b, -1);
    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "pushed"), ==, 0);
  }
  {
    g_autoptr(JsonObject) server = sync_server_meeting (s, g_ascii_strtoll (b_id, NULL, 10));
    g_assert_cmpstr (json_object_get_string_member (server, "title"), ==, "Booking B");
    g_assert_cmpstr (json_object_get_string_member (server, "start_time"), ==, "2031-03-05T12:00:00.000000Z");
  }

  sync_server_free (s);
  sync_rmdir (a);
  sync_rmdir (b);
}

/* keep both, and the copy clashes with a third meeting's room: the
 * resolve is refused (rejected, with the server's error), the user moves
 * the copy, and the fix goes out. */
static void
test_keep_both_refused (void)
{
  g_autofree char *a = sync_tmpdir ("kb-a");
  g_autofree char *b = sync_tmpdir ("kb-b");
  SyncServer *s = sync_server_start (0, "--demo", NULL);
  g_autofree char *lm = NULL, *ln = NULL, *m_id = NULL, *cid = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonArray) outbox = NULL;
  g_autoptr(JsonArray) mine = NULL;
  g_autoptr(JsonArray) server = NULL;
  JsonObject *change, *copy;
  gint64 n_id;

  cli_login (a, s, "ayse", "ayse123");
  cli_login (b, s, "ayse", "ayse123");
  lm = cli_add (a, "M", "2031-03-06T10:00:00Z", "2031-03-06T11:00:00Z", "2");
  ln = cli_add (a, "N", "2031-03-06T11:00:00Z", "2031-03-06T12:00:00Z", "2");
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(CliRun) r = cli_sync (i ? b : a, -1);
      g_assert_cmpint (r->status, ==, 0);
    }
  {
    g_autoptr(JsonObject) m = cli_meeting (a, lm);
    g_autoptr(JsonObject) n = cli_meeting (a, ln);
    m_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (m, "id"));
    n_id = json_object_get_int_member (n, "id");
  }
  {
    g_autoptr(CliRun) r1 = cli_run (a, NULL, "meetings", "edit", m_id, "--title", "M by A", NULL);
    g_autoptr(CliRun) r2 = cli_run (b, NULL, "meetings", "edit", m_id, "--title", "M by B",
                                    "--start", "2031-03-06T11:00:00Z", "--end", "2031-03-06T12:00:00Z", NULL);
    g_autoptr(CliRun) r3 = cli_sync (a, -1);
    g_autoptr(CliRun) r4 = cli_sync (b, -1);
    g_assert_cmpint (r1->status, ==, 0);
    g_assert_cmpint (r2->status, ==, 0);
    g_assert_cmpint (r3->status, ==, 0);
    g_assert_cmpint (r4->status, ==, 3);
  }
  conflicts = cli_conflicts (b);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  cid = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (json_array_get_object_element (conflicts, 0), "id"));
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "conflicts", "resolve", cid, "--keep", "both", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli_sync (b, -1);
    g_assert_cmpint (r->status, ==, 3);
    g_assert_cmpint (json_object_get_int_member (cli_object (r), "rejected"), ==, 1);
  }
  outbox = cli_outbox (b);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 1);
  change = json_array_get_object_element (outbox, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "rejected");
  {
    JsonObject *error = json_object_get_object_member (change, "error");
    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "meeting_conflict");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                       json_object_get_object_member (error, "conflict_details"), "existing_meeting"), "id"), ==, n_id);
  }
  mine = cli_meetings (b);
  copy = find_by_member (mine, "title", "M by B");
  g_assert_nonnull (copy);
  g_assert_true (json_is_null_member (copy, "id"));
  g_assert_cmpstr (json_object_get_string_member (copy, "sync_state"), ==, "rejected");
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "meetings", "edit", json_object_get_string_member (copy, "local_id"),
                                   "--start", "2031-03-06T13:00:00Z", "--end", "2031-03-06T14:00:00Z", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CliRun) r = cli_sync (i == 1 ? a : b, -1);
      if (r->status != 0)
        g_error ("sync %d exited %d: %s", i, r->status, r->out);
    }
  server = sync_server_meetings (s);
  {
    JsonObject *sm = find_by_int (server, "id", g_ascii_strtoll (m_id, NULL, 10));
    JsonObject *sc = find_by_member (server, "title", "M by B");
    g_assert_cmpstr (json_object_get_string_member (sm, "title"), ==, "M by A");
    g_assert_cmpstr (json_object_get_string_member (sm, "start_time"), ==, "2031-03-06T10:00:00.000000Z");
    g_assert_nonnull (sc);
    g_assert_cmpstr (json_object_get_string_member (sc, "start_time"), ==, "2031-03-06T13:00:00.000000Z");
    g_assert_nonnull (find_by_int (server, "id", n_id));
  }
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonArray) l = cli_meetings (i ? b : a);
      g_autoptr(JsonArray) o = cli_outbox (i ? b : a);
      g_assert_cmpuint (json_array_get_length (l), ==, json_array_get_length (server));
      g_assert_cmpuint (json_array_get_length (o), ==, 0);
    }
  sync_server_free (s);
  sync_rmdir (a);
  sync_rmdir (b);
}

/* A participant busy elsewhere: rejected with unavailable_participants;
 * the same meeting with --ignore-unavailable goes through. */
static void
test_participant_unavailable (void)
{
  g_autofree char *a = sync_tmpdir ("pu-a");
  g_autofree char *b = sync_tmpdir ("pu-b");
  SyncServer *s = sync_server_start (0, "--demo", NULL);
  g_autofree char *la = NULL, *lb = NULL;
  g_autoptr(JsonObject) change = NULL;
  gint64 a_id;

  cli_login (a, s, "ayse", "ayse123");
  cli_login (b, s, "mehmet", "mehmet123");
  {
    g_autoptr(CliRun) r = cli_run (a, NULL, "meetings", "add", "--title", "With Elif", "--start", "2031-03-07T10:00:00Z",
                                   "--end", "2031-03-07T11:00:00Z", "--participant", "5", NULL);
    g_assert_cmpint (r->status, ==, 0);
    la = g_strdup (json_object_get_string_member (cli_object (r), "local_id"));
  }
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "meetings", "add", "--title", "Also with Elif", "--start", "2031-03-07T10:30:00Z",
                                   "--end", "2031-03-07T11:30:00Z", "--participant", "5", NULL);
    g_assert_cmpint (r->status, ==, 0);
    lb = g_strdup (json_object_get_string_member (cli_object (r), "local_id"));
  }
  {
    g_autoptr(CliRun) r1 = cli_sync (a, -1);
    g_autoptr(CliRun) r2 = cli_sync (b, -1);
    g_autoptr(JsonObject) m = cli_meeting (a, la);
    g_assert_cmpint (r1->status, ==, 0);
    g_assert_cmpint (r2->status, ==, 3);
    a_id = json_object_get_int_member (m, "id");
  }
  change = only_change (b);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "rejected");
  {
    JsonObject *error = json_object_get_object_member (change, "error");
    JsonArray *who = json_object_get_array_member (error, "unavailable_participants");
    JsonObject *p;

    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "participant_unavailable");
    g_assert_nonnull (who);
    g_assert_cmpuint (json_array_get_length (who), ==, 1);
    p = json_array_get_object_element (who, 0);
    g_assert_cmpint (json_object_get_int_member (p, "id"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (p, "conflict_meeting"), "id"), ==, a_id);
  }
  {
    g_autoptr(CliRun) r = cli_run (b, NULL, "meetings", "edit", lb, "--ignore-unavailable", NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli_sync (b, -1);
    if (r->status != 0)
      g_error ("sync after --ignore-unavailable exited %d: %s", r->status, r->out);
  }
  {
    g_autoptr(JsonObject) m = cli_meeting (b, lb);
    g_autoptr(JsonObject) server = NULL;
    g_assert_false (json_is_null_member (m, "id"));
    server = sync_server_meeting (s, json_object_get_int_member (m, "id"));
    g_assert_nonnull (server);
    g_assert_cmpstr (json_object_get_string_member (server, "title"), ==, "Also with Elif");
  }
  sync_server_free (s);
  sync_rmdir (a);
  sync_rmdir (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_util_init (&argc, &argv);
  g_test_add_func ("/sync/rooms/double-booking", test_double_booking);
  g_test_add_func ("/sync/rooms/keep-both-refused", test_keep_both_refused);
  g_test_add_func ("/sync/rooms/participant-unavailable", test_participant_unavailable);
  return g_test_run ();
}
