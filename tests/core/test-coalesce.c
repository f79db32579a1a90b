/* test-coalesce.c — the outbox coalescing rules, by table */
#include "quorum-change.h"

typedef struct {
  const char         *name;
  QuorumChangeAction  prev_action;     /* 0: no previous change */
  QuorumChangeState   prev_state;
  QuorumMeetingField  prev_mask;
  QuorumChangeAction  next_action;
  QuorumMeetingField  next_mask;
  QuorumCoalesce      expect;
  QuorumChangeAction  expect_action;   /* of the merged change */
  QuorumMeetingField  expect_mask;
  gboolean            expect_new_id;   /* merged under next's change_id */
} Case;

#define T QUORUM_FIELD_TITLE
#define A QUORUM_FIELD_AGENDA
#define R QUORUM_FIELD_ROOM_ID
#define ALL QUORUM_FIELD_ALL

static const Case cases[] = {
  { "nothing-before", 0, 0, 0, QUORUM_CHANGE_UPDATE, T, QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "create-then-update", QUORUM_CHANGE_CREATE, QUORUM_CHANGE_QUEUED, ALL, QUORUM_CHANGE_UPDATE, T,
    QUORUM_COALESCE_REPLACE, QUORUM_CHANGE_CREATE, ALL, FALSE },
  { "create-then-delete", QUORUM_CHANGE_CREATE, QUORUM_CHANGE_QUEUED, ALL, QUORUM_CHANGE_DELETE, 0,
    QUORUM_COALESCE_DROP_BOTH, 0, 0, FALSE },
  { "update-then-update", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_QUEUED, T, QUORUM_CHANGE_UPDATE, A,
    QUORUM_COALESCE_REPLACE, QUORUM_CHANGE_UPDATE, T | A, FALSE },
  { "update-then-same-field", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_QUEUED, T | R, QUORUM_CHANGE_UPDATE, T,
    QUORUM_COALESCE_REPLACE, QUORUM_CHANGE_UPDATE, T | R, FALSE },
  { "update-then-delete", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_QUEUED, T, QUORUM_CHANGE_DELETE, 0,
    QUORUM_COALESCE_REPLACE, QUORUM_CHANGE_DELETE, 0, FALSE },
  { "frozen-create-then-update", QUORUM_CHANGE_CREATE, QUORUM_CHANGE_SENT, ALL, QUORUM_CHANGE_UPDATE, T,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "frozen-update-then-update", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_SENT, T, QUORUM_CHANGE_UPDATE, A,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "frozen-create-then-delete", QUORUM_CHANGE_CREATE, QUORUM_CHANGE_SENT, ALL, QUORUM_CHANGE_DELETE, 0,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "frozen-update-then-delete", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_SENT, T, QUORUM_CHANGE_DELETE, 0,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "rejected-create-then-update", QUORUM_CHANGE_CREATE, QUORUM_CHANGE_REJECTED, ALL, QUORUM_CHANGE_UPDATE, R,
    QUORUM_COALESCE_REPLACE, QUORUM_CHANGE_CREATE, ALL, TRUE },
  { "rejected-update-then-update", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_REJECTED, R, QUORUM_CHANGE_UPDATE, T,
    QUORUM_COALESCE_REPLACE, QUORUM_CHANGE_UPDATE, R | T, TRUE },
  { "rejected-create-then-delete", QUORUM_CHANGE_CREATE, QUORUM_CHANGE_REJECTED, ALL, QUORUM_CHANGE_DELETE, 0,
    QUORUM_COALESCE_DROP_BOTH, 0, 0, FALSE },
  { "conflict-then-update", QUORUM_CHANGE_UPDATE, QUORUM_CHANGE_CONFLICT, T, QUORUM_CHANGE_UPDATE, A,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "delete-then-update", QUORUM_CHANGE_DELETE, QUORUM_CHANGE_QUEUED, 0, QUORUM_CHANGE_UPDATE, T,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
  { "resolve-then-update", QUORUM_CHANGE_RESOLVE, QUORUM_CHANGE_QUEUED, T, QUORUM_CHANGE_UPDATE, A,
    QUORUM_COALESCE_APPEND, 0, 0, FALSE },
};

static QuorumMeeting *
values (const char *title,
        const char *agenda,
        gint64      room)
{
  QuorumMeeting *m = quorum_meeting_new ();

  g_free (m->title);
  m->title = g_strdup (title);
  g_free (m->agenda);
  m->agenda = g_strdup (agenda);
  m->room_id = room;
  m->start_time = 1000 * G_USEC_PER_SEC;
  m->end_time = m->start_time + G_TIME_SPAN_HOUR;
  return m;
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(QuorumChange) prev = NULL;
  g_autoptr(QuorumChange) next = quorum_change_new (c->next_action, "local_x");
  g_autoptr(QuorumChange) merged = NULL;
  QuorumCoalesce result;

  if (c->prev_action)
    {
      prev = quorum_change_new (c->prev_action, "local_x");
      prev->state = c->prev_state;
      prev->mask = c->prev_mask;
      prev->entity_id = c->prev_action == QUORUM_CHANGE_CREATE ? 0 : 12;
      prev->data = c->prev_action == QUORUM_CHANGE_DELETE ? NULL : values ("first", "", 3);
      prev->base_modified_at = g_strdup ("2025-01-30T20:24:00.000000Z");
      prev->base = c->prev_action == QUORUM_CHANGE_CREATE ? NULL : values ("server", "", 1);
      if (c->prev_state == QUORUM_CHANGE_REJECTED)
        prev->error = g_strdup ("{\"code\": \"meeting_conflict\"}");
    }
  next->entity_id = 12;
  next->mask = c->next_mask;
  next->data = c->next_action == QUORUM_CHANGE_DELETE ? NULL : values ("second", "agenda", 5);
  next->base_modified_at = g_strdup ("2025-01-30T20:25:00.000000Z");
  next->base = values ("server", "", 1);

  result = quorum_change_coalesce (prev, next, &merged);
  g_assert_cmpint (result, ==, c->expect);

  if (c->expect != QUORUM_COALESCE_REPLACE)
    {
      g_assert_null (merged);
      return;
    }
  g_assert_nonnull (merged);
  g_assert_cmpint (merged->action, ==, c->expect_action);
  g_assert_cmpint (merged->mask, ==, c->expect_mask);
  g_assert_cmpint (merged->state, ==, QUORUM_CHANGE_QUEUED);
  g_assert_null (merged->error);
  g_assert_cmpstr (merged->change_id, ==, c->expect_new_id ? next->change_id : prev->change_id);
  /* the first base version stays: the server must judge against it */
  g_assert_cmpstr (merged->base_modified_at, ==, prev->base_modified_at);
  if (merged->action != QUORUM_CHANGE_DELETE)
    {
      /* later values win for every field the later edit named */
      if (c->next_mask & T)
        g_assert_cmpstr (merged->data->title, ==, "second");
      else
        g_assert_cmpstr (merged->data->title, ==, "first");
      if (c->next_mask & R)
        g_assert_cmpint (merged->data->room_id, ==, 5);
    }
  else
    g_assert_null (merged->data);
}

/* An edit that restores the server's value leaves nothing to send. */
static void
test_revert (void)
{
  g_autoptr(QuorumChange) prev = quorum_change_new (QUORUM_CHANGE_UPDATE, "local_x");
  g_autoptr(QuorumChange) next = quorum_change_new (QUORUM_CHANGE_UPDATE, "local_x");
  g_autoptr(QuorumChange) merged = NULL;

  prev->entity_id = next->entity_id = 12;
  prev->base = values ("server", "", 1);
  prev->data = values ("changed", "", 1);
  prev->mask = T;
  next->data = values ("server", "", 1);
  next->mask = T;
  g_assert_cmpint (quorum_change_coalesce (prev, next, &merged), ==, QUORUM_COALESCE_DROP_BOTH);
  g_assert_null (merged);
}

/* A sent change never changes under its change_id (invariant 2). */
static void
test_frozen_untouched (void)
{
  g_autoptr(QuorumChange) prev = quorum_change_new (QUORUM_CHANGE_CREATE, "local_x");
  g_autoptr(QuorumChange) before = NULL;
  g_autoptr(QuorumChange) next = quorum_change_new (QUORUM_CHANGE_UPDATE, "local_x");
  g_autoptr(QuorumChange) merged = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

  prev->state = QUORUM_CHANGE_SENT;
  prev->data = values ("first", "", 3);
  prev->mask = ALL;
  before = quorum_change_copy (prev);
  next->data = values ("second", "", 3);
  next->mask = T;
  g_assert_cmpint (quorum_change_coalesce (prev, next, &merged), ==, QUORUM_COALESCE_APPEND);
  a = quorum_change_to_push_json (before, NULL);
  b = quorum_change_to_push_json (prev, NULL);
  json_node_set_object (na, a);
  json_node_set_object (nb, b);
  g_assert_true (json_node_equal (na, nb));
}

static void
test_push_shape (void)
{
  g_autoptr(QuorumChange) c = quorum_change_new (QUORUM_CHANGE_UPDATE, "local_x");
  g_autoptr(JsonObject) o = NULL;
  JsonObject *data;

  c->entity_id = 2;
  c->base_modified_at = g_strdup ("2025-01-30T20:24:00.000000Z");
  c->data = values ("t", "", 0);
  g_free (c->data->status);
  c->data->status = g_strdup ("CANCELLED");
  c->mask = QUORUM_FIELD_STATUS;
  o = quorum_change_to_push_json (c, NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "action"), ==, "update");
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "entity_type"), ==, "meeting");
  g_assert_cmpstr (json_object_get_string_member (o, "base_modified_at"), ==, "2025-01-30T20:24:00.000000Z");
  data = json_object_get_object_member (o, "data");
  g_assert_cmpuint (json_object_get_size (data), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (data, "status"), ==, "CANCELLED");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/outbox/coalesce/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/outbox/coalesce/revert-drops", test_revert);
  g_test_add_func ("/outbox/coalesce/frozen-untouched", test_frozen_untouched);
  g_test_add_func ("/outbox/push-shape", test_push_shape);
  return g_test_run ();
}
