/* test-server-sync.c — push (applied / conflict / rejected, idempotency,
 * every rule of §4) and pull (paging, tombstones, 410). */
#include <string.h>

#include "test-server-util.h"

#define T(h) "2030-01-07T" h ":00:00.000000Z"

/* One change per push: returns the whole response. */
static TsResponse *
push_one (TsFixture *f, const char *token, const char *client, const char *change_json)
{
  return ts_http_printf (f->session, f->url, "POST", "/api/v1/sync/push/", token,
                         "{\"client_id\": \"%s\", \"changes\": [%s]}", client, change_json);
}

static JsonObject *
result0 (TsResponse *r)
{
  return json_array_get_object_element (json_object_get_array_member (ts_response_object (r), "results"), 0);
}

static gint64
create_meeting (TsFixture *f, const char *token, const char *change_id, const char *data)
{
  g_autofree char *change = g_strdup_printf ("{\"change_id\": \"%s\", \"entity_type\": \"meeting\", "
                                             "\"action\": \"create\", \"id\": \"local_%s\", \"data\": %s}",
                                             change_id, change_id, data);
  g_autoptr(TsResponse) r = push_one (f, token, "client-a", change);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result0 (r), "status"), ==, "applied");
  return json_object_get_int_member (result0 (r), "entity_id");
}

static char *
version_of (TsFixture *f, gint64 id)
{
  g_autoptr(JsonObject) m = quorum_test_server_get_meeting (f->server, id);

  return g_strdup (json_object_get_string_member (m, "modified_at"));
}

static void
test_create_idempotent (TsFixture *f, gconstpointer data)
{
  const char *change = "{\"change_id\": \"c1\", \"entity_type\": \"meeting\", \"action\": \"create\","
                       " \"id\": \"local_1\", \"data\": {\"title\": \"Proje Toplantısı\","
                       " \"start_time\": \"2030-01-07T13:00:00+03:00\", \"end_time\": \"" T ("11") "\","
                       " \"room_id\": 1, \"participant_ids\": [3, 1, 3], \"organizer_id\": 2}}";
  g_autoptr(TsResponse) first = push_one (f, f->token, "client-a", change);
  g_autoptr(TsResponse) again = push_one (f, f->token, "client-a", change);
  g_autoptr(TsResponse) other_client = push_one (f, f->token, "client-b", change);
  JsonObject *r = result0 (first), *meeting;
  JsonArray *participants;

  g_assert_cmpuint (first->status, ==, 200);
  if (g_test_verbose ())
    g_test_message ("%.*s", (int) g_bytes_get_size (first->body), (const char *) g_bytes_get_data (first->body, NULL));
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "applied");
  g_assert_cmpstr (json_object_get_string_member (r, "id"), ==, "local_1");
  g_assert_false (json_object_get_boolean_member (r, "duplicate"));
  meeting = json_object_get_object_member (r, "data");
  g_assert_cmpint (json_object_get_int_member (meeting, "organizer_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (meeting, "start_time"), ==, T ("10"));
  g_assert_cmpstr (json_object_get_string_member (meeting, "status"), ==, "PENDING");
  participants = json_object_get_array_member (meeting, "participant_ids");
  g_assert_cmpuint (json_array_get_length (participants), ==, 2);
  g_assert_cmpint (json_array_get_int_element (participants, 0), ==, 1);
  g_assert_cmpint (json_array_get_int_element (participants, 1), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (r, "modified_at"), ==,
                   json_object_get_string_member (meeting, "modified_at"));

  /* The same change again: the first answer, marked duplicate, nothing new. */
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (result0 (again), "duplicate"));
  g_assert_cmpint (json_object_get_int_member (result0 (again), "entity_id"), ==,
                   json_object_get_int_member (r, "entity_id"));
  /* Idempotency is per client: another installation makes its own meeting,
   * which the room then refuses. */
  g_assert_cmpstr (json_object_get_string_member (result0 (other_client), "status"), ==, "rejected");
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 1);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "push_changes"), ==, 3);
}

static void
test_update_conflict_delete (TsFixture *f, gconstpointer data)
{
  gint64 id = create_meeting (f, f->token, "c1", "{\"title\": \"A\", \"start_time\": \"" T ("10") "\", \"end_time\": \"" T ("11") "\"}");
  g_autofree char *v1 = version_of (f, id);
  g_autofree char *v2 = NULL;
  g_autofree char *update = g_strdup_printf ("{\"change_id\": \"u1\", \"entity_type\": \"meeting\", \"action\": \"update\","
                                             " \"id\": %" G_GINT64_FORMAT ", \"base_modified_at\": \"%s\","
                                             " \"data\": {\"title\": \"B\", \"status\": \"APPROVED\"}}", id, v1);
  g_autofree char *stale = g_strdup_printf ("{\"change_id\": \"u2\", \"entity_type\": \"meeting\", \"action\": \"update\","
                                            " \"id\": %" G_GINT64_FORMAT ", \"base_modified_at\": \"%s\","
                                            " \"data\": {\"title\": \"C\"}}", id, v1);
  g_autoptr(TsResponse) applied = push_one (f, f->token, "client-a", update);
  g_autoptr(TsResponse) conflict = push_one (f, f->token, "client-a", stale);
  g_autoptr(TsResponse) conflict_again = push_one (f, f->token, "client-a", stale);
  g_autoptr(TsResponse) deleted = NULL, after_delete = NULL, unknown = NULL;
  g_autofree char *del = NULL, *late = NULL;
  JsonObject *entry;

  g_assert_cmpuint (applied->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result0 (applied), "data"), "title"), ==, "B");
  v2 = version_of (f, id);
  g_assert_cmpstr (v1, !=, v2);

  g_assert_cmpuint (conflict->status, ==, 409);
  g_assert_cmpstr (ts_response_code (conflict), ==, "sync_conflict");
  g_assert_cmpstr (json_object_get_string_member (result0 (conflict), "status"), ==, "conflict");
  entry = json_array_get_object_element (json_object_get_array_member (ts_response_object (conflict), "conflicts"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "change_id"), ==, "u2");
  g_assert_cmpstr (json_object_get_string_member (entry, "server_version"), ==, v2);
  g_assert_cmpstr (json_object_get_string_member (entry, "local_version"), ==, v1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "server_data"), "title"), ==, "B");
  /* A duplicate conflict is still a conflict, with its entry. */
  g_assert_cmpuint (conflict_again->status, ==, 409);
  g_assert_true (json_object_get_boolean_member (result0 (conflict_again), "duplicate"));

  del = g_strdup_printf ("{\"change_id\": \"d1\", \"entity_type\": \"meeting\", \"action\": \"delete\","
                         " \"id\": %" G_GINT64_FORMAT ", \"base_modified_at\": \"%s\"}", id, v2);
  deleted = push_one (f, f->token, "client-a", del);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result0 (deleted), "status"), ==, "applied");
  g_assert_true (json_object_get_null_member (result0 (deleted), "data"));
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, 0);

  late = g_strdup_printf ("{\"change_id\": \"u3\", \"entity_type\": \"meeting\", \"action\": \"update\","
                          " \"id\": %" G_GINT64_FORMAT ", \"base_modified_at\": \"%s\", \"data\": {}}", id, v2);
  after_delete = push_one (f, f->token, "client-a", late);
  g_assert_cmpuint (after_delete->status, ==, 409);
  entry = json_array_get_object_element (json_object_get_array_member (ts_response_object (after_delete), "conflicts"), 0);
  g_assert_true (json_object_get_null_member (entry, "server_data"));

  unknown = push_one (f, f->token, "client-a",
                      "{\"change_id\": \"u4\", \"entity_type\": \"meeting\", \"action\": \"update\","
                      " \"id\": 999, \"base_modified_at\": \"" T ("10") "\", \"data\": {}}");
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result0 (unknown), "error"), "code"), ==, "not_found");
}

static const char *
rejected_code (TsResponse *r)
{
  JsonObject *res = result0 (r);

  g_assert_cmpstr (json_object_get_string_member (res, "status"), ==, "rejected");
  return json_object_get_string_member (json_object_get_object_member (res, "error"), "code");
}

static void
test_rules (TsFixture *f, gconstpointer data)
{
  gint64 id = create_meeting (f, f->token, "c1", "{\"title\": \"A\", \"start_time\": \"" T ("10") "\", \"end_time\": \"" T ("11") "\", \"room_id\": 1, \"participant_ids\": [1, 3]}");
  g_autofree char *v = version_of (f, id);
  g_autofree char *bob_edit = g_strdup_printf ("{\"change_id\": \"b1\", \"entity_type\": \"meeting\", \"action\": \"update\","
                                               " \"id\": %" G_GINT64_FORMAT ", \"base_modified_at\": \"%s\", \"data\": {\"title\": \"X\"}}", id, v);
  g_autofree char *bad_move = g_strdup_printf ("{\"change_id\": \"m1\", \"entity_type\": \"meeting\", \"action\": \"update\","
                                               " \"id\": %" G_GINT64_FORMAT ", \"base_modified_at\": \"%s\", \"data\": {\"status\": \"COMPLETED\"}}", id, v);
  g_autoptr(TsResponse) r = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  JsonObject *error;

  /* Wrong order of checks would say permission_denied for a stale base: the
   * stale base (conflict) must win, permission comes after. */
  r = push_one (f, f->bob_token, "client-b", bob_edit);
  g_assert_cmpstr (rejected_code (r), ==, "permission_denied");
  g_clear_pointer (&r, ts_response_free);
  r = push_one (f, f->bob_token, "client-b",
                "{\"change_id\": \"b2\", \"entity_type\": \"meeting\", \"action\": \"update\","
                " \"id\": 1, \"base_modified_at\": \"2001-01-01T00:00:00Z\", \"data\": {\"title\": \"X\"}}");
  g_assert_cmpuint (r->status, ==, 409);
  g_assert_cmpstr (json_object_get_string_member (result0 (r), "status"), ==, "conflict");
  g_clear_pointer (&r, ts_response_free);

  r = push_one (f, f->token, "client-a", bad_move);
  g_assert_cmpstr (rejected_code (r), ==, "validation_error");
  g_assert_true (json_object_has_member (json_object_get_object_member (json_object_get_object_member (result0 (r), "error"), "fields"), "status"));
  g_clear_pointer (&r, ts_response_free);

  /* Room double booking, by bob in alice's room at an overlapping time. */
  r = push_one (f, f->bob_token, "client-b",
                "{\"change_id\": \"c2\", \"entity_type\": \"meeting\", \"action\": \"create\", \"id\": \"local_2\","
                " \"data\": {\"title\": \"B\", \"start_time\": \"" T ("10") "\", \"end_time\": \"2030-01-07T10:30:00Z\", \"room_id\": 1}}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (rejected_code (r), ==, "meeting_conflict");
  error = json_object_get_object_member (result0 (r), "error");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (error, "conflict_details"), "existing_meeting"), "id"), ==, id);
  g_clear_pointer (&r, ts_response_free);

  /* Back to back is not an overlap. */
  r = push_one (f, f->bob_token, "client-b",
                "{\"change_id\": \"c3\", \"entity_type\": \"meeting\", \"action\": \"create\", \"id\": \"local_3\","
                " \"data\": {\"title\": \"B\", \"start_time\": \"" T ("11") "\", \"end_time\": \"" T ("12") "\", \"room_id\": 1}}");
  g_assert_cmpstr (json_object_get_string_member (result0 (r), "status"), ==, "applied");
  g_clear_pointer (&r, ts_response_free);

  /* Participant overlap, then the same with ignore_unavailable. */
  r = push_one (f, f->bob_token, "client-b",
                "{\"change_id\": \"c4\", \"entity_type\": \"meeting\", \"action\": \"create\", \"id\": \"local_4\","
                " \"data\": {\"title\": \"P\", \"start_time\": \"" T ("10") "\", \"end_time\": \"" T ("11") "\", \"participant_ids\": [2, 3]}}");
  g_assert_cmpstr (rejected_code (r), ==, "participant_unavailable");
  error = json_object_get_object_member (result0 (r), "error");
  {
    JsonArray *who = json_object_get_array_member (error, "unavailable_participants");
    JsonObject *first = json_array_get_object_element (who, 0);

    g_assert_cmpuint (json_array_get_length (who), ==, 1);
    g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Carol Ak");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "conflict_meeting"), "id"), ==, id);
  }
  g_clear_pointer (&r, ts_response_free);
  r = push_one (f, f->bob_token, "client-b",
                "{\"change_id\": \"c5\", \"entity_type\": \"meeting\", \"action\": \"create\", \"id\": \"local_5\", \"ignore_unavailable\": true,"
                " \"data\": {\"title\": \"P\", \"start_time\": \"" T ("10") "\", \"end_time\": \"" T ("11") "\", \"participant_ids\": [2, 3]}}");
  g_assert_cmpstr (json_object_get_string_member (result0 (r), "status"), ==, "applied");
  g_clear_pointer (&r, ts_response_free);

  /* A cancelled meeting blocks nothing. */
  {
    g_autoptr(JsonObject) cancel = json_object_new ();

    json_object_set_string_member (cancel, "status", "CANCELLED");
    g_assert_true (quorum_test_server_update_meeting (f->server, id, cancel));
  }
  r = push_one (f, f->bob_token, "client-b",
                "{\"change_id\": \"c6\", \"entity_type\": \"meeting\", \"action\": \"create\", \"id\": \"local_6\","
                " \"data\": {\"title\": \"R\", \"start_time\": \"" T ("10") "\", \"end_time\": \"2030-01-07T10:30:00Z\", \"room_id\": 1, \"participant_ids\": [1]}}");
  g_assert_cmpstr (json_object_get_string_member (result0 (r), "status"), ==, "applied");
  g_clear_pointer (&r, ts_response_free);

  /* Titles count characters: 200 × "ş" (400 bytes) is fine, 201 is not. */
  for (int i = 0; i < 200; i++)
    g_string_append (title, "ş");
  r = ts_http_printf (f->session, f->url, "POST", "/api/v1/sync/push/", f->token,
                      "{\"client_id\": \"a\", \"changes\": [{\"change_id\": \"t1\", \"entity_type\": \"meeting\", \"action\": \"create\","
                      " \"id\": \"local_t1\", \"data\": {\"title\": \"%s\", \"start_time\": \"2030-02-01T10:00:00Z\", \"end_time\": \"2030-02-01T11:00:00Z\"}},"
                      " {\"change_id\": \"t2\", \"entity_type\": \"meeting\", \"action\": \"create\","
                      " \"id\": \"local_t2\", \"data\": {\"title\": \"%sx\", \"start_time\": \"2030-02-01T10:00:00Z\", \"end_time\": \"2030-02-01T11:00:00Z\"}},"
                      " {\"change_id\": \"t3\", \"entity_type\": \"meeting\", \"action\": \"create\","
                      " \"id\": \"local_t3\", \"data\": {\"title\": \"L\", \"start_time\": \"2030-02-01T10:00:00Z\", \"end_time\": \"2030-02-02T10:00:01Z\"}},"
                      " {\"change_id\": \"t4\", \"entity_type\": \"meeting\", \"action\": \"create\","
                      " \"id\": \"local_t4\", \"data\": {\"title\": \"E\", \"start_time\": \"2030-02-01T10:00:00Z\", \"end_time\": \"2030-02-01T10:00:00Z\", \"priority\": \"URGENT\", \"participant_ids\": [99]}}]}",
                      title->str, title->str);
  {
    JsonArray *results = json_object_get_array_member (ts_response_object (r), "results");
    JsonObject *fields;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "status"), ==, "applied");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "status"), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2), "status"), ==, "rejected");
    fields = json_object_get_object_member (json_object_get_object_member (json_array_get_object_element (results, 3), "error"), "fields");
    g_assert_true (json_object_has_member (fields, "end_time"));
    g_assert_true (json_object_has_member (fields, "priority"));
    g_assert_true (json_object_has_member (fields, "participant_ids"));
  }
}

static void
test_strings_exact (TsFixture *f, gconstpointer data)
{
  /* Decomposed "é", an emoji, spaces at both ends, a tab: all kept as sent. */
  const char *title = "  Cafe\xcc\x81 \xf0\x9f\x8e\x89\t ";
  g_autofree char *change = g_strdup_printf ("{\"change_id\": \"s1\", \"entity_type\": \"meeting\", \"action\": \"create\","
                                             " \"id\": \"local_s\", \"data\": {\"title\": \"%s\", \"description\": \"\\u0130\","
                                             " \"start_time\": \"2030-05-01T10:00:00Z\", \"end_time\": \"2030-05-01T11:00:00Z\"}}",
                                             "  Cafe\xcc\x81 \xf0\x9f\x8e\x89\\t ");
  g_autoptr(TsResponse) r = push_one (f, f->token, "client-a", change);
  JsonObject *m = json_object_get_object_member (result0 (r), "data");

  g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (m, "description"), ==, "\xc4\xb0");
}

static void
test_batch_shape (TsFixture *f, gconstpointer data)
{
  g_autoptr(GString) many = g_string_new ("{\"client_id\": \"a\", \"changes\": [");
  g_autoptr(TsResponse) too_many = NULL, twice = NULL, not_json = NULL, no_client = NULL;

  for (int i = 0; i < 101; i++)
    g_string_append_printf (many, "%s{\"change_id\": \"x%d\", \"entity_type\": \"meeting\", \"action\": \"delete\", \"id\": %d}",
                            i ? "," : "", i, i + 1);
  g_string_append (many, "]}");
  too_many = ts_http (f->session, f->url, "POST", "/api/v1/sync/push/", f->token, many->str);
  g_assert_cmpuint (too_many->status, ==, 400);
  g_assert_cmpstr (ts_response_code (too_many), ==, "validation_error");

  twice = ts_http (f->session, f->url, "POST", "/api/v1/sync/push/", f->token,
                   "{\"client_id\": \"a\", \"changes\": ["
                   "{\"change_id\": \"1\", \"entity_type\": \"meeting\", \"action\": \"delete\", \"id\": 5},"
                   "{\"change_id\": \"2\", \"entity_type\": \"meeting\", \"action\": \"update\", \"id\": 5, \"data\": {}}]}");
  g_assert_cmpuint (twice->status, ==, 400);
  not_json = ts_http (f->session, f->url, "POST", "/api/v1/sync/push/", f->token, "{nope");
  g_assert_cmpuint (not_json->status, ==, 400);
  g_assert_cmpstr (ts_response_code (not_json), ==, "validation_error");
  no_client = ts_http (f->session, f->url, "POST", "/api/v1/sync/push/", f->token, "{\"changes\": []}");
  g_assert_cmpuint (no_client->status, ==, 400);
}

typedef struct {
  GHashTable *seen;   /* "type:id" → modified_at */
  guint       pages;
  char       *cursor;
} Pull;

static void
pull_all (TsFixture *f, Pull *p, guint limit)
{
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/changes/?limit=%u%s%s", limit,
                                               p->cursor ? "&cursor=" : "", p->cursor ? p->cursor : "");
      g_autoptr(TsResponse) r = ts_http (f->session, f->url, "GET", path, f->token, NULL);
      g_autoptr(GHashTable) page = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      JsonObject *o;
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      o = ts_response_object (r);
      changes = json_object_get_array_member (o, "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, limit);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, json_object_get_string_member (c, "entity_type"),
                                       json_object_get_int_member (c, "entity_id"));

          g_assert_true (g_hash_table_add (page, g_strdup (key)));  /* once per page */
          g_assert_cmpint (json_object_get_boolean_member (c, "is_deleted"), ==,
                           json_object_get_null_member (c, "data"));
          g_hash_table_replace (p->seen, key, g_strdup (json_object_get_string_member (c, "modified_at")));
        }
      g_free (p->cursor);
      p->cursor = g_strdup (json_object_get_string_member (o, "cursor"));
      more = json_object_get_boolean_member (o, "has_more");
      g_assert_true (more || json_array_get_length (changes) <= limit);
      p->pages++;
    }
}

static void
test_pull (TsFixture *f, gconstpointer data)
{
  Pull p = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), 0, NULL };
  gint64 a = create_meeting (f, f->token, "c1", "{\"title\": \"A\", \"start_time\": \"" T ("10") "\", \"end_time\": \"" T ("11") "\"}");
  gint64 b = create_meeting (f, f->token, "c2", "{\"title\": \"B\", \"start_time\": \"" T ("12") "\", \"end_time\": \"" T ("13") "\"}");
  g_autoptr(JsonObject) rename = json_object_new ();
  g_autofree char *old_cursor = NULL;
  g_autoptr(TsResponse) bad = NULL, expired = NULL, restart = NULL;

  /* 3 users + 2 rooms + 2 meetings in pages of 2. */
  pull_all (f, &p, 2);
  g_assert_cmpuint (g_hash_table_size (p.seen), ==, 7);
  g_assert_cmpuint (p.pages, ==, 4);

  /* An update and a delete: the next pull names just those two, once each. */
  json_object_set_string_member (rename, "title", "A2");
  g_assert_true (quorum_test_server_update_meeting (f->server, a, rename));
  g_assert_true (quorum_test_server_update_meeting (f->server, a, rename));
  g_assert_true (quorum_test_server_delete_meeting (f->server, b));
  g_hash_table_remove_all (p.seen);
  p.pages = 0;
  old_cursor = g_strdup (p.cursor);
  pull_all (f, &p, 500);
  g_assert_cmpuint (p.pages, ==, 1);
  g_assert_cmpuint (g_hash_table_size (p.seen), ==, 2);
  {
    g_autofree char *key = g_strdup_printf ("meeting:%" G_GINT64_FORMAT, a);
    g_autofree char *v = version_of (f, a);

    g_assert_cmpstr (g_hash_table_lookup (p.seen, key), ==, v);
  }

  bad = ts_http (f->session, f->url, "GET", "/api/v1/sync/changes/?limit=1001", f->token, NULL);
  g_assert_cmpuint (bad->status, ==, 400);
  g_clear_pointer (&bad, ts_response_free);
  bad = ts_http (f->session, f->url, "GET", "/api/v1/sync/changes/?limit=0", f->token, NULL);
  g_assert_cmpuint (bad->status, ==, 400);

  g_assert_true (quorum_test_server_set_fault (f->server, "expire_cursors", "1"));
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/sync/changes/?cursor=%s", old_cursor);

    expired = ts_http (f->session, f->url, "GET", path, f->token, NULL);
  }
  g_assert_cmpuint (expired->status, ==, 410);
  g_assert_cmpstr (ts_response_code (expired), ==, "cursor_expired");
  restart = ts_http (f->session, f->url, "GET", "/api/v1/sync/changes/", f->token, NULL);
  g_assert_cmpuint (restart->status, ==, 200);
  /* The tombstone of b is in a full pull too. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_response_object (restart), "changes")), ==, 7);

  g_hash_table_unref (p.seen);
  g_free (p.cursor);
}

static void
test_pull_retention (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) first = ts_http (f->session, f->url, "GET", "/api/v1/sync/changes/", f->token, NULL);
  g_autoptr(TsResponse) later = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/sync/changes/?cursor=%s",
                                           json_object_get_string_member (ts_response_object (first), "cursor"));

  g_assert_true (quorum_test_server_set_fault (f->server, "cursor_retention", "2"));
  for (int i = 0; i < 3; i++)
    quorum_test_server_add_room (f->server, "Yeni", 2, "1", "");
  later = ts_http (f->session, f->url, "GET", path, f->token, NULL);
  g_assert_cmpuint (later->status, ==, 410);
}

static void
test_bulk (TsFixture *f, gconstpointer data)
{
  guint n = g_test_slow () ? 200000 : 50000;
  gint64 t0 = g_get_monotonic_time (), t1;
  g_autofree char *cursor = NULL;
  guint got = 0;

  quorum_test_server_generate_meetings (f->server, n, 7);
  t1 = g_get_monotonic_time ();
  g_assert_cmpuint (quorum_test_server_count_meetings (f->server), ==, n);
  g_test_message ("generated %u meetings in %.1f ms", n, (t1 - t0) / 1000.0);

  for (int page = 0; page < 5; page++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/changes/?limit=1000%s%s",
                                               cursor ? "&cursor=" : "", cursor ? cursor : "");
      gint64 s = g_get_monotonic_time ();
      g_autoptr(TsResponse) r = ts_http (f->session, f->url, "GET", path, f->token, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      got += json_array_get_length (json_object_get_array_member (ts_response_object (r), "changes"));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (ts_response_object (r), "cursor"));
      g_test_message ("page %d of 1000: %.1f ms over HTTP", page, (g_get_monotonic_time () - s) / 1000.0);
    }
  g_assert_cmpuint (got, ==, 5000);

  /* Deterministic: the same seed on a fresh server gives the same meetings. */
  {
    g_autoptr(QuorumTestServer) twin = quorum_test_server_new ();
    g_autoptr(JsonArray) mine = NULL, theirs = NULL;
    g_autoptr(JsonNode) a = NULL, b = NULL;
    JsonObject *x, *y;

    quorum_test_server_add_user (twin, "alice", "secret", "Alice Şen", "alice@example.org");
    quorum_test_server_add_user (twin, "bob", "hunter2", "Bob Öz", "bob@example.org");
    quorum_test_server_add_user (twin, "carol", "pw", "Carol Ak", "carol@example.org");
    quorum_test_server_add_room (twin, "Oda 1", 8, "2", "Projektör");
    quorum_test_server_add_room (twin, "Oda 2", 4, "3", "");
    quorum_test_server_generate_meetings (twin, 100, 7);
    mine = quorum_test_server_dump_meetings (f->server);
    theirs = quorum_test_server_dump_meetings (twin);
    x = json_array_get_object_element (mine, 99);
    y = json_array_get_object_element (theirs, 99);
    g_assert_cmpstr (json_object_get_string_member (x, "title"), ==, json_object_get_string_member (y, "title"));
    g_assert_cmpstr (json_object_get_string_member (x, "start_time"), ==, json_object_get_string_member (y, "start_time"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, TsFixture, NULL, ts_fixture_setup, fn, ts_fixture_teardown)
  ADD ("/server/push/create-idempotent", test_create_idempotent);
  ADD ("/server/push/update-conflict-delete", test_update_conflict_delete);
  ADD ("/server/push/rules", test_rules);
  ADD ("/server/push/strings-exact", test_strings_exact);
  ADD ("/server/push/batch-shape", test_batch_shape);
  ADD ("/server/pull/paging-tombstones-410", test_pull);
  ADD ("/server/pull/retention", test_pull_retention);
  ADD ("/server/pull/bulk", test_bulk);
  return g_test_run ();
}
