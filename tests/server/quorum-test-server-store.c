/* quorum-test-server-store.c — the in-memory entities, the change feed and
 * the server-side API that changes them as "another client" would. */


#include <string.h>

#include "quorum-test-server-private.h"

static void
ts_user_free (TsUser *u)
{
  g_free (u->username);
  g_free (u->password);
  g_free (u->name);
  g_free (u->email);
  g_array_unref (u->external);
  g_free (u);
}

static void
ts_room_free (TsRoom *r)
{
  g_free (r->name);
  g_free (r->floor);
  g_free (r->equipment);
  g_free (r);
}

void
ts_store_init (QuorumTestServer *self)
{
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_user_free);
  self->users_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_room_free);
  self->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_meeting_free);
  self->log = g_array_new (FALSE, FALSE, sizeof (TsLogEntry));
}

void
ts_store_finalize (QuorumTestServer *self)
{
  g_clear_pointer (&self->users_by_name, g_hash_table_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->log, g_array_unref);
}

static guint
log_append (QuorumTestServer *self,
            TsEntityType      type,
            gint64            id)
{
  TsLogEntry entry = { id, type };

  g_array_append_val (self->log, entry);
  return self->log->len - 1;
}

TsMeeting *
ts_meeting_lookup (QuorumTestServer *self,
                   gint64            id)
{
  if (id < 1 || id > (gint64) self->meetings->len)
    return NULL;
  return g_ptr_array_index (self->meetings, id - 1);
}

TsUser *
ts_user_lookup (QuorumTestServer *self,
                gint64            id)
{
  if (id < 1 || id > (gint64) self->users->len)
    return NULL;
  return g_ptr_array_index (self->users, id - 1);
}

TsRoom *
ts_room_lookup (QuorumTestServer *self,
                gint64            id)
{
  if (id < 1 || id > (gint64) self->rooms->len)
    return NULL;
  return g_ptr_array_index (self->rooms, id - 1);
}

TsMeeting *
ts_meeting_new (void)
{
  TsMeeting *m = g_new0 (TsMeeting, 1);

  m->title = g_strdup ("");
  m->description = g_strdup ("");
  m->agenda = g_strdup ("");
  m->external_location = g_strdup ("");
  m->status = "PENDING";
  m->meeting_type = "INTERNAL";
  m->priority = "MEDIUM";
  m->participants = g_array_new (FALSE, FALSE, sizeof (gint64));
  return m;
}

TsMeeting *
ts_meeting_copy (const TsMeeting *m)
{
  TsMeeting *copy = g_memdup2 (m, sizeof *m);

  copy->title = g_strdup (m->title);
  copy->description = g_strdup (m->description);
  copy->agenda = g_strdup (m->agenda);
  copy->external_location = g_strdup (m->external_location);
  copy->participants = g_array_copy (m->participants);
  return copy;
}

void
ts_meeting_free (TsMeeting *m)
{
  if (m == NULL)
    return;
  g_free (m->title);
  g_free (m->description);
  g_free (m->agenda);
  g_free (m->external_location);
  g_array_unref (m->participants);
  g_free (m);
}

TsMeeting *
ts_meeting_commit (QuorumTestServer *self,
                   TsMeeting        *m)
{
  m->modified_at = ts_tick (self);
  m->deleted = FALSE;
  if (m->id == 0)
    {
      m->id = self->meetings->len + 1;
      g_ptr_array_add (self->meetings, m);
      self->n_live++;
    }
  else
    {
      TsMeeting **slot = (TsMeeting **) &self->meetings->pdata[m->id - 1];

      g_assert (*slot != m);
      if ((*slot)->deleted)
        self->n_live++;
      ts_meeting_free (*slot);
      *slot = m;
    }
  m->log_pos = log_append (self, TS_ENTITY_MEETING, m->id);
  return m;
}

void
ts_meeting_remove (QuorumTestServer *self,
                   TsMeeting        *m)
{
  g_return_if_fail (!m->deleted);

  m->deleted = TRUE;
  m->modified_at = ts_tick (self);
  m->log_pos = log_append (self, TS_ENTITY_MEETING, m->id);
  self->n_live--;
}

static void
set_time_member (JsonObject *object,
                 const char *member,
                 gint64      us)
{
  g_autofree char *text = quorum_test_server_format_time (us);

  json_object_set_string_member (object, member, text);
}

JsonObject *
ts_meeting_summary (const TsMeeting *m)
{
  JsonObject *object = json_object_new ();
  g_autofree char *start = quorum_test_server_format_time (m->start);
  g_autofree char *end = quorum_test_server_format_time (m->end);

  json_object_set_int_member (object, "id", m->id);
  json_object_set_string_member (object, "title", m->title);
  json_object_set_string_member (object, "start_time", start);
  json_object_set_string_member (object, "end_time", end);
  return object;
}

JsonObject *
ts_meeting_to_json (const TsMeeting *m)
{
  JsonObject *object = json_object_new ();
  JsonArray *participants = json_array_sized_new (m->participants->len);
  g_autofree char *start = quorum_test_server_format_time (m->start);
  g_autofree char *end = quorum_test_server_format_time (m->end);
  g_autofree char *modified = quorum_test_server_format_time (m->modified_at);

  json_object_set_int_member (object, "id", m->id);
  json_object_set_string_member (object, "title", m->title);
  json_object_set_string_member (object, "description", m->description);
  json_object_set_string_member (object, "agenda", m->agenda);
  json_object_set_string_member (object, "start_time", start);
  json_object_set_string_member (object, "end_time", end);
  json_object_set_string_member (object, "status", m->status);
  json_object_set_string_member (object, "meeting_type", m->meeting_type);
  json_object_set_string_member (object, "priority", m->priority);
  if (m->room_id > 0)
    json_object_set_int_member (object, "room_id", m->room_id);
  else
    json_object_set_null_member (object, "room_id");
  json_object_set_string_member (object, "external_location", m->external_location);
  json_object_set_int_member (object, "organizer_id", m->organizer_id);
  for (guint i = 0; i < m->participants->len; i++)
    json_array_add_int_element (participants, g_array_index (m->participants, gint64, i));
  json_object_set_array_member (object, "participant_ids", participants);
  json_object_set_string_member (object, "modified_at", modified);
  return object;
}

JsonObject *
ts_user_to_json (const TsUser *u)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", u->id);
  json_object_set_string_member (object, "username", u->username);
  json_object_set_string_member (object, "name", u->name);
  json_object_set_string_member (object, "email", u->email);
  json_object_set_boolean_member (object, "is_active", u->is_active);
  set_time_member (object, "modified_at", u->modified_at);
  return object;
}

JsonObject *
ts_room_to_json (const TsRoom *r)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", r->id);
  json_object_set_string_member (object, "name", r->name);
  json_object_set_int_member (object, "capacity", r->capacity);
  json_object_set_string_member (object, "floor", r->floor);
  json_object_set_string_member (object, "equipment", r->equipment);
  json_object_set_boolean_member (object, "is_active", r->is_active);
  set_time_member (object, "modified_at", r->modified_at);
  return object;
}

/* Public server-side API */

gint64
quorum_test_server_add_user (QuorumTestServer *self,
                             const char       *username,
                             const char       *password,
                             const char       *name,
                             const char       *email)
{
  TsUser *u;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);
  g_return_val_if_fail (username != NULL && password != NULL, 0);

  if (g_hash_table_contains (self->users_by_name, username))
    return 0;
  u = g_new0 (TsUser, 1);
  u->id = self->users->len + 1;
  u->username = g_strdup (username);
  u->password = g_strdup (password);
  u->name = g_strdup (name ? name : username);
  u->email = g_strdup (email ? email : "");
  u->is_active = TRUE;
  u->external = g_array_new (FALSE, FALSE, sizeof (TsBusy));
  u->modified_at = ts_tick (self);
  u->log_pos = log_append (self, TS_ENTITY_USER, u->id);
  g_ptr_array_add (self->users, u);
  g_hash_table_insert (self->users_by_name, u->username, u);
  return u->id;
}

gboolean
quorum_test_server_set_user_active (QuorumTestServer *self,
                                    gint64            user_id,
                                    gboolean          active)
{
  TsUser *u = ts_user_lookup (self, user_id);

  if (u == NULL)
    return FALSE;
  u->is_active = active;
  u->modified_at = ts_tick (self);
  u->log_pos = log_append (self, TS_ENTITY_USER, u->id);
  return TRUE;
}

void
quorum_test_server_add_external_busy (QuorumTestServer *self,
                                      gint64            user_id,
                                      const char       *source,
                                      gint64            start_us,
                                      gint64            end_us)
{
  TsUser *u = ts_user_lookup (self, user_id);
  TsBusy busy = { start_us, end_us, g_str_equal (source, "outlook") ? "outlook" : "google" };

  g_return_if_fail (u != NULL);
  g_array_append_val (u->external, busy);
}

gint64
quorum_test_server_add_room (QuorumTestServer *self,
                             const char       *name,
                             gint              capacity,
                             const char       *floor,
                             const char       *equipment)
{
  TsRoom *r;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  r = g_new0 (TsRoom, 1);
  r->id = self->rooms->len + 1;
  r->name = g_strdup (name);
  r->capacity = capacity;
  r->floor = g_strdup (floor ? floor : "");
  r->equipment = g_strdup (equipment ? equipment : "");
  r->is_active = TRUE;
  r->modified_at = ts_tick (self);
  r->log_pos = log_append (self, TS_ENTITY_ROOM, r->id);
  g_ptr_array_add (self->rooms, r);
  return r->id;
}

gint64
quorum_test_server_insert_meeting (QuorumTestServer *self,
                                   gint64            organizer_id,
                                   JsonObject       *fields)
{
  g_autoptr(JsonObject) error = NULL;
  TsMeeting *draft = NULL;
  guint status;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (ts_user_lookup (self, organizer_id) == NULL)
    return 0;
  error = ts_meeting_prepare (self, NULL, organizer_id, fields, FALSE, TRUE, 0, 0,
                              &draft, &status);
  if (error != NULL)
    return 0;
  return ts_meeting_commit (self, draft)->id;
}

gboolean
quorum_test_server_update_meeting (QuorumTestServer *self,
                                   gint64            id,
                                   JsonObject       *fields)
{
  g_autoptr(JsonObject) error = NULL;
  TsMeeting *m = ts_meeting_lookup (self, id);
  TsMeeting *draft = NULL;
  guint status;

  g_return_val_if_fail (fields != NULL, FALSE);

  if (m == NULL || m->deleted)
    return FALSE;
  error = ts_meeting_prepare (self, m, m->organizer_id, fields, FALSE, TRUE, id, 0,
                              &draft, &status);
  if (error != NULL)
    return FALSE;
  ts_meeting_commit (self, draft);
  return TRUE;
}

gboolean
quorum_test_server_delete_meeting (QuorumTestServer *self,
                                   gint64            id)
{
  TsMeeting *m = ts_meeting_lookup (self, id);

  if (m == NULL || m->deleted)
    return FALSE;
  ts_meeting_remove (self, m);
  return TRUE;
}

JsonObject *
quorum_test_server_get_meeting (QuorumTestServer *self,
                                gint64            id)
{
  TsMeeting *m = ts_meeting_lookup (self, id);

  if (m == NULL || m->deleted)
    return NULL;
  return ts_meeting_to_json (m);
}

JsonArray *
quorum_test_server_dump_meetings (QuorumTestServer *self)
{
  JsonArray *array = json_array_sized_new (self->n_live);

  for (guint i = 0; i < self->meetings->len; i++)
    {
      TsMeeting *m = g_ptr_array_index (self->meetings, i);

      if (!m->deleted)
        json_array_add_object_element (array, ts_meeting_to_json (m));
    }
  return array;
}

guint
quorum_test_server_count_meetings (QuorumTestServer *self)
{
  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);

  return self->n_live;
}
