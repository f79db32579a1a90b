/* test-server-resolve.c — the four resolutions, staleness, re-creation of
 * deleted meetings, keep_both's exemption, idempotency. */
#include "test-server-util.h"

static gint64
insert (TsFixture *f, gint64 organizer, const char *title, const char *start, const char *end, gint64 room)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  JsonArray *participants = json_array_new ();

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "start_time", start);
  json_object_set_string_member (fields, "end_time", end);
  if (room > 0)
    json_object_set_int_member (fields, "room_id", room);
  json_array_add_int_element (participants, organizer);
  json_object_set_array_member (fields, "participant_ids", participants);
  return quorum_test_server_insert_meeting (f->server, organizer, fields);
}

static char *
version_of (TsFixture *f, gint64 id)
{
  g_autoptr(JsonObject) m = quorum_test_server_get_meeting (f->server, id);

  return m ? g_strdup (json_object_get_string_member (m, "modified_at")) : NULL;
}

static TsResponse *
resolve (TsFixture *f, const char *change_id, gint64 id, const char *resolution,
         const char *version, const char *local)
{
  return ts_http_printf (f->session, f->url, "POST", "/api/v1/sync/resolve/", f->token,
                         "{\"client_id\": \"cl\", \"change_id\": \"%s\", \"meeting_id\": %" G_GINT64_FORMAT ","
                         " \"resolution\": \"%s\", \"server_version\": \"%s\", \"local_changes\": %s}",
                         change_id, id, resolution, version, local);
}

static void
test_keep_server (TsFixture *f, gconstpointer data)
{
  gint64 id = insert (f, 1, "A", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 1);
  g_autoptr(TsResponse) r = resolve (f, "r1", id, "keep_server", "2000-01-01T00:00:00Z", "{\"title\": \"X\"}");
  g_autoptr(JsonObject) m = quorum_test_server_get_meeting (f->server, id);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_response_object (r), "status"), ==, "applied");
  g_assert_true (json_object_get_null_member (ts_response_object (r), "created"));
  g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, "A");
}

static void
test_keep_local_and_stale (TsFixture *f, gconstpointer data)
{
  gint64 id = insert (f, 1, "A", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 1);
  g_autofree char *v1 = version_of (f, id);
  g_autoptr(TsResponse) ok = resolve (f, "r1", id, "keep_local", v1, "{\"title\": \"Yerel Değişiklik\"}");
  g_autoptr(TsResponse) dup = resolve (f, "r1", id, "keep_local", v1, "{\"title\": \"Yerel Değişiklik\"}");
  g_autoptr(TsResponse) stale = resolve (f, "r2", id, "merge", v1, "{\"title\": \"M\"}");
  g_autofree char *v2 = version_of (f, id);
  g_autoptr(TsResponse) merged = NULL;
  JsonObject *entry;

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ts_response_object (ok), "data"), "title"), ==, "Yerel Değişiklik");
  g_assert_false (json_object_get_boolean_member (ts_response_object (ok), "duplicate"));
  g_assert_cmpuint (dup->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (ts_response_object (dup), "duplicate"));
  g_assert_cmpstr (v1, !=, v2);

  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpstr (ts_response_code (stale), ==, "sync_conflict");
  entry = json_array_get_object_element (json_object_get_array_member (ts_response_object (stale), "conflicts"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "server_version"), ==, v2);
  g_assert_cmpstr (json_object_get_string_member (entry, "local_version"), ==, v1);
  /* Refused, so the same change_id may go again with the fresh version. */
  merged = resolve (f, "r2", id, "merge", v2, "{\"title\": \"M\"}");
  g_assert_cmpuint (merged->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (ts_response_object (merged), "duplicate"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ts_response_object (merged), "data"), "title"), ==, "M");
}

static void
test_keep_local_clash (TsFixture *f, gconstpointer data)
{
  gint64 id = insert (f, 1, "A", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 1);
  gint64 other = insert (f, 2, "B", "2030-01-07T12:00:00Z", "2030-01-07T13:00:00Z", 1);
  g_autofree char *v = version_of (f, id);
  g_autoptr(TsResponse) clash = resolve (f, "r1", id, "keep_local", v,
                                         "{\"start_time\": \"2030-01-07T12:30:00Z\", \"end_time\": \"2030-01-07T13:30:00Z\"}");
  g_autoptr(TsResponse) bob = NULL;
  g_autoptr(JsonObject) m = quorum_test_server_get_meeting (f->server, id);

  g_assert_cmpuint (clash->status, ==, 409);
  g_assert_cmpstr (ts_response_code (clash), ==, "meeting_conflict");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (ts_response_object (clash), "conflict_details"), "existing_meeting"), "id"), ==, other);
  g_assert_cmpstr (json_object_get_string_member (m, "start_time"), ==, "2030-01-07T10:00:00.000000Z");

  /* Only the organizer may keep their version over the server's. */
  {
    g_autofree char *vo = version_of (f, other);

    bob = resolve (f, "r9", other, "keep_local", vo, "{\"title\": \"X\"}");
  }
  g_assert_cmpuint (bob->status, ==, 403);
}

static void
test_keep_both (TsFixture *f, gconstpointer data)
{
  gint64 id = insert (f, 2, "Sunucu", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 1);
  g_autofree char *v = version_of (f, id);
  g_autoptr(TsResponse) r = resolve (f, "r1", id, "keep_both", v, "{\"title\": \"Benim sürümüm\"}");
  JsonObject *created, *kept;

  /* Same room, same time as the original: allowed, the copy is not checked
   * against the meeting it came from. */
  g_assert_cmpuint (r->status, ==, 200);
  kept = json_object_get_object_member (ts_response_object (r), "data");
  created = json_object_get_object_member (ts_response_object (r), "created");
  g_assert_cmpint (json_object_get_int_member (kept, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (kept, "title"), ==, "Sunucu");
  g_assert_cmpint (json_object_get_int_member (created, "id"), !=, id);
  g_assert_cmpstr (json_object_get_string_member (created, "title"), ==, "Benim sürümüm");
  g_assert_cmpint (json_object_get_int_member (created, "organizer_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (created, "room_id"), ==, 1);
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 2);
}

static void
test_keep_both_checked_against_others (TsFixture *f, gconstpointer data)
{
  gint64 id = insert (f, 1, "A", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 1);
  gint64 third = insert (f, 3, "C", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 2);
  g_autofree char *v = version_of (f, id);
  g_autoptr(TsResponse) r = resolve (f, "r1", id, "keep_both", v, "{\"room_id\": 2}");

  g_assert_cmpuint (r->status, ==, 409);
  g_assert_cmpstr (ts_response_code (r), ==, "meeting_conflict");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (ts_response_object (r), "conflict_details"), "existing_meeting"), "id"), ==, third);
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 2);
}

static void
test_deleted_on_server (TsFixture *f, gconstpointer data)
{
  gint64 id = insert (f, 1, "A", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", 1);
  g_autoptr(TsResponse) pull = NULL, r = NULL;
  JsonArray *changes;
  const char *deleted_version = NULL;
  JsonObject *created;

  g_assert_true (quorum_test_server_delete_meeting (f->server, id));
  pull = ts_http (f->session, f->url, "GET", "/api/v1/sync/changes/", f->token, NULL);
  changes = json_object_get_array_member (ts_response_object (pull), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "entity_type"), "meeting"))
        {
          g_assert_true (json_object_get_boolean_member (c, "is_deleted"));
          deleted_version = json_object_get_string_member (c, "modified_at");
        }
    }
  g_assert_nonnull (deleted_version);

  r = resolve (f, "r1", id, "keep_local", deleted_version, "{\"title\": \"Geri geldi\"}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (json_object_get_null_member (ts_response_object (r), "data"));
  created = json_object_get_object_member (ts_response_object (r), "created");
  g_assert_cmpint (json_object_get_int_member (created, "id"), !=, id);
  g_assert_cmpstr (json_object_get_string_member (created, "title"), ==, "Geri geldi");
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 1);
}

static void
test_bad_requests (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) unknown = resolve (f, "r1", 77, "keep_local", "2030-01-01T00:00:00Z", "{}");
  g_autoptr(TsResponse) bad = resolve (f, "r2", 1, "keep_mine", "2030-01-01T00:00:00Z", "{}");

  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpstr (ts_response_code (unknown), ==, "not_found");
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpstr (ts_response_code (bad), ==, "validation_error");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, TsFixture, NULL, ts_fixture_setup, fn, ts_fixture_teardown)
  ADD ("/server/resolve/keep-server", test_keep_server);
  ADD ("/server/resolve/keep-local-and-stale", test_keep_local_and_stale);
  ADD ("/server/resolve/keep-local-clash", test_keep_local_clash);
  ADD ("/server/resolve/keep-both", test_keep_both);
  ADD ("/server/resolve/keep-both-checked-against-others", test_keep_both_checked_against_others);
  ADD ("/server/resolve/deleted-on-server", test_deleted_on_server);
  ADD ("/server/resolve/bad-requests", test_bad_requests);
  return g_test_run ();
}
