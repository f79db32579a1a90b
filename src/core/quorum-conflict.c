/* quorum-conflict.c — a sync conflict record */
#include "quorum-conflict.h"
#include "quorum-time.h"

QuorumConflict *
quorum_conflict_new (void)
{
  return g_new0 (QuorumConflict, 1);
}

void
quorum_conflict_free (QuorumConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->local_id);
  g_free (self->change_id);
  g_clear_pointer (&self->base, quorum_meeting_free);
  g_clear_pointer (&self->local, quorum_meeting_free);
  g_clear_pointer (&self->server, quorum_meeting_free);
  g_free (self->server_version);
  g_free (self->local_version);
  g_free (self->resolution);
  g_free (self);
}

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

JsonObject *
quorum_conflict_to_json (const QuorumConflict *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", self->id);
  json_object_set_string_member (object, "local_id", self->local_id);
  if (self->meeting_id > 0)
    json_object_set_int_member (object, "meeting_id", self->meeting_id);
  else
    json_object_set_null_member (object, "meeting_id");
  set_string_or_null (object, "server_version", self->server_version);
  set_string_or_null (object, "local_version", self->local_version);
  json_object_set_member (object, "fields", quorum_meeting_fields_to_json (self->fields));
  if (self->local && !self->local_deleted)
    json_object_set_object_member (object, "local",
                                   quorum_meeting_to_json (self->local, QUORUM_FIELD_ALL, TRUE));
  else
    json_object_set_null_member (object, "local");
  if (self->server)
    json_object_set_object_member (object, "server",
                                   quorum_meeting_to_json (self->server, QUORUM_FIELD_ALL, TRUE));
  else
    json_object_set_null_member (object, "server");
  set_string_or_null (object, "resolution", self->resolution);
  return object;
}
