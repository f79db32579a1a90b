/* test-merge.c — the three-way merge, rule by rule, by table */
#include "config.h"

#include "quorum-merge.h"

#define HOUR G_TIME_SPAN_HOUR
#define MINUTE  G_TIME_SPAN_MINUTE
/* 2025-02-03T10:00:00Z, a Monday. */
#define T10  (G_GINT64_CONSTANT (1738576800) * G_USEC_PER_SEC)

typedef void (*Edit) (QuorumMeeting *m);

static void
set_string (char      **field,
            const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static QuorumMeeting *
make_base (void)
{
  QuorumMeeting *m = quorum_meeting_new ();
  const gint64 ids[] = { 7, 9 };

  m->local_id = g_strdup ("local_base");
  m->id = 12;
  set_string (&m->title, "Plan");
  set_string (&m->description, "Quarterly plan");
  m->start_time = T10;
  m->end_time = T10 + HOUR;
  set_string (&m->status, "PENDING");
  set_string (&m->meeting_type, "INTERNAL");
  set_string (&m->priority, "MEDIUM");
  m->room_id = 3;
  m->organizer_id = 7;
  m->modified_at = g_strdup ("2025-01-30T20:24:00.000000Z");
  quorum_meeting_set_participants (m, ids, G_N_ELEMENTS (ids));
  return m;
}

static void
set_participants (QuorumMeeting *m,
                  const gint64  *ids,
                  guint          n)
{
  quorum_meeting_set_participants (m, ids, n);
}

/* Edits, named after what they do */

static void title_local (QuorumMeeting *m) { set_string (&m->title, "Local title"); }
static void title_server (QuorumMeeting *m) { set_string (&m->title, "Server title"); }
static void title_same (QuorumMeeting *m) { set_string (&m->title, "Agreed title"); }
static void description_server (QuorumMeeting *m) { set_string (&m->description, "Server notes"); }
static void agenda_local (QuorumMeeting *m) { set_string (&m->agenda, "1. Budget"); }
static void room_local (QuorumMeeting *m) { m->room_id = 4; }
static void location_server (QuorumMeeting *m) { set_string (&m->external_location, "Cafe"); }
static void priority_server (QuorumMeeting *m) { set_string (&m->priority, "HIGH"); }

static void title_local_agenda_local (QuorumMeeting *m) { title_local (m); agenda_local (m); }
static void title_local_room_local (QuorumMeeting *m) { title_local (m); room_local (m); }
static void title_server_description_server (QuorumMeeting *m) { title_server (m); description_server (m); }
static void title_local_description_server (QuorumMeeting *m) { title_local (m); description_server (m); }
static void title_server_description_server_agenda_local (QuorumMeeting *m) { title_server_description_server (m); agenda_local (m); }

static void move_2h (QuorumMeeting *m) { m->start_time += 2 * HOUR; m->end_time += 2 * HOUR; }
static void move_4h (QuorumMeeting *m) { m->start_time += 4 * HOUR; m->end_time += 4 * HOUR; }
static void start_earlier (QuorumMeeting *m) { m->start_time -= 30 * MINUTE; }
static void end_later (QuorumMeeting *m) { m->end_time += HOUR; }
static void start_earlier_end_later (QuorumMeeting *m) { start_earlier (m); end_later (m); }
static void end_later_2h (QuorumMeeting *m) { m->end_time += 2 * HOUR; }
static void move_2h_end_later (QuorumMeeting *m) { move_2h (m); m->end_time += HOUR; }
static void start_later (QuorumMeeting *m) { m->start_time += 30 * MINUTE; }
static void end_earlier (QuorumMeeting *m) { m->end_time -= 45 * MINUTE; }
static void start_day_earlier (QuorumMeeting *m) { m->start_time -= 20 * HOUR; }
static void end_day_later (QuorumMeeting *m) { m->end_time += 20 * HOUR; }

static void status_approved (QuorumMeeting *m) { set_string (&m->status, "APPROVED"); }
static void status_cancelled (QuorumMeeting *m) { set_string (&m->status, "CANCELLED"); }
static void status_completed (QuorumMeeting *m) { set_string (&m->status, "COMPLETED"); }
static void status_approved_title_local (QuorumMeeting *m) { status_approved (m); title_local (m); }

static void add_11 (QuorumMeeting *m) { const gint64 ids[] = { 7, 9, 11 }; set_participants (m, ids, 3); }
static void add_13 (QuorumMeeting *m) { const gint64 ids[] = { 7, 9, 13 }; set_participants (m, ids, 3); }
static void remove_9 (QuorumMeeting *m) { const gint64 ids[] = { 7 }; set_participants (m, ids, 1); }
static void remove_7 (QuorumMeeting *m) { const gint64 ids[] = { 9 }; set_participants (m, ids, 1); }
static void add_11_13 (QuorumMeeting *m) { const gint64 ids[] = { 7, 9, 11, 13 }; set_participants (m, ids, 4); }
static void remove_9_add_13 (QuorumMeeting *m) { const gint64 ids[] = { 7, 13 }; set_participants (m, ids, 2); }
static void none_left (QuorumMeeting *m) { set_participants (m, NULL, 0); }
static void add_11_title_server (QuorumMeeting *m) { add_11 (m); title_server (m); }

static void
add_many (QuorumMeeting *m,
          gint64         first)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (ids, m->participant_ids->data, m->participant_ids->len);
  for (gint64 id = first; id < first + 150; id++)
    g_array_append_val (ids, id);
  set_participants (m, (const gint64 *) ids->data, ids->len);
}

static void add_150_from_1000 (QuorumMeeting *m) { add_many (m, 1000); }
static void add_150_from_2000 (QuorumMeeting *m) { add_many (m, 2000); }

#define ALL QUORUM_FIELD_ALL
#define TITLE QUORUM_FIELD_TITLE
#define DESCRIPTION QUORUM_FIELD_DESCRIPTION
#define AGENDA QUORUM_FIELD_AGENDA
#define START QUORUM_FIELD_START_TIME
#define END QUORUM_FIELD_END_TIME
#define STATUS QUORUM_FIELD_STATUS
#define PRIORITY QUORUM_FIELD_PRIORITY
#define ROOM QUORUM_FIELD_ROOM_ID
#define LOCATION QUORUM_FIELD_EXTERNAL_LOCATION
#define PEOPLE QUORUM_FIELD_PARTICIPANT_IDS

typedef struct {
  const char         *path;
  Edit                local_edit;      /* applied to a copy of base */
  Edit                server_edit;
  gboolean            local_deleted;
  gboolean            server_deleted;
  gboolean            no_base;
  gboolean            clean;
  QuorumMeetingField  conflicting;
  QuorumMeetingField  local_changes;
  QuorumMeetingField  differing;
  gboolean            merged_null;
  Edit                expect_edit;     /* merged == base with this applied */
} MergeCase;

static const MergeCase cases[] = {
  { "/merge/unchanged", NULL, NULL, .clean = TRUE },
  { "/merge/local-only", title_local, NULL, .clean = TRUE,
    .local_changes = TITLE, .differing = TITLE, .expect_edit = title_local },
  { "/merge/server-only", NULL, title_server, .clean = TRUE,
    .differing = TITLE, .expect_edit = title_server },
  { "/merge/different-fields", title_local_agenda_local, title_server_description_server,
    .clean = FALSE, .conflicting = TITLE, .local_changes = AGENDA,
    .differing = TITLE | AGENDA | DESCRIPTION, .expect_edit = title_server_description_server_agenda_local },
  { "/merge/different-fields-clean", title_local_room_local, description_server, .clean = TRUE,
    .local_changes = TITLE | ROOM, .differing = TITLE | ROOM | DESCRIPTION,
    .expect_edit = NULL /* checked below */ },
  { "/merge/room-and-location", room_local, location_server, .clean = TRUE,
    .local_changes = ROOM, .differing = ROOM | LOCATION },
  { "/merge/same-field-same-value", title_same, title_same, .clean = TRUE,
    .expect_edit = title_same },
  { "/merge/same-field-different-values", title_local, title_server, .clean = FALSE,
    .conflicting = TITLE, .differing = TITLE, .expect_edit = title_server },
  { "/merge/priority-vs-title", title_local, priority_server, .clean = TRUE,
    .local_changes = TITLE, .differing = TITLE | PRIORITY },
  { "/merge/time/same-move", move_2h, move_2h, .clean = TRUE, .expect_edit = move_2h },
  { "/merge/time/different-moves", move_2h, move_4h, .clean = FALSE,
    .conflicting = START | END, .differing = START | END, .expect_edit = move_4h },
  { "/merge/time/separate-fields", start_earlier, end_later, .clean = TRUE,
    .local_changes = START, .differing = START | END, .expect_edit = start_earlier_end_later },
  { "/merge/time/half-conflict-is-whole", move_2h, end_later, .clean = FALSE,
    .conflicting = START | END, .differing = START | END, .expect_edit = end_later },
  /* Local start moved, both ends agree: nothing to fight over. */
  { "/merge/time/ends-agree", move_2h, end_later_2h, .clean = TRUE,
    .local_changes = START, .differing = START, .expect_edit = move_2h },
  { "/merge/time/move-and-stretch", move_2h, move_2h_end_later, .clean = FALSE,
    .conflicting = START | END, .differing = END, .expect_edit = move_2h_end_later },
  { "/merge/time/invalid-order", start_later, end_earlier, .clean = FALSE,
    .conflicting = START | END, .differing = START | END, .expect_edit = end_earlier },
  { "/merge/time/longer-than-a-day", start_day_earlier, end_day_later, .clean = FALSE,
    .conflicting = START | END, .differing = START | END, .expect_edit = end_day_later },
  { "/merge/status/both-different", status_approved, status_cancelled, .clean = FALSE,
    .conflicting = STATUS, .differing = STATUS, .expect_edit = status_cancelled },
  { "/merge/status/both-same", status_approved, status_approved, .clean = TRUE,
    .expect_edit = status_approved },
  { "/merge/status/legal-move", status_approved_title_local, description_server, .clean = TRUE,
    .local_changes = STATUS | TITLE, .differing = STATUS | TITLE | DESCRIPTION },
  { "/merge/status/illegal-move", status_completed, title_server, .clean = FALSE,
    .conflicting = STATUS, .differing = STATUS | TITLE, .expect_edit = title_server },
  { "/merge/participants/both-add", add_11, add_13, .clean = TRUE,
    .local_changes = PEOPLE, .differing = PEOPLE, .expect_edit = add_11_13 },
  { "/merge/participants/same-add", add_11, add_11, .clean = TRUE, .expect_edit = add_11 },
  { "/merge/participants/remove-vs-add", remove_9, add_13, .clean = TRUE,
    .local_changes = PEOPLE, .differing = PEOPLE, .expect_edit = remove_9_add_13 },
  { "/merge/participants/both-remove-same", remove_9, remove_9, .clean = TRUE,
    .expect_edit = remove_9 },
  { "/merge/participants/both-remove-different", remove_7, remove_9, .clean = TRUE,
    .local_changes = PEOPLE, .differing = PEOPLE, .expect_edit = none_left },
  { "/merge/participants/with-other-fields", add_11, title_server, .clean = TRUE,
    .local_changes = PEOPLE, .differing = PEOPLE | TITLE, .expect_edit = add_11_title_server },
  { "/merge/participants/too-many", add_150_from_1000, add_150_from_2000, .clean = FALSE,
    .conflicting = PEOPLE, .differing = PEOPLE, .expect_edit = add_150_from_2000 },
  { "/merge/delete/server-deleted-local-edited", title_local, NULL, .server_deleted = TRUE,
    .clean = FALSE, .conflicting = TITLE, .differing = ALL, .merged_null = TRUE },
  { "/merge/delete/server-deleted-local-unedited", NULL, NULL, .server_deleted = TRUE,
    .clean = TRUE, .differing = ALL, .merged_null = TRUE },
  { "/merge/delete/local-deleted-server-edited", NULL, title_server, .local_deleted = TRUE,
    .clean = FALSE, .conflicting = TITLE, .differing = ALL, .expect_edit = title_server },
  { "/merge/delete/local-deleted-server-unedited", NULL, NULL, .local_deleted = TRUE,
    .clean = TRUE, .differing = ALL, .merged_null = TRUE },
  { "/merge/delete/both-deleted", NULL, NULL, .local_deleted = TRUE, .server_deleted = TRUE,
    .clean = TRUE, .merged_null = TRUE },
  { "/merge/no-base/create", title_local, NULL, .no_base = TRUE, .server_deleted = TRUE,
    .clean = TRUE, .local_changes = ALL, .differing = ALL, .expect_edit = title_local },
  { "/merge/no-base/agree", title_same, title_same, .no_base = TRUE, .clean = TRUE,
    .expect_edit = title_same },
  { "/merge/no-base/differ", title_local, title_local_description_server, .no_base = TRUE,
    .clean = FALSE, .conflicting = DESCRIPTION, .differing = DESCRIPTION,
    .expect_edit = title_local_description_server },
};

static void
run_case (gconstpointer data)
{
  const MergeCase *c = data;
  g_autoptr(QuorumMeeting) base = make_base ();
  g_autoptr(QuorumMeeting) local = NULL;
  g_autoptr(QuorumMeeting) server = NULL;
  g_autoptr(QuorumMergeResult) result = NULL;

  if (!c->local_deleted)
    {
      local = quorum_meeting_copy (base);
      set_string (&local->local_id, "local_row");
      if (c->local_edit != NULL)
        c->local_edit (local);
    }
  if (!c->server_deleted)
    {
      server = quorum_meeting_copy (base);
      set_string (&server->modified_at, "2025-01-30T20:25:00.000000Z");
      if (c->server_edit != NULL)
        c->server_edit (server);
    }

  result = quorum_merge (c->no_base ? NULL : base, local, server);

  g_assert_cmpint (result->clean, ==, c->clean);
  g_assert_cmphex (result->conflicting, ==, c->conflicting);
  g_assert_cmphex (result->local_changes, ==, c->local_changes);
  g_assert_cmphex (result->differing, ==, c->differing);
  g_assert_cmpint (result->local_deleted, ==, c->local_deleted);
  g_assert_cmpint (result->server_deleted, ==, c->server_deleted);

  if (c->merged_null)
    {
      g_assert_null (result->merged);
      return;
    }
  g_assert_nonnull (result->merged);

  if (c->expect_edit != NULL || (!c->local_deleted && c->local_edit == NULL && c->server_edit == NULL))
    {
      g_autoptr(QuorumMeeting) expected = quorum_meeting_copy (base);

      if (c->expect_edit != NULL)
        c->expect_edit (expected);
      g_assert_cmphex (quorum_meeting_diff (expected, result->merged), ==, 0);
    }

  /* Whatever merged, local_changes must be exactly what turns the server's
   * meeting into it. */
  if (server != NULL)
    {
      g_autoptr(QuorumMeeting) rebuilt = quorum_meeting_copy (server);

      quorum_meeting_apply (rebuilt, result->merged, result->local_changes);
      g_assert_cmphex (quorum_meeting_diff (rebuilt, result->merged), ==, 0);
      /* The merged row keeps the server's identity and version... */
      g_assert_cmpint (result->merged->id, ==, server->id);
      g_assert_cmpstr (result->merged->modified_at, ==, server->modified_at);
      /* ...and the replica row's local id. */
      if (local != NULL)
        g_assert_cmpstr (result->merged->local_id, ==, "local_row");
      /* A merged meeting offered as clean is one the server would take. */
      if (result->clean)
        g_assert_true (quorum_meeting_validate (result->merged, NULL));
    }
}

static void
test_different_fields_values (void)
{
  g_autoptr(QuorumMeeting) base = make_base ();
  g_autoptr(QuorumMeeting) local = quorum_meeting_copy (base);
  g_autoptr(QuorumMeeting) server = quorum_meeting_copy (base);
  g_autoptr(QuorumMergeResult) result = NULL;

  title_local_room_local (local);
  description_server (server);
  result = quorum_merge (base, local, server);

  g_assert_true (result->clean);
  g_assert_cmpstr (result->merged->title, ==, "Local title");
  g_assert_cmpint (result->merged->room_id, ==, 4);
  g_assert_cmpstr (result->merged->description, ==, "Server notes");
  g_assert_cmpstr (result->merged->agenda, ==, "");
}

static void
test_participants_values (void)
{
  g_autoptr(QuorumMeeting) base = make_base ();
  g_autoptr(QuorumMeeting) local = quorum_meeting_copy (base);
  g_autoptr(QuorumMeeting) server = quorum_meeting_copy (base);
  g_autoptr(QuorumMergeResult) result = NULL;
  const gint64 l[] = { 7, 11, 12 };        /* removed 9, added 11 and 12 */
  const gint64 s[] = { 7, 9, 12, 13 };     /* added 12 and 13 */

  set_participants (local, l, G_N_ELEMENTS (l));
  set_participants (server, s, G_N_ELEMENTS (s));
  result = quorum_merge (base, local, server);

  g_assert_true (result->clean);
  g_assert_cmpuint (result->merged->participant_ids->len, ==, 4);
  g_assert_cmpint (g_array_index (result->merged->participant_ids, gint64, 0), ==, 7);
  g_assert_cmpint (g_array_index (result->merged->participant_ids, gint64, 1), ==, 11);
  g_assert_cmpint (g_array_index (result->merged->participant_ids, gint64, 2), ==, 12);
  g_assert_cmpint (g_array_index (result->merged->participant_ids, gint64, 3), ==, 13);
  g_assert_cmphex (result->local_changes, ==, PEOPLE);
}

static void
test_resolution_changes (void)
{
  g_autoptr(QuorumMeeting) local = make_base ();
  g_autoptr(QuorumMeeting) server = make_base ();

  title_local (local);
  move_2h (local);
  description_server (server);

  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_LOCAL, local, server),
                   ==, TITLE | START | END | DESCRIPTION);
  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_BOTH, local, server),
                   ==, TITLE | START | END | DESCRIPTION);
  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_SERVER, local, server),
                   ==, 0);
  /* Deleted on the server: re-creating needs every field. */
  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_LOCAL, local, NULL),
                   ==, ALL);
  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_BOTH, local, NULL),
                   ==, ALL);
  /* Deleted by the user: a resolve call has nothing to send. */
  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_LOCAL, NULL, server),
                   ==, 0);
  g_assert_cmphex (quorum_merge_resolution_changes (QUORUM_RESOLUTION_KEEP_SERVER, local, NULL),
                   ==, 0);
}

static void
test_resolution_names (void)
{
  const char *names[] = { "keep_local", "keep_server", "keep_both", "merge" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      QuorumResolution r = quorum_resolution_from_string (names[i]);

      g_assert_cmpint (r, ==, QUORUM_RESOLUTION_KEEP_LOCAL + (int) i);
      g_assert_cmpstr (quorum_resolution_to_string (r), ==, names[i]);
    }
  g_assert_cmpint (quorum_resolution_from_string ("keep-local"), ==, 0);
  g_assert_cmpint (quorum_resolution_from_string (NULL), ==, 0);
  g_assert_null (quorum_resolution_to_string (0));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);
  g_test_add_func ("/merge/different-fields-values", test_different_fields_values);
  g_test_add_func ("/merge/participants/values", test_participants_values);
  g_test_add_func ("/merge/resolution/changes", test_resolution_changes);
  g_test_add_func ("/merge/resolution/names", test_resolution_names);

  return g_test_run ();
}
