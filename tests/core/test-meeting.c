/* test-meeting.c — the meeting value: JSON, validation, diff */
#include "quorum-meeting.h"
#include "quorum-time.h"

static const char *good =
  "{\"id\": 12, \"title\": \"Proje Toplantısı\", \"description\": \"\", \"agenda\": \"\","
  " \"start_time\": \"2025-02-01T10:00:00.000000Z\", \"end_time\": \"2025-02-01T11:00:00.000000Z\","
  " \"status\": \"PENDING\", \"meeting_type\": \"INTERNAL\", \"priority\": \"MEDIUM\","
  " \"room_id\": 3, \"external_location\": \"\", \"organizer_id\": 7,"
  " \"participant_ids\": [9, 7, 9], \"modified_at\": \"2025-01-30T20:25:00.123456Z\","
  " \"future_member\": {\"ignored\": true}}";

static void
test_parse_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) m = quorum_meeting_from_json_string (good, &error);
  g_autofree char *back = NULL;
  g_autoptr(QuorumMeeting) again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (m);
  g_assert_cmpint (m->id, ==, 12);
  g_assert_cmpstr (m->title, ==, "Proje Toplantısı");
  g_assert_cmpint (m->room_id, ==, 3);
  g_assert_cmpint (m->organizer_id, ==, 7);
  g_assert_cmpuint (m->participant_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (m->participant_ids, gint64, 0), ==, 7);
  g_assert_cmpint (g_array_index (m->participant_ids, gint64, 1), ==, 9);
  g_assert_cmpstr (m->modified_at, ==, "2025-01-30T20:25:00.123456Z");
  g_assert_cmpint (m->end_time - m->start_time, ==, G_TIME_SPAN_HOUR);

  back = quorum_meeting_to_json_string (m, QUORUM_FIELD_ALL, TRUE);
  again = quorum_meeting_from_json_string (back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (quorum_meeting_diff (m, again), ==, 0);
  g_assert_cmpstr (again->modified_at, ==, m->modified_at);
  g_assert_true (quorum_meeting_validate (m, NULL));
}

static void
test_parse_bad (void)
{
  /* Each breaks one member's type; none may crash or be accepted. */
  static const char *bad[] = {
    "[]",
    "{\"title\": 5, \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\"}",
    "{\"title\": \"t\", \"start_time\": \"tomorrow\", \"end_time\": \"2025-02-01T11:00:00Z\"}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00\", \"end_time\": \"2025-02-01T11:00:00Z\"}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": 17}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"room_id\": \"3\"}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"room_id\": 3.5}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"participant_ids\": {}}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"participant_ids\": [1, \"2\"]}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"participant_ids\": [-4]}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"id\": null}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"status\": [\"PENDING\"]}",
    "{\"title\": null, \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\"}",
    "{\"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\"}",
    "{\"title\": \"t\", \"start_time\": \"2025-02-01T10:00:00Z\", \"end_time\": \"2025-02-01T11:00:00Z\", \"modified_at\": 5}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QuorumMeeting) m = quorum_meeting_from_json_string (bad[i], &error);

      g_test_message ("case %u: %s", i, bad[i]);
      g_assert_null (m);
      g_assert_nonnull (error);
    }
}

static QuorumMeeting *
valid_meeting (void)
{
  QuorumMeeting *m = quorum_meeting_new ();

  g_free (m->title);
  m->title = g_strdup ("Haftalık");
  g_assert_true (quorum_time_parse_rfc3339 ("2025-02-01T10:00:00+03:00", &m->start_time));
  m->end_time = m->start_time + G_TIME_SPAN_HOUR;
  return m;
}

static void
test_validate (void)
{
  g_autoptr(QuorumMeeting) m = valid_meeting ();
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (quorum_meeting_validate (m, NULL));

  /* 200 two-byte characters are fine: the limit is characters, not bytes */
  for (int i = 0; i < 200; i++)
    g_string_append (long_title, "ş");
  g_free (m->title);
  m->title = g_strdup (long_title->str);
  g_assert_true (quorum_meeting_validate (m, NULL));
  g_string_append (long_title, "ş");
  g_free (m->title);
  m->title = g_strdup (long_title->str);
  g_assert_false (quorum_meeting_validate (m, &error));
  g_assert_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "title:"));
  g_clear_error (&error);

  g_free (m->title);
  m->title = g_strdup ("");
  g_assert_false (quorum_meeting_validate (m, NULL));
  g_free (m->title);
  m->title = g_strdup ("ok");

  m->end_time = m->start_time;
  g_assert_false (quorum_meeting_validate (m, &error));
  g_assert_true (g_str_has_prefix (error->message, "end_time:"));
  g_clear_error (&error);
  m->end_time = m->start_time + 24 * G_TIME_SPAN_HOUR;
  g_assert_true (quorum_meeting_validate (m, NULL));
  m->end_time += 1;
  g_assert_false (quorum_meeting_validate (m, NULL));
  m->end_time = m->start_time + G_TIME_SPAN_HOUR;

  g_free (m->status);
  m->status = g_strdup ("DONE");
  g_assert_false (quorum_meeting_validate (m, &error));
  g_assert_true (g_str_has_prefix (error->message, "status:"));
  g_clear_error (&error);
  g_free (m->status);
  m->status = g_strdup ("APPROVED");

  g_free (m->priority);
  m->priority = g_strdup ("URGENT");
  g_assert_false (quorum_meeting_validate (m, NULL));
  g_free (m->priority);
  m->priority = g_strdup ("HIGH");

  g_free (m->meeting_type);
  m->meeting_type = g_strdup ("internal");
  g_assert_false (quorum_meeting_validate (m, NULL));
  g_free (m->meeting_type);
  m->meeting_type = g_strdup ("EXTERNAL");

  {
    gint64 ids[201];
    for (int i = 0; i < 201; i++)
      ids[i] = i + 1;
    quorum_meeting_set_participants (m, ids, 200);
    g_assert_true (quorum_meeting_validate (m, NULL));
    quorum_meeting_set_participants (m, ids, 201);
    g_assert_false (quorum_meeting_validate (m, &error));
    g_assert_true (g_str_has_prefix (error->message, "participant_ids:"));
  }
}

static void
test_status_moves (void)
{
  static const struct { const char *from, *to; gboolean ok; } moves[] = {
    { "PENDING", "APPROVED", TRUE }, { "PENDING", "CANCELLED", TRUE },
    { "PENDING", "COMPLETED", FALSE }, { "APPROVED", "COMPLETED", TRUE },
    { "APPROVED", "CANCELLED", TRUE }, { "APPROVED", "PENDING", FALSE },
    { "COMPLETED", "CANCELLED", FALSE }, { "CANCELLED", "PENDING", FALSE },
    { "CANCELLED", "CANCELLED", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    g_assert_cmpint (quorum_meeting_status_move_ok (moves[i].from, moves[i].to), ==, moves[i].ok);
}

static void
test_diff_apply (void)
{
  g_autoptr(QuorumMeeting) a = valid_meeting ();
  g_autoptr(QuorumMeeting) b = quorum_meeting_copy (a);
  gint64 ids1[] = { 3, 1 }, ids2[] = { 1, 3, 3 };

  quorum_meeting_set_participants (a, ids1, 2);
  quorum_meeting_set_participants (b, ids2, 3);
  g_assert_cmpint (quorum_meeting_diff (a, b), ==, 0);

  g_free (b->agenda);
  b->agenda = g_strdup ("1. Bütçe");
  b->room_id = 4;
  g_assert_cmpint (quorum_meeting_diff (a, b), ==, QUORUM_FIELD_AGENDA | QUORUM_FIELD_ROOM_ID);
  quorum_meeting_apply (a, b, QUORUM_FIELD_AGENDA);
  g_assert_cmpstr (a->agenda, ==, "1. Bütçe");
  g_assert_cmpint (quorum_meeting_diff (a, b), ==, QUORUM_FIELD_ROOM_ID);
}

static void
test_times (void)
{
  gint64 us;
  g_autofree char *s = NULL;

  g_assert_true (quorum_time_parse_rfc3339 ("2025-02-01T13:00:00+03:00", &us));
  s = quorum_time_format_rfc3339 (us);
  g_assert_cmpstr (s, ==, "2025-02-01T10:00:00.000000Z");
  g_assert_false (quorum_time_parse_rfc3339 ("2025-02-01", &us));
  g_assert_false (quorum_time_parse_rfc3339 ("not a time at all, really", &us));
  g_assert_false (quorum_time_parse_rfc3339 (NULL, &us));
  g_assert_true (quorum_time_parse_user ("2025-02-01", NULL, &us));
  g_clear_pointer (&s, g_free);
  s = quorum_time_format_rfc3339 (us);
  /* TZ is pinned to Europe/Istanbul (UTC+3) by the test environment */
  g_assert_cmpstr (s, ==, "2025-01-31T21:00:00.000000Z");
  g_assert_true (quorum_time_parse_user ("2025-02-01T09:30", NULL, &us));
  g_clear_pointer (&s, g_free);
  s = quorum_time_format_rfc3339 (us);
  g_assert_cmpstr (s, ==, "2025-02-01T06:30:00.000000Z");
  g_assert_false (quorum_time_parse_user ("2025-13-01", NULL, &us));
}

/* local ids: "local_" + a valid version 7 UUID, unique, and growing in
 * byte order even when thousands are made in one millisecond. */
static void
test_local_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prev = NULL;

  for (int i = 0; i < 20000; i++)
    {
      char *id = quorum_new_local_id ();

      g_assert_true (g_str_has_prefix (id, "local_"));
      g_assert_true (g_uuid_string_is_valid (id + 6));
      g_assert_cmpint (id[6 + 14], ==, '7');                       /* version */
      g_assert_nonnull (strchr ("89ab", id[6 + 19]));              /* variant */
      if (prev)
        g_assert_cmpint (strcmp (prev, id), <, 0);
      g_assert_true (g_hash_table_add (seen, g_strdup (id)));
      g_free (prev);
      prev = id;
    }
}

static void
test_takes_part (void)
{
  g_autoptr(QuorumMeeting) m = quorum_meeting_new ();
  gint64 ids[] = { 42, 7, 19, 7 };

  g_assert_false (quorum_meeting_takes_part (m, 7));
  quorum_meeting_set_participants (m, ids, G_N_ELEMENTS (ids));
  g_assert_true (quorum_meeting_takes_part (m, 7));
  g_assert_true (quorum_meeting_takes_part (m, 19));
  g_assert_true (quorum_meeting_takes_part (m, 42));
  g_assert_false (quorum_meeting_takes_part (m, 8));
  g_assert_false (quorum_meeting_takes_part (m, 0));   /* nobody signed in */
  m->organizer_id = 5;
  g_assert_true (quorum_meeting_takes_part (m, 5));   /* the organiser, not a participant */
  g_assert_false (quorum_meeting_takes_part (m, 6));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/meeting/json/parse-good", test_parse_good);
  g_test_add_func ("/meeting/json/parse-bad", test_parse_bad);
  g_test_add_func ("/meeting/validate", test_validate);
  g_test_add_func ("/meeting/status-moves", test_status_moves);
  g_test_add_func ("/meeting/diff-apply", test_diff_apply);
  g_test_add_func ("/meeting/takes-part", test_takes_part);
  g_test_add_func ("/meeting/times", test_times);
  g_test_add_func ("/meeting/local-ids", test_local_ids);
  return g_test_run ();
}
