/* test-store.c — the replica: files, migrations, local edits, outbox */
#include "quorum-store-private.h"
#include "quorum-time.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("quorum-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static QuorumMeeting *
sample (const char *title,
        const char *start)
{
  QuorumMeeting *m = quorum_meeting_new ();

  g_free (m->title);
  m->title = g_strdup (title);
  g_assert_true (quorum_time_parse_rfc3339 (start, &m->start_time));
  m->end_time = m->start_time + G_TIME_SPAN_HOUR;
  return m;
}

static void
test_open_modes (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *data = g_build_filename (dir, "nested", "quorum", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (data, &error);
  g_autoptr(QuorumStore) again = NULL;
  struct stat st;

  g_assert_no_error (error);
  g_assert_cmpint (quorum_store_get_schema_version (store), ==, QUORUM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (g_stat (data, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (quorum_store_get_path (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_uuid_string_is_valid (quorum_store_get_client_id (store)));

  /* the client id is one per installation: it survives reopening */
  again = quorum_store_open (data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_store_get_client_id (again), ==, quorum_store_get_client_id (store));
}

static void
exec_raw (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("%s", msg);
}

/* A file of every earlier schema version opens and keeps its data. */
static void
test_migrate_every_version (void)
{
  for (int v = 0; v < QUORUM_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *dir = temp_dir ();
      g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(QuorumStore) store = NULL;
      g_autoptr(GPtrArray) busy = NULL;
      g_autoptr(QuorumMeeting) m = NULL;
      sqlite3 *db;

      g_test_message ("from version %d", v);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (int i = 0; i < v; i++)
        exec_raw (db, store_migration_sql (i));
      if (v >= 1)
        exec_raw (db,
          "INSERT INTO meetings (local_id, id, title, start_time, end_time, status, meeting_type,"
          " priority, participant_ids, modified_at) VALUES ('local_old', 5, 'Eski', 1738404000000000,"
          " 1738407600000000, 'PENDING', 'INTERNAL', 'LOW', '[7,9]', '2025-01-30T20:25:00.123456Z');"
          "INSERT INTO sync_state (key, value) VALUES ('cursor', 'c-42');");
      /* from v2 on, a writer of that version kept the index itself */
      if (v >= 2)
        exec_raw (db, "INSERT INTO meeting_participants (user_id, local_id)"
                      " VALUES (7, 'local_old'), (9, 'local_old');");
      {
        g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);
        exec_raw (db, pragma);
      }
      sqlite3_close (db);

      store = quorum_store_open (dir, &error);
      g_assert_no_error (error);
      g_assert_cmpint (quorum_store_get_schema_version (store), ==, QUORUM_STORE_SCHEMA_VERSION);
      if (v == 0)
        continue;
      m = quorum_store_get_meeting (store, "5", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (m->title, ==, "Eski");
      g_assert_cmpstr (m->local_id, ==, "local_old");
      {
        g_autofree char *cursor = quorum_store_get_state (store, "cursor");
        g_assert_cmpstr (cursor, ==, "c-42");
      }
      /* v2 indexed the participants of rows that v1 had; v3 kept them */
      busy = quorum_store_list_busy (store, 9, 0, G_MININT64, G_MAXINT64, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (busy->len, ==, 1);
    }
}

static void
test_too_new (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_raw (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  store = quorum_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_TOO_NEW);
}

/* The walk-through, through the store itself. */
static void
test_edit_flow (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autoptr(QuorumMeeting) m = sample ("Plan", "2025-02-01T10:00:00Z");
  g_autoptr(QuorumMeeting) saved = NULL;
  g_autoptr(QuorumMeeting) edit = quorum_meeting_new ();
  g_autoptr(QuorumMeeting) e1 = NULL;
  g_autoptr(QuorumMeeting) e2 = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  QuorumChange *c;

  g_assert_false (quorum_store_has_meetings (store));
  saved = quorum_store_create_meeting (store, m, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (quorum_store_has_meetings (store));
  g_assert_true (g_str_has_prefix (saved->local_id, "local_"));
  g_assert_cmpstr (saved->sync_state, ==, "pending");

  g_free (edit->title);
  edit->title = g_strdup ("Plan v2");
  e1 = quorum_store_edit_meeting (store, saved->local_id, edit, QUORUM_FIELD_TITLE, FALSE, &error);
  g_assert_no_error (error);
  edit->room_id = 4;
  e2 = quorum_store_edit_meeting (store, saved->local_id, edit, QUORUM_FIELD_ROOM_ID, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e2->title, ==, "Plan v2");
  g_assert_cmpint (e2->room_id, ==, 4);

  outbox = quorum_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  c = g_ptr_array_index (outbox, 0);
  g_assert_cmpint (c->action, ==, QUORUM_CHANGE_CREATE);
  g_assert_cmpstr (c->data->title, ==, "Plan v2");
  g_assert_cmpint (c->data->room_id, ==, 4);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  g_assert_true (quorum_store_delete_meeting (store, saved->local_id, &error));
  g_assert_no_error (error);
  outbox = quorum_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpint (quorum_store_count_meetings (store), ==, 0);
  g_assert_false (quorum_store_has_meetings (store));

  /* nobody signed in yet, then user 7 */
  g_assert_cmpint (quorum_store_get_user_id (store), ==, 0);
  g_assert_true (quorum_store_set_state (store, "user_id", "7", &error));
  g_assert_cmpint (quorum_store_get_user_id (store), ==, 7);
}

/* Bad input changes nothing. */
static void
test_invalid_edit_changes_nothing (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autoptr(QuorumMeeting) m = sample ("Plan", "2025-02-01T10:00:00Z");
  g_autoptr(QuorumMeeting) saved = quorum_store_create_meeting (store, m, FALSE, &error);
  g_autoptr(QuorumMeeting) bad = quorum_meeting_new ();
  g_autoptr(QuorumMeeting) after = NULL;
  g_autoptr(QuorumMeeting) res = NULL;

  g_assert_no_error (error);
  bad->end_time = saved->start_time - 1;
  res = quorum_store_edit_meeting (store, saved->local_id, bad, QUORUM_FIELD_END_TIME, FALSE, &error);
  g_assert_null (res);
  g_assert_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bad->status);
  bad->status = g_strdup ("COMPLETED");   /* PENDING → COMPLETED is not a legal move */
  res = quorum_store_edit_meeting (store, saved->local_id, bad, QUORUM_FIELD_STATUS, FALSE, &error);
  g_assert_null (res);
  g_assert_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID);
  g_clear_error (&error);

  after = quorum_store_get_meeting (store, saved->local_id, &error);
  g_assert_cmpint (quorum_meeting_diff (after, saved), ==, 0);
  g_assert_cmpuint (quorum_store_count_outbox (store, 0), ==, 1);
}

/* Rows the server sent: edits carry the base for three-way merges. */
static QuorumMeeting *
put_server_row (QuorumStore *store, gint64 id, const char *title)
{
  g_autoptr(QuorumMeeting) m = sample (title, "2025-02-03T09:00:00Z");
  g_autoptr(GError) error = NULL;

  m->id = id;
  m->local_id = quorum_new_local_id ();
  m->organizer_id = 7;
  m->modified_at = g_strdup ("2025-01-30T20:24:00.000000Z");
  g_assert_true (quorum_store_begin (store, &error));
  g_assert_true (store_write_meeting (store, m, NULL, FALSE, &error));
  g_assert_true (quorum_store_commit (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&m);
}

static void
test_update_keeps_base_and_freezes (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autoptr(QuorumMeeting) row = put_server_row (store, 2, "Sunucu");
  g_autoptr(QuorumMeeting) edit = quorum_meeting_new ();
  g_autoptr(QuorumMeeting) r = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  QuorumChange *c;

  g_free (edit->agenda);
  edit->agenda = g_strdup ("1. madde");
  r = quorum_store_edit_meeting (store, "2", edit, QUORUM_FIELD_AGENDA, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&r, quorum_meeting_free);

  /* freeze it as a push would */
  g_assert_true (quorum_store_exec (store, "UPDATE outbox SET state = 'sent'", &error));
  g_free (edit->title);
  edit->title = g_strdup ("Yeni başlık");
  r = quorum_store_edit_meeting (store, "2", edit, QUORUM_FIELD_TITLE, FALSE, &error);
  g_assert_no_error (error);

  outbox = quorum_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 2);
  c = g_ptr_array_index (outbox, 0);
  g_assert_cmpint (c->state, ==, QUORUM_CHANGE_SENT);
  g_assert_cmpint (c->mask, ==, QUORUM_FIELD_AGENDA);
  g_assert_cmpstr (c->base_modified_at, ==, "2025-01-30T20:24:00.000000Z");
  g_assert_nonnull (c->base);
  g_assert_cmpstr (c->base->title, ==, "Sunucu");
  c = g_ptr_array_index (outbox, 1);
  g_assert_cmpint (c->state, ==, QUORUM_CHANGE_QUEUED);
  g_assert_cmpint (c->mask, ==, QUORUM_FIELD_TITLE);
  g_assert_cmpstr (c->base->title, ==, "Sunucu");
  g_assert_cmpstr (r->title, ==, "Yeni başlık");
  g_assert_cmpstr (r->agenda, ==, "1. madde");
}

static void
test_discard_and_retry (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autoptr(QuorumMeeting) row = put_server_row (store, 3, "Oda");
  g_autoptr(QuorumMeeting) edit = quorum_meeting_new ();
  g_autoptr(QuorumMeeting) r = NULL;
  g_autoptr(QuorumMeeting) back = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *first_id = NULL;
  QuorumChange *c;

  edit->room_id = 9;
  r = quorum_store_edit_meeting (store, "3", edit, QUORUM_FIELD_ROOM_ID, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (quorum_store_exec (store,
    "UPDATE outbox SET state = 'rejected', error = '{\"code\":\"meeting_conflict\"}'", &error));
  outbox = quorum_store_list_outbox (store, &error);
  c = g_ptr_array_index (outbox, 0);
  first_id = g_strdup (c->change_id);

  /* a retry goes out under a new change_id */
  g_assert_true (quorum_store_retry_change (store, first_id, &error));
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = quorum_store_list_outbox (store, &error);
  c = g_ptr_array_index (outbox, 0);
  g_assert_cmpstr (c->change_id, !=, first_id);
  g_assert_cmpint (c->state, ==, QUORUM_CHANGE_QUEUED);
  g_assert_null (c->error);

  /* discarding refuses anything but a rejected change */
  g_assert_false (quorum_store_discard_change (store, c->change_id, &error));
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (quorum_store_exec (store, "UPDATE outbox SET state = 'rejected'", &error));
  g_assert_true (quorum_store_discard_change (store, c->change_id, &error));
  g_assert_no_error (error);
  back = quorum_store_get_meeting (store, "3", &error);
  g_assert_cmpint (back->room_id, ==, 0);
  g_assert_cmpstr (back->sync_state, ==, "synced");
  g_assert_cmpuint (quorum_store_count_outbox (store, 0), ==, 0);
}

/* A week over many meetings is an index range, never a scan. */
static void
test_week_query_plan (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autofree char *plan = NULL;
  g_autoptr(GPtrArray) week = NULL;
  gint64 t0;

  g_assert_true (quorum_store_begin (store, &error));
  g_assert_true (quorum_time_parse_rfc3339 ("2025-01-01T08:00:00Z", &t0));
  for (int i = 0; i < 5000; i++)
    {
      g_autoptr(QuorumMeeting) m = sample ("x", "2025-01-01T08:00:00Z");
      m->local_id = g_strdup_printf ("local_%d", i);
      m->id = i + 1;
      m->start_time = t0 + (gint64) i * 2 * G_TIME_SPAN_HOUR;
      m->end_time = m->start_time + G_TIME_SPAN_HOUR;
      g_assert_true (store_write_meeting (store, m, NULL, FALSE, &error));
    }
  g_assert_true (quorum_store_commit (store, &error));
  g_assert_true (quorum_store_exec (store, "ANALYZE", &error));

  plan = store_explain (store, STORE_LIST_SQL);
  g_test_message ("plan: %s", plan);
  g_assert_nonnull (strstr (plan, "USING INDEX meetings_start"));
  g_assert_null (strstr (plan, "SCAN meetings"));

  week = quorum_store_list_meetings (store, t0, t0 + 7 * G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (week->len, ==, 84);   /* one every two hours */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/store/open/modes", test_open_modes);
  g_test_add_func ("/store/migrate/every-version", test_migrate_every_version);
  g_test_add_func ("/store/migrate/too-new", test_too_new);
  g_test_add_func ("/store/edit/create-edit-delete", test_edit_flow);
  g_test_add_func ("/store/edit/invalid-changes-nothing", test_invalid_edit_changes_nothing);
  g_test_add_func ("/store/edit/base-and-freeze", test_update_keeps_base_and_freezes);
  g_test_add_func ("/store/outbox/discard-and-retry", test_discard_and_retry);
  g_test_add_func ("/store/query/week-plan", test_week_query_plan);
  return g_test_run ();
}
