/* test-gui-logic.c — what the GUI shows, checked without a display */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "quorum-week-layout.h"
#include "quorum-sync-status.h"
#include "quorum-account-model.h"
#include "quorum-api-error.h"
#include "quorum-error-model.h"
#include "quorum-agenda-item.h"
#include "quorum-agenda-model.h"
#include <glib/gstdio.h>
#include "quorum-format.h"
#include "quorum-time.h"
#include "quorum-editor-form.h"
#include "quorum-availability.h"

#define H G_TIME_SPAN_HOUR
#define M G_TIME_SPAN_MINUTE

static GTimeZone *
istanbul (void)
{
  return g_time_zone_new_identifier ("Europe/Istanbul");
}

static gint64
at (const char *rfc3339)
{
  gint64 us = 0;

  g_assert_true (quorum_time_parse_rfc3339 (rfc3339, &us));
  return us;
}

/* Week layout */

static void
test_layout_disjoint (void)
{
  QuorumWeekSlot s[] = { { 0, 1 * H }, { 1 * H, 2 * H }, { 3 * H, 4 * H } };

  quorum_week_layout_columns (s, G_N_ELEMENTS (s));
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      g_assert_cmpuint (s[i].column, ==, 0);
      g_assert_cmpuint (s[i].n_columns, ==, 1);
    }
}

static void
test_layout_overlap_pair (void)
{
  QuorumWeekSlot s[] = { { 30 * M, 90 * M }, { 0, 1 * H } };

  quorum_week_layout_columns (s, G_N_ELEMENTS (s));
  /* Order is kept; the earlier one takes the left column. */
  g_assert_cmpuint (s[1].column, ==, 0);
  g_assert_cmpuint (s[0].column, ==, 1);
  g_assert_cmpuint (s[0].n_columns, ==, 2);
  g_assert_cmpuint (s[1].n_columns, ==, 2);
}

static void
test_layout_chain_reuses_column (void)
{
  /* A 9-12 long block; B 9-10 and C 10-11 both beside it: B's column is
   * free again for C, so the group needs two columns, not three. */
  QuorumWeekSlot s[] = { { 9 * H, 12 * H }, { 9 * H, 10 * H }, { 10 * H, 11 * H },
                         { 13 * H, 14 * H } };

  quorum_week_layout_columns (s, G_N_ELEMENTS (s));
  g_assert_cmpuint (s[0].column, ==, 0);
  g_assert_cmpuint (s[1].column, ==, 1);
  g_assert_cmpuint (s[2].column, ==, 1);
  g_assert_cmpuint (s[0].n_columns, ==, 2);
  g_assert_cmpuint (s[2].n_columns, ==, 2);
  /* A later, separate meeting is its own group. */
  g_assert_cmpuint (s[3].column, ==, 0);
  g_assert_cmpuint (s[3].n_columns, ==, 1);
}

static void
test_layout_three_way (void)
{
  QuorumWeekSlot s[] = { { 0, 2 * H }, { 0, 2 * H }, { 1 * H, 3 * H }, { 2 * H, 3 * H } };

  quorum_week_layout_columns (s, G_N_ELEMENTS (s));
  g_assert_cmpuint (s[0].n_columns, ==, 3);
  g_assert_cmpuint (s[2].column, ==, 2);
  /* The fourth starts when the first two end: it reuses column 0. */
  g_assert_cmpuint (s[3].column, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (s); j++)
      if (s[i].start < s[j].end && s[j].start < s[i].end)
        g_assert_cmpuint (s[i].column, !=, s[j].column);
}

static void
test_layout_empty_and_zero_length (void)
{
  QuorumWeekSlot s[] = { { 5 * H, 5 * H }, { 5 * H, 5 * H } };

  quorum_week_layout_columns (NULL, 0);
  quorum_week_layout_columns (s, G_N_ELEMENTS (s));
  g_assert_cmpuint (s[0].column, !=, s[1].column);
}

/* Wide columns: side by side, as before.  Narrow: a cascade where every
 * block keeps most of the column, a few pixels right of the one under it. */
static void
test_layout_block_x (void)
{
  double x, w;

  g_assert_false (quorum_week_layout_block_x (137, 1, 2, 40, &x, &w));
  g_assert_cmpfloat_with_epsilon (x, 68.5, 0.01);
  g_assert_cmpfloat_with_epsilon (w, 68.5, 0.01);
  g_assert_false (quorum_week_layout_block_x (42, 0, 1, 40, &x, &w));
  g_assert_cmpfloat_with_epsilon (w, 42, 0.01);

  for (guint n = 2; n <= 6; n++)
    {
      double prev_x = -1;

      for (guint sub = 0; sub < n; sub++)
        {
          g_assert_true (quorum_week_layout_block_x (42, sub, n, 40, &x, &w));
          g_assert_cmpfloat (x, >, prev_x);
          g_assert_cmpfloat (x + w, <=, 42 + 0.01);
          /* Two thirds of the column at least, whatever the crowd. */
          g_assert_cmpfloat (w, >=, 42 * 2 / 3.0 - 0.01);
          prev_x = x;
        }
    }
}

static void
test_layout_n_hidden (void)
{
  /* 10:00–11:00, 10:00–10:30 (same start, drawn over it), 10:10–11:00
   * (10 min later: covers both labels), 10:45–11:30 (its own line). */
  QuorumWeekSlot s[] = { { 0, H }, { 0, H / 2 }, { H / 6, H }, { 3 * H / 4, 3 * H / 2 } };
  gint64 window = H / 3;

  quorum_week_layout_columns (s, G_N_ELEMENTS (s));
  g_assert_cmpuint (quorum_week_layout_n_hidden (s, G_N_ELEMENTS (s), 0, window), ==, 0);
  g_assert_cmpuint (quorum_week_layout_n_hidden (s, G_N_ELEMENTS (s), 1, window), ==, 1);
  /* The 10:00–10:30 one ended before 10:45 but not before 10:10. */
  g_assert_cmpuint (quorum_week_layout_n_hidden (s, G_N_ELEMENTS (s), 2, window), ==, 2);
  g_assert_cmpuint (quorum_week_layout_n_hidden (s, G_N_ELEMENTS (s), 3, window), ==, 0);
}

static void
test_rooms_paging (void)
{
  /* 1024 px: three rooms of 110 px fit; 360 px (less the hour gutter): two. */
  g_assert_cmpuint (quorum_rooms_per_page (1014 - 52, 110, 3), ==, 3);
  g_assert_cmpuint (quorum_rooms_per_page (350 - 52, 110, 3), ==, 2);
  g_assert_cmpuint (quorum_rooms_per_page (80, 110, 3), ==, 1);
  g_assert_cmpuint (quorum_rooms_per_page (0, 110, 3), ==, 1);
  g_assert_cmpuint (quorum_rooms_per_page (2000, 110, 0), ==, 1);

  g_assert_cmpuint (quorum_rooms_page_first (0, 2, 3), ==, 0);
  /* The next page of two from the first: rooms 2 and 3, never 3 alone. */
  g_assert_cmpuint (quorum_rooms_page_first (2, 2, 3), ==, 1);
  g_assert_cmpuint (quorum_rooms_page_first (2, 3, 3), ==, 0);
  g_assert_cmpuint (quorum_rooms_page_first (4, 2, 10), ==, 4);
  g_assert_cmpuint (quorum_rooms_page_first (9, 4, 10), ==, 6);
}

static void
test_week_start (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  /* Wednesday 2025-02-05 15:00 local. */
  gint64 wed = at ("2025-02-05T15:00:00+03:00");

  g_assert_cmpint (quorum_week_start (wed, 1, tz), ==, at ("2025-02-03T00:00:00+03:00"));
  g_assert_cmpint (quorum_week_start (wed, 0, tz), ==, at ("2025-02-02T00:00:00+03:00"));
  g_assert_cmpint (quorum_week_start (wed, 6, tz), ==, at ("2025-02-01T00:00:00+03:00"));
  g_assert_cmpint (quorum_day_add (at ("2025-02-28T00:00:00+03:00"), 1, tz), ==,
                   at ("2025-03-01T00:00:00+03:00"));
}

static void
test_first_weekday_locale (void)
{
  const char *turkish[] = { "tr_TR.UTF-8", "tr_TR.utf8", NULL };
  const char *us[] = { "en_US.UTF-8", "en_US.utf8", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));
  gboolean any = FALSE;

  for (guint i = 0; turkish[i]; i++)
    if (setlocale (LC_TIME, turkish[i]))
      {
        g_assert_cmpint (quorum_locale_first_weekday (), ==, 1);
        any = TRUE;
        break;
      }
  for (guint i = 0; us[i]; i++)
    if (setlocale (LC_TIME, us[i]))
      {
        g_assert_cmpint (quorum_locale_first_weekday (), ==, 0);
        any = TRUE;
        break;
      }
  setlocale (LC_TIME, saved);
  if (!any)
    g_test_skip ("neither tr_TR nor en_US locale is installed");
}

/* Sync status */

/* The header bar has room for a word or two: the label stays compact,
 * the count or clock goes beside it, the sentence to the tooltip. */
static void
assert_compact (const QuorumSyncStatus *st)
{
  g_assert_nonnull (st->label);
  g_assert_cmpint (g_utf8_strlen (st->label, -1), <=, 15);
  g_assert_nonnull (st->name);
  g_assert_nonnull (st->tooltip);
  g_assert_null (strchr (st->label, ','));
}

static void
test_status_texts (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  QuorumSyncSnapshot s = { 0 };
  QuorumSyncStatus st;

  s.state = QUORUM_SYNC_STATE_SYNCED;
  s.last_success = at ("2025-02-01T11:05:00Z");
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Up to date");
  g_assert_cmpstr (st.detail, ==, "14:05");
  g_assert_false (st.detail_is_count);
  g_assert_cmpstr (st.name, ==, "Up to date at 14:05");
  g_assert_cmpstr (st.tooltip, ==, "Up to date at 14:05\nEverything is sent and received");
  g_assert_cmpstr (st.css_class, ==, "success");
  quorum_sync_status_clear (&st);

  /* Synced, then edited: not "up to date" while something waits. */
  s.pending = 2;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Pending");
  g_assert_cmpstr (st.detail, ==, "2");
  g_assert_true (st.detail_is_count);
  g_assert_cmpstr (st.name, ==, "2 changes waiting");
  g_assert_true (g_str_has_prefix (st.tooltip, "2 changes waiting\n"));
  g_assert_null (st.css_class);
  quorum_sync_status_clear (&st);
  s.pending = 0;

  s.state = QUORUM_SYNC_STATE_OFFLINE;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Offline");
  g_assert_null (st.detail);
  g_assert_cmpstr (st.name, ==, "Offline");
  quorum_sync_status_clear (&st);
  s.pending = 1;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Offline");
  g_assert_cmpstr (st.detail, ==, "1");
  g_assert_true (st.detail_is_count);
  g_assert_cmpstr (st.name, ==, "Offline, 1 change waiting");
  g_assert_true (g_str_has_prefix (st.tooltip, "Offline, 1 change waiting\n"));
  quorum_sync_status_clear (&st);
  s.pending = 3;
  quorum_sync_status_compute (&s, tz, &st);
  g_assert_cmpstr (st.detail, ==, "3");
  g_assert_cmpstr (st.name, ==, "Offline, 3 changes waiting");
  quorum_sync_status_clear (&st);

  s.state = QUORUM_SYNC_STATE_SYNCING;
  s.phase = "pull";
  s.done = 2;
  s.total = 5;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Syncing…");
  g_assert_null (st.detail);
  g_assert_cmpstr (st.tooltip, ==, "Receiving changes (2 of 5)");
  quorum_sync_status_clear (&st);

  s.state = QUORUM_SYNC_STATE_NEEDS_ATTENTION;
  s.conflicts = 1;
  s.rejected = 1;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Attention");
  g_assert_cmpstr (st.detail, ==, "2");
  g_assert_true (st.detail_is_count);
  g_assert_cmpstr (st.name, ==, "Needs attention");
  g_assert_cmpstr (st.tooltip, ==, "2 changes need your decision");
  quorum_sync_status_clear (&st);

  s.state = QUORUM_SYNC_STATE_LOGIN_REQUIRED;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Sign in needed");
  g_assert_null (st.detail);
  quorum_sync_status_clear (&st);

  s.state = QUORUM_SYNC_STATE_RATE_LIMITED;
  s.now = at ("2025-02-01T10:00:00Z");
  s.retry_at = s.now + 299 * G_USEC_PER_SEC + 1;
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Rate limited");
  g_assert_cmpstr (st.detail, ==, "5:00");
  g_assert_false (st.detail_is_count);
  g_assert_cmpstr (st.name, ==, "Rate limited, retrying in 5:00");
  quorum_sync_status_clear (&st);

  s.state = QUORUM_SYNC_STATE_ERROR;
  s.error_message = "Connection refused";
  quorum_sync_status_compute (&s, tz, &st);
  assert_compact (&st);
  g_assert_cmpstr (st.label, ==, "Error");
  g_assert_cmpstr (st.tooltip, ==, "Connection refused");
  quorum_sync_status_clear (&st);
}

static void
test_status_wait_and_counts (void)
{
  g_autofree char *a = quorum_sync_format_wait (-5);
  g_autofree char *b = quorum_sync_format_wait (61 * G_TIME_SPAN_SECOND);
  g_autofree char *c = quorum_sync_format_wait (G_TIME_SPAN_HOUR);

  g_assert_cmpstr (a, ==, "0:00");
  g_assert_cmpstr (b, ==, "1:01");
  g_assert_cmpstr (c, ==, "60:00");
  g_assert_cmpint (quorum_sync_state_from_counts (0, 0, 0), ==, QUORUM_SYNC_STATE_SYNCED);
  g_assert_cmpint (quorum_sync_state_from_counts (4, 0, 0), ==, QUORUM_SYNC_STATE_OFFLINE);
  g_assert_cmpint (quorum_sync_state_from_counts (4, 0, 1), ==, QUORUM_SYNC_STATE_NEEDS_ATTENTION);
  g_assert_cmpint (quorum_sync_state_from_counts (0, 1, 0), ==, QUORUM_SYNC_STATE_NEEDS_ATTENTION);
  /* The engine stores µs; an RFC 3339 value is read too. */
  g_assert_cmpint (quorum_sync_parse_last_success ("1738407900000000"), ==, at ("2025-02-01T11:05:00Z"));
  g_assert_cmpint (quorum_sync_parse_last_success ("2025-02-01T11:05:00Z"), ==, at ("2025-02-01T11:05:00Z"));
  g_assert_cmpint (quorum_sync_parse_last_success (NULL), ==, 0);
  g_assert_cmpint (quorum_sync_parse_last_success ("12abc"), ==, 0);
  g_assert_cmpint (quorum_sync_parse_last_success ("-5"), ==, 0);
}

/* Error view models */

static QuorumMeeting *
sample_meeting (void)
{
  QuorumMeeting *m = quorum_meeting_new ();
  gint64 ids[] = { 1, 7, 9 };

  g_free (m->title);
  m->title = g_strdup ("Yeni Toplantı");
  m->start_time = at ("2025-02-01T10:00:00Z");
  m->end_time = at ("2025-02-01T11:00:00Z");
  m->room_id = 3;
  quorum_meeting_set_participants (m, ids, G_N_ELEMENTS (ids));
  return m;
}

static void
test_model_meeting_conflict (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(QuorumErrorModel) vm = quorum_error_model_new (
    "{\"code\": \"meeting_conflict\", \"message\": \"Toplantı çakışması tespit edildi\","
    " \"conflict_details\": {\"existing_meeting\": {\"id\": 1, \"title\": \"Mevcut Toplantı\","
    " \"start_time\": \"2025-02-01T10:00:00.000000Z\", \"end_time\": \"2025-02-01T11:00:00.000000Z\"}}}", tz);
  g_autoptr(QuorumMeeting) m = sample_meeting ();
  g_autoptr(QuorumMeeting) moved = NULL;
  g_autoptr(QuorumMeeting) roomed = NULL;
  QuorumMeetingField mask;

  g_assert_cmpint (vm->kind, ==, QUORUM_ERROR_KIND_MEETING_CONFLICT);
  g_assert_true (vm->has_existing);
  g_assert_cmpint (vm->existing.id, ==, 1);
  g_assert_cmpstr (vm->existing.title, ==, "Mevcut Toplantı");
  g_assert_nonnull (strstr (vm->existing.when, "13:00–14:00"));
  g_assert_nonnull (strstr (vm->body, "Toplantı çakışması"));
  g_assert_true (vm->can_pick_time && vm->can_pick_room);
  g_assert_false (vm->can_open_existing);
  quorum_error_model_set_existing_owner (vm, 7, 8);
  g_assert_false (vm->can_open_existing);
  quorum_error_model_set_existing_owner (vm, 7, 7);
  g_assert_true (vm->can_open_existing);

  mask = quorum_error_action_move (m, at ("2025-02-01T12:00:00Z"), &moved);
  g_assert_cmpint (mask, ==, QUORUM_FIELD_START_TIME | QUORUM_FIELD_END_TIME);
  g_assert_cmpint (moved->end_time - moved->start_time, ==, 1 * H);
  g_assert_cmpint (moved->start_time, ==, at ("2025-02-01T12:00:00Z"));
  mask = quorum_error_action_set_room (m, 5, &roomed);
  g_assert_cmpint (mask, ==, QUORUM_FIELD_ROOM_ID);
  g_assert_cmpint (roomed->room_id, ==, 5);
}

static void
test_model_participant_unavailable (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(QuorumErrorModel) vm = quorum_error_model_new (
    "{\"code\": \"participant_unavailable\", \"message\": \"Katılımcı(lar) müsait değil\","
    " \"unavailable_participants\": [{\"id\": 7, \"name\": \"John Doe\","
    " \"conflict_meeting\": {\"id\": 2, \"title\": \"Diğer Toplantı\","
    " \"start_time\": \"2025-02-01T10:30:00.000000Z\", \"end_time\": \"2025-02-01T11:30:00.000000Z\"}},"
    " \"garbage\", {\"id\": 9}]}", tz);
  g_autoptr(QuorumMeeting) m = sample_meeting ();
  g_autoptr(QuorumMeeting) fewer = NULL;
  const QuorumUnavailablePerson *p;

  g_assert_cmpint (vm->kind, ==, QUORUM_ERROR_KIND_PARTICIPANT_UNAVAILABLE);
  g_assert_cmpuint (vm->people->len, ==, 2);
  p = g_ptr_array_index (vm->people, 0);
  g_assert_cmpstr (p->name, ==, "John Doe");
  g_assert_cmpstr (p->meeting.title, ==, "Diğer Toplantı");
  g_assert_nonnull (strstr (p->meeting.when, "13:30–14:30"));
  p = g_ptr_array_index (vm->people, 1);
  g_assert_cmpint (p->user_id, ==, 9);
  g_assert_cmpstr (p->meeting.when, ==, "");
  g_assert_true (vm->can_remove_people && vm->can_book_anyway && vm->can_pick_time);
  g_assert_false (vm->can_pick_room);

  g_assert_cmpint (quorum_error_action_remove_people (vm, m, &fewer), ==, QUORUM_FIELD_PARTICIPANT_IDS);
  g_assert_cmpuint (fewer->participant_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fewer->participant_ids, gint64, 0), ==, 1);
}

static void
test_model_garbage (void)
{
  const char *inputs[] = {
    NULL, "", "not json", "[]", "42", "{}", "{\"code\": 5}",
    "{\"code\": \"meeting_conflict\"}",
    "{\"code\": \"meeting_conflict\", \"conflict_details\": []}",
    "{\"code\": \"meeting_conflict\", \"conflict_details\": {\"existing_meeting\": {\"id\": \"x\", \"start_time\": 3}}}",
    "{\"code\": \"participant_unavailable\", \"unavailable_participants\": {}}",
    "{\"code\": \"validation_error\", \"fields\": {\"title\": [\"Bu alan boş olamaz.\", 3], \"end_time\": \"x\"}}",
    "{\"detail\": \"Request was throttled.\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(QuorumErrorModel) vm = quorum_error_model_new (inputs[i], NULL);

      g_assert_nonnull (vm->heading);
      g_assert_nonnull (vm->body);
      g_assert_nonnull (vm->existing.title);
      g_assert_nonnull (vm->existing.when);
      quorum_error_model_set_existing_owner (vm, 0, 0);
      g_assert_false (vm->can_open_existing);
    }
  {
    g_autoptr(QuorumErrorModel) vm = quorum_error_model_new (inputs[11], NULL);

    g_assert_cmpint (vm->kind, ==, QUORUM_ERROR_KIND_VALIDATION);
    g_assert_cmpuint (vm->field_errors->len, ==, 2);
  }
}

static char *
fake_room_name (gint64 id, gpointer user_data)
{
  return id == 3 ? g_strdup ("Toplantı Odası 1") : NULL;
}

static void
test_model_sync_conflict (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(QuorumConflict) c = quorum_conflict_new ();
  g_autoptr(QuorumConflictModel) vm = NULL;
  g_autoptr(QuorumConflictModel) deleted = NULL;
  const QuorumConflictRow *row;

  c->id = 4;
  c->local = sample_meeting ();
  c->server = sample_meeting ();
  g_free (c->server->title);
  c->server->title = g_strdup ("Sunucu Başlığı");
  c->server->room_id = 8;
  c->fields = QUORUM_FIELD_TITLE | QUORUM_FIELD_ROOM_ID;

  vm = quorum_conflict_model_new (c, tz, fake_room_name, NULL, NULL);
  g_assert_cmpint (vm->conflict_id, ==, 4);
  g_assert_false (vm->server_deleted);
  g_assert_cmpuint (vm->rows->len, ==, 2);
  row = g_ptr_array_index (vm->rows, 0);
  g_assert_cmpint (row->field, ==, QUORUM_FIELD_TITLE);
  g_assert_cmpstr (row->mine, ==, "Yeni Toplantı");
  g_assert_cmpstr (row->theirs, ==, "Sunucu Başlığı");
  row = g_ptr_array_index (vm->rows, 1);
  g_assert_cmpstr (row->mine, ==, "Toplantı Odası 1");
  g_assert_cmpstr (row->theirs, ==, "Unknown (#8)");

  g_clear_pointer (&c->server, quorum_meeting_free);
  deleted = quorum_conflict_model_new (c, tz, NULL, NULL, NULL);
  g_assert_true (deleted->server_deleted);
  g_assert_cmpuint (deleted->rows->len, ==, 0);
  g_assert_cmpstr (deleted->title, ==, "Yeni Toplantı");
}

/* Agenda grouping */

static QuorumMeeting *
meeting_at (const char *start, const char *status)
{
  QuorumMeeting *m = quorum_meeting_new ();

  g_free (m->title);
  m->title = g_strdup (start);
  m->start_time = at (start);
  m->end_time = m->start_time + H;
  g_free (m->status);
  m->status = g_strdup (status);
  return m;
}

static void
test_agenda_group (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) page1 = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_meeting_free);
  g_autoptr(GPtrArray) page2 = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_meeting_free);
  gint64 last_day = G_MININT64;
  QuorumAgendaItemKind expect[] = { QUORUM_AGENDA_ITEM_DAY, QUORUM_AGENDA_ITEM_MEETING,
                                    QUORUM_AGENDA_ITEM_MEETING, QUORUM_AGENDA_ITEM_DAY,
                                    QUORUM_AGENDA_ITEM_MEETING, QUORUM_AGENDA_ITEM_MEETING };

  /* 22:30 UTC is already the next day in Istanbul. */
  g_ptr_array_add (page1, meeting_at ("2025-02-01T07:00:00Z", "PENDING"));
  g_ptr_array_add (page1, meeting_at ("2025-02-01T08:00:00Z", "CANCELLED"));
  g_ptr_array_add (page1, meeting_at ("2025-02-01T09:00:00Z", "APPROVED"));
  g_ptr_array_add (page1, meeting_at ("2025-02-01T22:30:00Z", "APPROVED"));
  /* A second page continuing the same day adds no second heading. */
  g_ptr_array_add (page2, meeting_at ("2025-02-02T08:00:00Z", "PENDING"));

  quorum_agenda_group (items, &last_day, page1, FALSE, tz);
  quorum_agenda_group (items, &last_day, page2, FALSE, tz);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (quorum_agenda_item_get_kind (g_ptr_array_index (items, i)), ==, expect[i]);
  g_assert_cmpint (quorum_agenda_item_get_day (g_ptr_array_index (items, 3)), ==,
                   at ("2025-02-02T00:00:00+03:00"));

  g_ptr_array_set_size (items, 0);
  last_day = G_MININT64;
  quorum_agenda_group (items, &last_day, page1, TRUE, tz);
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpstr (quorum_agenda_item_get_meeting (g_ptr_array_index (items, 2))->status, ==, "CANCELLED");
}

static void
test_agenda_search_order (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_meeting_free);
  const char *expect[] = {
    "2025-02-02T21:30:00Z",   /* 00:30 on the 3rd in Istanbul: the newest day */
    "2025-02-02T06:00:00Z", "2025-02-02T09:00:00Z", "2025-02-02T15:00:00Z",
    "2025-01-10T08:00:00Z",
  };

  /* As the replica gives them: newest first. */
  g_ptr_array_add (found, meeting_at ("2025-02-02T21:30:00Z", "PENDING"));
  g_ptr_array_add (found, meeting_at ("2025-02-02T15:00:00Z", "PENDING"));
  g_ptr_array_add (found, meeting_at ("2025-02-02T09:00:00Z", "PENDING"));
  g_ptr_array_add (found, meeting_at ("2025-02-02T06:00:00Z", "APPROVED"));
  g_ptr_array_add (found, meeting_at ("2025-01-10T08:00:00Z", "PENDING"));
  quorum_agenda_sort_search_results (found, tz);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpint (((QuorumMeeting *) g_ptr_array_index (found, i))->start_time, ==, at (expect[i]));
  g_ptr_array_set_size (found, 0);
  quorum_agenda_sort_search_results (found, tz);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_week_pick (void)
{
  gboolean prefer[6] = { FALSE, TRUE, FALSE, TRUE, TRUE, FALSE };
  gboolean shown[6];

  /* Up to the limit every meeting is drawn, preferred or not. */
  g_assert_cmpuint (quorum_week_layout_pick (prefer, 6, 6, shown), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (shown[i]);
  /* Over it, only the preferred ones, the first @limit of them. */
  g_assert_cmpuint (quorum_week_layout_pick (prefer, 6, 5, shown), ==, 3);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (shown[i], ==, prefer[i]);
  g_assert_cmpuint (quorum_week_layout_pick (prefer, 6, 2, shown), ==, 2);
  g_assert_false (shown[0]);
  g_assert_true (shown[1]);
  g_assert_true (shown[3]);
  g_assert_false (shown[4]);
  g_assert_cmpuint (quorum_week_layout_pick (prefer, 0, 2, shown), ==, 0);
}

/* The agenda model over a real replica file */

typedef struct {
  guint position, removed, added, count;
} Change;

static void
on_model_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *c)
{
  *c = (Change) { position, removed, added, c->count + 1 };
}

static QuorumAgendaItem *
row (QuorumAgendaModel *model,
     guint              i)
{
  /* the model keeps a reference: the borrowed pointer stays valid */
  QuorumAgendaItem *item = g_list_model_get_item (G_LIST_MODEL (model), i);

  g_object_unref (item);
  return item;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_agenda_model_paging (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autofree char *dir = g_dir_make_tmp ("quorum-agenda-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autoptr(QuorumAgendaModel) model = NULL;
  const char *days[] = { "2031-01-06", "2031-01-07", "2031-01-08" };
  guint total = G_N_ELEMENTS (days) * 61 + 2;   /* a heading and 60 meetings a day, then one far off */
  gint64 last_start = G_MININT64;
  Change c = { 0 };

  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint i = 0; i < 60; i++)
      {
        g_autofree char *start = g_strdup_printf ("%sT09:%02u:00+03:00", days[d], i);
        g_autoptr(QuorumMeeting) m = meeting_at (start, "PENDING");
        g_autoptr(QuorumMeeting) saved = NULL;

        g_free (m->title);
        m->title = g_strdup_printf ("Day%u #%02u", d + 1, i);
        saved = quorum_store_create_meeting (store, m, FALSE, &error);
        g_assert_no_error (error);
      }
  {
    g_autoptr(QuorumMeeting) m = meeting_at ("2031-03-02T10:00:00+03:00", "PENDING");
    g_autoptr(QuorumMeeting) saved = quorum_store_create_meeting (store, m, FALSE, &error);

    g_assert_no_error (error);
  }

  model = quorum_agenda_model_new (store, tz);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_model_changed), &c);
  quorum_agenda_model_set_anchor (model, at ("2031-01-06T12:00:00+03:00"));
  /* A new day: the first rows only, in one change; its page (whole days
   * up to 150 rows: one day, then two) is read in two queries. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpuint (c.added, ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_cmpuint (quorum_agenda_model_get_n_queries (model), ==, 2);
  g_assert_cmpint (quorum_agenda_item_get_kind (row (model, 0)), ==, QUORUM_AGENDA_ITEM_DAY);
  g_assert_cmpint (quorum_agenda_item_get_day (row (model, 0)), ==, at ("2031-01-06T00:00:00+03:00"));
  g_assert_true (quorum_agenda_model_has_more (model));

  /* The rest of the page comes from the queue, without a query. */
  g_assert_true (quorum_agenda_model_load_more (model));
  g_assert_cmpuint (c.position, ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_cmpuint (quorum_agenda_model_get_n_queries (model), ==, 2);

  /* Everything, each meeting once and in order, each day under its heading. */
  while (quorum_agenda_model_load_more (model))
    ;
  g_assert_false (quorum_agenda_model_has_more (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  for (guint i = 0; i < total; i++)
    {
      QuorumAgendaItem *item = row (model, i);

      if (quorum_agenda_item_get_kind (item) == QUORUM_AGENDA_ITEM_DAY)
        {
          g_assert_cmpint (quorum_agenda_item_get_kind (row (model, i + 1)), ==, QUORUM_AGENDA_ITEM_MEETING);
          continue;
        }
      g_assert_cmpint (quorum_agenda_item_get_meeting (item)->start_time, >, last_start);
      g_assert_cmpint (quorum_day_start (quorum_agenda_item_get_meeting (item)->start_time, tz), ==,
                       quorum_agenda_item_get_day (item));
      last_start = quorum_agenda_item_get_meeting (item)->start_time;
    }
  g_assert_cmpstr (quorum_agenda_item_get_meeting (row (model, 61 + 1))->title, ==, "Day2 #00");

  /* The replica changed: the view keeps every row it had, in one change. */
  c.count = 0;
  quorum_agenda_model_reload (model);
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpuint (c.removed, ==, total);
  g_assert_cmpuint (c.added, ==, total);

  /* Another day starts again with the first rows. */
  quorum_agenda_model_set_anchor (model, at ("2031-01-07T08:00:00+03:00"));
  g_assert_cmpuint (c.removed, ==, total);
  g_assert_cmpuint (c.added, ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_cmpstr (quorum_agenda_item_get_meeting (row (model, 1))->title, ==, "Day2 #00");

  /* A search: its results, given out the same way; newest day first. */
  quorum_agenda_model_set_search (model, "Day3");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_true (quorum_agenda_model_has_more (model));
  while (quorum_agenda_model_load_more (model))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 61);
  g_assert_cmpstr (quorum_agenda_item_get_meeting (row (model, 1))->title, ==, "Day3 #00");
  g_assert_cmpstr (quorum_agenda_item_get_meeting (row (model, 60))->title, ==, "Day3 #59");
  /* and back to the day */
  quorum_agenda_model_set_search (model, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, QUORUM_AGENDA_SHOW_ROWS);
  g_assert_cmpstr (quorum_agenda_item_get_meeting (row (model, 1))->title, ==, "Day2 #00");

  g_clear_object (&model);
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_rooms_name_matches (void)
{
  struct { const char *name, *filter; gboolean match; } cases[] = {
    { "Büyük Salon", NULL, TRUE },
    { "Büyük Salon", "", TRUE },
    { "Büyük Salon", "  ", TRUE },
    { "Büyük Salon", "salon", TRUE },
    { "Büyük Salon", "buyuk", TRUE },          /* no accents typed */
    { "Büyük Salon", "BÜYÜK", TRUE },
    { "Büyük Salon", "salon büyük", TRUE },    /* every word, any order */
    { "Büyük Salon", "salon küçük", FALSE },
    { "Işık Odası", "isik", TRUE },            /* Turkish dotless ı, capital I */
    { "Işık Odası", "ışık", TRUE },
    { "İstanbul Salonu", "istanbul", TRUE },   /* Turkish dotted capital İ */
    { "İstanbul Salonu", "İST", TRUE },
    { "Toplantı Odası 1", "odasi 1", TRUE },
    { "Toplantı Odası 1", "2", FALSE },
    { "Kabin", "kab", TRUE },
    { "Kabin", "zzz", FALSE },
    { "", "a", FALSE },
    { NULL, "a", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s” ~ “%s”", cases[i].name ? cases[i].name : "(null)",
                      cases[i].filter ? cases[i].filter : "(null)");
      g_assert_cmpint (quorum_rooms_name_matches (cases[i].name, cases[i].filter), ==, cases[i].match);
    }
}

/* Editor form */

static void
test_editor_clock (void)
{
  struct { const char *text; int minutes; } good[] = {
    { "9:30", 570 }, { "09:30", 570 }, { "0930", 570 }, { "9", 540 }, { "23.59", 1439 }, { " 7:05 ", 425 },
  };
  const char *bad[] = { NULL, "", "24:00", "9:60", "x", "9:3", "12345", "9:30pm", "-1" };
  int m = -1;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (quorum_editor_parse_clock (good[i].text, &m));
      g_assert_cmpint (m, ==, good[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (quorum_editor_parse_clock (bad[i], &m));
}

static void
test_editor_compose (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL, *start = NULL, *end = NULL;
  gint64 s, e;

  g_assert_true (quorum_editor_compose_times ("2025-02-01", "10:00", "11:30", tz, &s, &e, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s, ==, at ("2025-02-01T07:00:00Z"));
  g_assert_cmpint (e, ==, at ("2025-02-01T08:30:00Z"));
  /* An end before the start runs past midnight. */
  g_assert_true (quorum_editor_compose_times ("2025-02-01", "23:00", "01:00", tz, &s, &e, NULL));
  g_assert_cmpint (e - s, ==, 2 * H);
  g_assert_false (quorum_editor_compose_times ("2025-02-30", "10:00", "11:00", tz, &s, &e, &error));
  g_assert_error (error, QUORUM_EDITOR_ERROR, QUORUM_EDITOR_ERROR_DATE);
  g_clear_error (&error);
  g_assert_false (quorum_editor_compose_times ("2025-02-01", "10:00", "late", tz, &s, &e, &error));
  g_assert_error (error, QUORUM_EDITOR_ERROR, QUORUM_EDITOR_ERROR_TIME);

  quorum_editor_split_times (at ("2025-02-01T07:00:00Z"), at ("2025-02-01T08:30:00Z"), tz, &date, &start, &end);
  g_assert_cmpstr (date, ==, "2025-02-01");
  g_assert_cmpstr (start, ==, "10:00");
  g_assert_cmpstr (end, ==, "11:30");
}

/* Joined with "," for one readable comparison. */
static char *
choices_of (const char *current)
{
  g_auto(GStrv) choices = quorum_editor_status_choices (current);

  return g_strjoinv (",", choices);
}

static void
test_editor_status_choices (void)
{
  const char *all[] = { "PENDING", "APPROVED", "COMPLETED", "CANCELLED" };
  g_autofree char *created = choices_of (NULL);
  g_autofree char *pending = choices_of ("PENDING");
  g_autofree char *approved = choices_of ("APPROVED");
  g_autofree char *completed = choices_of ("COMPLETED");
  g_autofree char *cancelled = choices_of ("CANCELLED");
  g_autofree char *odd = choices_of ("POSTPONED");

  g_assert_cmpstr (created, ==, "PENDING,APPROVED");
  g_assert_cmpstr (pending, ==, "PENDING,APPROVED,CANCELLED");
  g_assert_cmpstr (approved, ==, "APPROVED,COMPLETED,CANCELLED");
  g_assert_cmpstr (completed, ==, "COMPLETED");
  g_assert_cmpstr (cancelled, ==, "CANCELLED");
  g_assert_cmpstr (odd, ==, "POSTPONED");

  /* Every choice of an existing meeting is a move the core accepts, and
   * every move the core accepts is offered. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_auto(GStrv) choices = quorum_editor_status_choices (all[i]);

      for (guint j = 0; j < G_N_ELEMENTS (all); j++)
        g_assert_cmpint (g_strv_contains ((const char * const *) choices, all[j]), ==,
                         quorum_meeting_status_move_ok (all[i], all[j]));
    }
}

static void
test_sync_marks (void)
{
  const char *icon, *label;

  g_assert_false (quorum_format_sync_mark (NULL, &icon, &label));
  g_assert_false (quorum_format_sync_mark ("synced", &icon, &label));
  g_assert_null (icon);
  g_assert_true (quorum_format_sync_mark ("pending", &icon, &label));
  g_assert_cmpstr (label, ==, "Waiting to be sent");
  g_assert_true (quorum_format_sync_mark ("rejected", &icon, &label));
  g_assert_true (quorum_format_sync_mark ("conflict", &icon, &label));
}

static GError *
api_error (QuorumApiError code)
{
  return quorum_api_error_new_literal (code, "raw message");
}

static void
test_sign_in_texts (void)
{
  struct { QuorumApiError code; const char *server; const char *needle; } cases[] = {
    { QUORUM_API_ERROR_INSECURE_URL, "http://meet.example.org", "http://" },
    { QUORUM_API_ERROR_INSECURE_URL, "https://", "not a valid server address" },
    { QUORUM_API_ERROR_INVALID_CREDENTIALS, "https://x", "username or password is wrong" },
    { QUORUM_API_ERROR_NETWORK, "https://x", "could not be reached" },
    { QUORUM_API_ERROR_TLS, "https://x", "certificate" },
    { QUORUM_API_ERROR_RATE_LIMITED, "https://x", "Too many" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = api_error (cases[i].code);
      g_autofree char *text = quorum_sign_in_error_text (error, cases[i].server);

      g_test_message ("%u: %s", i, text);
      g_assert_nonnull (strstr (text, cases[i].needle));
      /* Plain words, never the client's raw message. */
      g_assert_null (strstr (text, "raw message"));
    }
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "boom");
    g_autofree char *text = quorum_sign_in_error_text (other, NULL);
    g_assert_nonnull (strstr (text, "boom"));
  }
}

static void
test_sign_in_server (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "  meet.example.org ", "https://meet.example.org" },
    { "https://meet.example.org/", "https://meet.example.org" },
    { "http://127.0.0.1:8000//", "http://127.0.0.1:8000" },
    { "https://x.org/quorum/", "https://x.org/quorum" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = quorum_sign_in_normalize_server (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (quorum_sign_in_normalize_server ("   "));
  g_assert_null (quorum_sign_in_normalize_server (NULL));
  g_assert_true (quorum_sign_in_can_submit ("x", "ayse", " "));
  g_assert_false (quorum_sign_in_can_submit ("x", " ", "p"));
  g_assert_false (quorum_sign_in_can_submit ("", "ayse", "p"));
  g_assert_false (quorum_sign_in_can_submit ("x", "ayse", ""));
}

static void
test_online_and_reasons (void)
{
  g_assert_false (quorum_sync_is_online (FALSE, QUORUM_SYNC_STATE_SYNCED));
  g_assert_true (quorum_sync_is_online (TRUE, QUORUM_SYNC_STATE_SYNCED));
  g_assert_true (quorum_sync_is_online (TRUE, QUORUM_SYNC_STATE_NEEDS_ATTENTION));
  g_assert_false (quorum_sync_is_online (TRUE, QUORUM_SYNC_STATE_OFFLINE));
  g_assert_false (quorum_sync_is_online (TRUE, QUORUM_SYNC_STATE_LOGIN_REQUIRED));
  g_assert_false (quorum_sync_is_online (TRUE, QUORUM_SYNC_STATE_ERROR));
  g_assert_false (quorum_sync_is_online (TRUE, QUORUM_SYNC_STATE_RATE_LIMITED));
  g_assert_cmpstr (quorum_sync_reason_text (NULL), ==, "network error");
  g_assert_cmpstr (quorum_sync_reason_text ("The server could not be reached"), ==,
                   "The server could not be reached");
  g_assert_cmpstr (quorum_sync_reason_text ("something new"), ==, "something new");
}

static void
test_integration_texts (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autofree char *err = quorum_integration_subtitle ("error", NULL, "Outlook senkronizasyonu başarısız",
                                                      "Connection refused", tz);
  g_autofree char *ok = quorum_integration_subtitle ("ok", "2025-02-01T11:05:00Z", NULL, NULL, tz);
  g_autofree char *never = quorum_integration_subtitle ("ok", NULL, NULL, NULL, tz);
  g_autofree char *gone = quorum_integration_subtitle ("disconnected", NULL, NULL, NULL, tz);

  g_assert_cmpstr (err, ==, "Outlook senkronizasyonu başarısız (Connection refused)");
  g_assert_cmpstr (ok, ==, "Last synced 2025-02-01 14:05");
  g_assert_cmpstr (never, ==, "Not synced yet");
  g_assert_nonnull (strstr (gone, "Reauthorize"));
  g_assert_cmpstr (quorum_integration_provider_name ("google"), ==, "Google Calendar");
  g_assert_cmpstr (quorum_integration_provider_name ("zoho"), ==, "zoho");
  g_assert_cmpstr (quorum_integration_status_text ("error"), ==, "Needs attention");
}

/* Editor availability: the answer of /meetings/check/ as words and marks */

static GError *
check_error (guint       status,
             const char *json)
{
  g_autoptr(JsonNode) body = json ? json_from_string (json, NULL) : NULL;

  if (json != NULL)
    g_assert_nonnull (body);
  return quorum_api_error_from_response (status, NULL, body);
}

static char *
directory_name (gint64   id,
                gpointer data)
{
  return g_strdup_printf ("user-%" G_GINT64_FORMAT, id);
}

static void
test_availability_ok (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (NULL, tz);
  g_autofree char *both = quorum_availability_text (a, TRUE, 2, NULL, NULL);
  g_autofree char *room = quorum_availability_text (a, TRUE, 0, NULL, NULL);
  g_autofree char *people = quorum_availability_text (a, FALSE, 3, NULL, NULL);
  g_autofree char *nothing = quorum_availability_text (a, FALSE, 0, NULL, NULL);

  g_assert_false (a->fallback);
  g_assert_false (quorum_availability_is_problem (a));
  g_assert_false (quorum_availability_needs_people_check (a));
  g_assert_cmpstr (both, ==, "The room and everyone are free then.");
  g_assert_cmpstr (room, ==, "The room is free then.");
  g_assert_cmpstr (people, ==, "Everyone is free then.");
  g_assert_null (nothing);
  /* The server's ok outranks a replica that thought someone busy. */
  g_assert_cmpstr (quorum_availability_chip_state (a, 7, "busy"), ==, "free");
  g_assert_cmpstr (quorum_availability_chip_state (a, 42, "unknown"), ==, "free");
  /* No answer at all: the replica's mark stays. */
  g_assert_cmpstr (quorum_availability_chip_state (NULL, 7, "busy"), ==, "busy");
}

static void
test_availability_room_conflict (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  /* A title is plain text: markup in it must come out as typed. */
  g_autoptr(GError) error =
    check_error (409, "{\"code\": \"meeting_conflict\", \"message\": \"Toplantı çakışması tespit edildi\","
                      " \"conflict_details\": {\"existing_meeting\": {\"id\": 1, \"title\": \"<b>Bütçe</b> & Plan\","
                      " \"start_time\": \"2025-02-01T10:00:00.000000Z\", \"end_time\": \"2025-02-01T11:00:00.000000Z\"}}}");
  g_autoptr(GError) people = check_error (409, "{\"code\": \"participant_unavailable\", \"unavailable_participants\":"
                                               " [{\"id\": 9, \"name\": \"John Doe\", \"conflict_meeting\": {\"id\": 2,"
                                               " \"title\": \"Diğer\", \"start_time\": \"2025-02-01T10:30:00Z\","
                                               " \"end_time\": \"2025-02-01T11:30:00Z\"}}]}");
  g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (error, tz);
  g_autoptr(QuorumAvailability) b = quorum_availability_new_from_check (error, tz);
  g_autofree char *when = quorum_format_range (at ("2025-02-01T10:00:00Z"), at ("2025-02-01T11:00:00Z"), tz);
  g_autofree char *other_when = quorum_format_range (at ("2025-02-01T10:30:00Z"), at ("2025-02-01T11:30:00Z"), tz);
  g_autofree char *room_only = NULL, *room_free_people = NULL, *room_busy_people = NULL;
  g_autofree char *expected = NULL;

  g_assert_false (a->fallback);
  g_assert_true (a->room_booked);
  g_assert_true (quorum_availability_is_problem (a));
  /* The server stops at the room: nothing is known about the people yet. */
  g_assert_true (quorum_availability_needs_people_check (a));
  g_assert_cmpstr (quorum_availability_chip_state (a, 9, "unknown"), ==, "unknown");
  room_only = quorum_availability_text (a, TRUE, 2, NULL, NULL);
  expected = g_strdup_printf ("The room is booked by “<b>Bütçe</b> & Plan” (%s).", when);
  g_assert_cmpstr (room_only, ==, expected);
  g_assert_nonnull (strstr (room_only, "14:00")); /* 11:00Z in Istanbul */

  /* The follow-up check without the room: everyone free. */
  quorum_availability_add_people_check (a, NULL, tz);
  g_assert_false (quorum_availability_needs_people_check (a));
  room_free_people = quorum_availability_text (a, TRUE, 2, NULL, NULL);
  {
    g_autofree char *both = g_strconcat (expected, " Everyone is free then.", NULL);

    g_assert_cmpstr (room_free_people, ==, both);
  }
  g_assert_cmpstr (quorum_availability_chip_state (a, 9, "busy"), ==, "free");

  /* ... or John busy elsewhere. */
  quorum_availability_add_people_check (b, people, tz);
  room_busy_people = quorum_availability_text (b, TRUE, 2, NULL, NULL);
  g_free (expected);
  expected = g_strdup_printf ("The room is booked by “<b>Bütçe</b> & Plan” (%s). John Doe is in “Diğer” (%s).",
                              when, other_when);
  g_assert_cmpstr (room_busy_people, ==, expected);
  g_assert_cmpstr (quorum_availability_chip_state (b, 9, "free"), ==, "busy");
  g_assert_cmpstr (quorum_availability_chip_state (b, 7, "unknown"), ==, "free");

  /* A follow-up that fails leaves the people unknown. */
  {
    g_autoptr(QuorumAvailability) c = quorum_availability_new_from_check (error, tz);
    g_autoptr(GError) down = quorum_api_error_new_literal (QUORUM_API_ERROR_NETWORK, "refused");
    g_autofree char *text = NULL;

    quorum_availability_add_people_check (c, down, tz);
    g_assert_true (quorum_availability_needs_people_check (c));
    g_assert_cmpstr (quorum_availability_chip_state (c, 9, "busy"), ==, "busy");
    text = quorum_availability_text (c, TRUE, 2, NULL, NULL);
    g_assert_cmpstr (text, ==, room_only);
  }
}

static void
test_availability_people (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(GError) error =
    check_error (409, "{\"code\": \"participant_unavailable\", \"message\": \"Katılımcı(lar) müsait değil\","
                      " \"unavailable_participants\": ["
                      "  {\"id\": 9, \"name\": \"John Doe\", \"conflict_meeting\": {\"id\": 2, \"title\": \"Diğer Toplantı\","
                      "   \"start_time\": \"2025-02-01T10:30:00.000000Z\", \"end_time\": \"2025-02-01T11:30:00.000000Z\"}},"
                      "  {\"id\": 11, \"name\": \"\", \"conflict_meeting\": {\"id\": 3, \"title\": \"Öğle\"}}]}");
  g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (error, tz);
  g_autofree char *when = quorum_format_range (at ("2025-02-01T10:30:00Z"), at ("2025-02-01T11:30:00Z"), tz);
  g_autofree char *with_room = quorum_availability_text (a, TRUE, 3, directory_name, NULL);
  g_autofree char *without_room = quorum_availability_text (a, FALSE, 3, NULL, NULL);
  g_autofree char *expected = g_strdup_printf ("The room is free then. John Doe is in “Diğer Toplantı” (%s)."
                                               " user-11 is in “Öğle”.", when);

  g_assert_false (a->room_booked);
  g_assert_true (quorum_availability_is_problem (a));
  g_assert_cmpstr (with_room, ==, expected);
  /* Without a directory the nameless one is still named by id. */
  g_assert_nonnull (strstr (without_room, "Unknown (#11) is in “Öğle”."));
  g_assert_false (g_str_has_prefix (without_room, "The room"));
  g_assert_cmpstr (quorum_availability_chip_state (a, 9, "free"), ==, "busy");
  g_assert_cmpstr (quorum_availability_chip_state (a, 11, "unknown"), ==, "busy");
  g_assert_cmpstr (quorum_availability_chip_state (a, 7, "busy"), ==, "free");
}

static void
test_availability_no_answer (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  QuorumApiError codes[] = { QUORUM_API_ERROR_NETWORK, QUORUM_API_ERROR_SERVER, QUORUM_API_ERROR_LOGIN_REQUIRED,
                             QUORUM_API_ERROR_RATE_LIMITED, QUORUM_API_ERROR_TLS, QUORUM_API_ERROR_BAD_RESPONSE,
                             QUORUM_API_ERROR_NOT_FOUND, QUORUM_API_ERROR_PERMISSION_DENIED };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = quorum_api_error_new_literal (codes[i], "no");
      g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (error, tz);

      g_assert_true (a->fallback);
      g_assert_cmpstr (quorum_availability_chip_state (a, 9, "busy"), ==, "busy");
    }
  {
    /* An error of another domain (a bug elsewhere) is no answer either. */
    g_autoptr(GError) foreign = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
    g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (foreign, tz);

    g_assert_true (a->fallback);
  }
  /* A 409 without its details still says the room is taken. */
  {
    g_autoptr(GError) bare = check_error (409, "{\"code\": \"meeting_conflict\"}");
    g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (bare, tz);
    g_autofree char *text = quorum_availability_text (a, TRUE, 0, NULL, NULL);

    g_assert_cmpstr (text, ==, "The room is booked then.");
  }
}

static void
test_availability_invalid (void)
{
  g_autoptr(GTimeZone) tz = istanbul ();
  g_autoptr(GError) error =
    check_error (400, "{\"code\": \"validation_error\", \"fields\": {\"participant_ids\": [\"Geçersiz kullanıcı: 42\"]}}");
  g_autoptr(QuorumAvailability) a = quorum_availability_new_from_check (error, tz);
  g_autofree char *text = quorum_availability_text (a, TRUE, 1, NULL, NULL);

  g_assert_false (a->fallback);
  g_assert_true (a->invalid);
  g_assert_true (quorum_availability_is_problem (a));
  g_assert_cmpstr (text, ==, "The server did not check the room and people: participant_ids: Geçersiz kullanıcı: 42");
  g_assert_cmpstr (quorum_availability_chip_state (a, 42, "unknown"), ==, "unknown");
}

static void
test_availability_replica (void)
{
  g_autofree char *booked = quorum_availability_replica_text ("Mevcut", "Mon 7 Jan 2030, 10:30–11:30", "14:05");
  g_autofree char *booked_never = quorum_availability_replica_text ("Mevcut", "Mon 7 Jan 2030, 10:30–11:30", NULL);
  g_autofree char *free_ = quorum_availability_replica_text (NULL, NULL, "14:05");
  g_autofree char *free_never = quorum_availability_replica_text (NULL, NULL, NULL);

  g_assert_cmpstr (booked, ==, "The room is booked by “Mevcut” (Mon 7 Jan 2030, 10:30–11:30), as of 14:05.");
  g_assert_cmpstr (booked_never, ==,
                   "The room is booked by “Mevcut” (Mon 7 Jan 2030, 10:30–11:30), as far as this computer knows.");
  g_assert_cmpstr (free_, ==, "The room is free then, as of 14:05.");
  g_assert_cmpstr (free_never, ==, "The room is free then, as far as this computer knows.");
  g_assert_cmpstr (quorum_availability_checking_text (), ==, "Checking…");
}

/* The popover's recent activity: local clock, newest first, capped. */
static void
test_status_activity_lines (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  const char *raw[] = {
    "2026-12-02T21:30:00.000000Z round: pulled 3 changes",
    "2026-12-03T19:39:46.019075Z state: synced → needs_attention",
    "no stamp here",
    "",
    "2026-12-03T20:01:02.5Z round: pushed 1 change",
    NULL
  };
  gint64 now;
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) two = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *older_day = NULL;
  g_autofree char *older = NULL;
  g_autofree char *today = NULL;

  g_assert_nonnull (tz);
  g_assert_true (quorum_time_parse_rfc3339 ("2026-12-03T20:30:00Z", &now));
  all = quorum_sync_activity_lines (raw, now, tz, 8);
  g_assert_cmpuint (g_strv_length (all), ==, 4);
  /* 20:01Z and 19:39Z are 23:01 and 22:39 in Istanbul (UTC+3). */
  g_assert_cmpstr (all[0], ==, "23:01  round: pushed 1 change");
  g_assert_cmpstr (all[1], ==, "no stamp here");
  g_assert_cmpstr (all[2], ==, "22:39  state: synced → needs_attention");
  /* 21:30Z on the 2nd is 00:30 on the 3rd there: today, by its clock. */
  g_assert_cmpstr (all[3], ==, "00:30  round: pulled 3 changes");

  /* A day later the same line says its day. */
  older = g_strdup (all[3]);
  g_strfreev (all);
  all = quorum_sync_activity_lines (raw, now + G_TIME_SPAN_DAY, tz, 8);
  today = quorum_format_day (now, tz);
  older_day = g_strdup_printf ("%s 00:30  round: pulled 3 changes", today);
  g_assert_cmpstr (all[3], ==, older_day);
  g_assert_cmpstr (all[3], !=, older);

  two = quorum_sync_activity_lines (raw, now, tz, 2);
  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "23:01  round: pushed 1 change");
  none = quorum_sync_activity_lines (NULL, now, tz, 8);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gui/week-layout/disjoint", test_layout_disjoint);
  g_test_add_func ("/gui/week-layout/overlap-pair", test_layout_overlap_pair);
  g_test_add_func ("/gui/week-layout/chain-reuses-column", test_layout_chain_reuses_column);
  g_test_add_func ("/gui/week-layout/three-way", test_layout_three_way);
  g_test_add_func ("/gui/week-layout/empty-and-zero-length", test_layout_empty_and_zero_length);
  g_test_add_func ("/gui/week-layout/block-x", test_layout_block_x);
  g_test_add_func ("/gui/week-layout/n-hidden", test_layout_n_hidden);
  g_test_add_func ("/gui/rooms/paging", test_rooms_paging);
  g_test_add_func ("/gui/week/start", test_week_start);
  g_test_add_func ("/gui/week/first-weekday-locale", test_first_weekday_locale);
  g_test_add_func ("/gui/sync-status/texts", test_status_texts);
  g_test_add_func ("/gui/sync-status/wait-and-counts", test_status_wait_and_counts);
  g_test_add_func ("/gui/error-model/meeting-conflict", test_model_meeting_conflict);
  g_test_add_func ("/gui/error-model/participant-unavailable", test_model_participant_unavailable);
  g_test_add_func ("/gui/error-model/garbage", test_model_garbage);
  g_test_add_func ("/gui/error-model/sync-conflict", test_model_sync_conflict);
  g_test_add_func ("/gui/agenda/group", test_agenda_group);
  g_test_add_func ("/gui/agenda/search-order", test_agenda_search_order);
  g_test_add_func ("/gui/agenda/model-paging", test_agenda_model_paging);
  g_test_add_func ("/gui/week/pick", test_week_pick);
  g_test_add_func ("/gui/rooms/name-matches", test_rooms_name_matches);
  g_test_add_func ("/gui/editor/clock", test_editor_clock);
  g_test_add_func ("/gui/editor/compose", test_editor_compose);
  g_test_add_func ("/gui/editor/status-choices", test_editor_status_choices);
  g_test_add_func ("/gui/editor/availability/ok", test_availability_ok);
  g_test_add_func ("/gui/editor/availability/room-conflict", test_availability_room_conflict);
  g_test_add_func ("/gui/editor/availability/people", test_availability_people);
  g_test_add_func ("/gui/editor/availability/no-answer", test_availability_no_answer);
  g_test_add_func ("/gui/editor/availability/invalid", test_availability_invalid);
  g_test_add_func ("/gui/editor/availability/replica", test_availability_replica);
  g_test_add_func ("/gui/format/sync-marks", test_sync_marks);
  g_test_add_func ("/gui/account/sign-in-texts", test_sign_in_texts);
  g_test_add_func ("/gui/account/sign-in-server", test_sign_in_server);
  g_test_add_func ("/gui/account/online-and-reasons", test_online_and_reasons);
  g_test_add_func ("/gui/account/integration-texts", test_integration_texts);
  g_test_add_func ("/gui/status/activity-lines", test_status_activity_lines);

  return g_test_run ();
}
