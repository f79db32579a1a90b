/* quorum-change.c — outbox change records and the coalescing rules */
#include "quorum-change.h"

QuorumChange *
quorum_change_new (QuorumChangeAction action,
                   const char        *local_id)
{
  QuorumChange *self = g_new0 (QuorumChange, 1);

  self->change_id = g_uuid_string_random ();
  self->action = action;
  self->local_id = g_strdup (local_id);
  self->state = QUORUM_CHANGE_QUEUED;
  self->created_at = g_get_real_time ();
  return self;
}

QuorumChange *
quorum_change_copy (const QuorumChange *self)
{
  QuorumChange *copy = g_new0 (QuorumChange, 1);

  *copy = *self;
  copy->change_id = g_strdup (self->change_id);
  copy->local_id = g_strdup (self->local_id);
  copy->data = self->data ? quorum_meeting_copy (self->data) : NULL;
  copy->base_modified_at = g_strdup (self->base_modified_at);
  copy->base = self->base ? quorum_meeting_copy (self->base) : NULL;
  copy->resolution = g_strdup (self->resolution);
  copy->server_version = g_strdup (self->server_version);
  copy->error = g_strdup (self->error);
  return copy;
}

void
quorum_change_free (QuorumChange *self)
{
  if (self == NULL)
    return;
  g_free (self->change_id);
  g_free (self->local_id);
  g_clear_pointer (&self->data, quorum_meeting_free);
  g_free (self->base_modified_at);
  g_clear_pointer (&self->base, quorum_meeting_free);
  g_free (self->resolution);
  g_free (self->server_version);
  g_free (self->error);
  g_free (self);
}

static const char * const action_names[] = { NULL, "create", "update", "delete", "resolve" };
static const char * const state_names[] = { NULL, "queued", "sent", "rejected", "conflict" };

const char *
quorum_change_action_to_string (QuorumChangeAction action)
{
  return action >= 1 && action <= QUORUM_CHANGE_RESOLVE ? action_names[action] : "unknown";
}

QuorumChangeAction
quorum_change_action_from_string (const char *s)
{
  for (guint i = 1; i < G_N_ELEMENTS (action_names); i++)
    if (g_strcmp0 (action_names[i], s) == 0)
      return i;
  return 0;
}

const char *
quorum_change_state_to_string (QuorumChangeState state)
{
  return state >= 1 && state <= QUORUM_CHANGE_CONFLICT ? state_names[state] : "unknown";
}

QuorumChangeState
quorum_change_state_from_string (const char *s)
{
  for (guint i = 1; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (state_names[i], s) == 0)
      return i;
  return 0;
}

/* Builds the replacement for @prev: same record, fresh change_id when
 * @prev was refused (its id would only fetch the old refusal back). */
static QuorumChange *
successor (const QuorumChange *prev,
           const QuorumChange *next)
{
  QuorumChange *merged = quorum_change_copy (prev);

  if (prev->state == QUORUM_CHANGE_REJECTED)
    {
      g_free (merged->change_id);
      merged->change_id = g_strdup (next->change_id);
    }
  merged->state = QUORUM_CHANGE_QUEUED;
  merged->attempts = 0;
  g_clear_pointer (&merged->error, g_free);
  merged->ignore_unavailable = prev->ignore_unavailable || next->ignore_unavailable;
  return merged;
}

QuorumCoalesce
quorum_change_coalesce (const QuorumChange *prev,
                        const QuorumChange *next,
                        QuorumChange      **out_merged)
{
  g_autoptr(QuorumChange) merged = NULL;

  g_return_val_if_fail (next != NULL, QUORUM_COALESCE_APPEND);
  g_return_val_if_fail (out_merged != NULL, QUORUM_COALESCE_APPEND);

  *out_merged = NULL;

  /* Only a change nobody has seen yet, or one the server refused for
   * good, may be rewritten; a sent one is frozen under its change_id, and
   * one in conflict waits for the user's resolution. */
  if (prev == NULL || g_strcmp0 (prev->local_id, next->local_id) != 0)
    return QUORUM_COALESCE_APPEND;
  if (prev->state != QUORUM_CHANGE_QUEUED && prev->state != QUORUM_CHANGE_REJECTED)
    return QUORUM_COALESCE_APPEND;
  /* A refused resolution (keep_both hitting a booked room) changed
   * nothing on the server, so the user's fix folds into it. */
  if ((prev->action == QUORUM_CHANGE_RESOLVE && prev->state != QUORUM_CHANGE_REJECTED) ||
      prev->action == QUORUM_CHANGE_DELETE ||
      next->action == QUORUM_CHANGE_CREATE || next->action == QUORUM_CHANGE_RESOLVE)
    return QUORUM_COALESCE_APPEND;
  if (prev->action == QUORUM_CHANGE_RESOLVE && next->action == QUORUM_CHANGE_DELETE)
    return QUORUM_COALESCE_APPEND;

  if (next->action == QUORUM_CHANGE_DELETE)
    {
      if (prev->action == QUORUM_CHANGE_CREATE)
        return QUORUM_COALESCE_DROP_BOTH;

      /* edit + delete: one delete on the first base version */
      merged = successor (prev, next);
      merged->action = QUORUM_CHANGE_DELETE;
      g_clear_pointer (&merged->data, quorum_meeting_free);
      merged->mask = 0;
      *out_merged = g_steal_pointer (&merged);
      return QUORUM_COALESCE_REPLACE;
    }

  /* next is an update: fold its fields over prev's, later values win */
  merged = successor (prev, next);
  if (merged->data == NULL)
    merged->data = quorum_meeting_copy (next->data);
  else
    quorum_meeting_apply (merged->data, next->data, next->mask);
  merged->mask |= next->mask;

  if (merged->action == QUORUM_CHANGE_UPDATE && merged->base != NULL)
    {
      /* An edit that undoes an earlier one leaves nothing to tell. */
      merged->mask &= quorum_meeting_diff (merged->base, merged->data);
      if (merged->mask == 0)
        return QUORUM_COALESCE_DROP_BOTH;
    }

  *out_merged = g_steal_pointer (&merged);
  return QUORUM_COALESCE_REPLACE;
}

JsonObject *
quorum_change_to_push_json (const QuorumChange *self,
                            const char         *create_id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "change_id", self->change_id);
  json_object_set_string_member (object, "entity_type", "meeting");
  json_object_set_string_member (object, "action", quorum_change_action_to_string (self->action));
  if (self->action == QUORUM_CHANGE_CREATE)
    json_object_set_string_member (object, "id", create_id ? create_id : self->local_id);
  else
    json_object_set_int_member (object, "id", self->entity_id);
  if (self->action != QUORUM_CHANGE_CREATE)
    json_object_set_string_member (object, "base_modified_at",
                                   self->base_modified_at ? self->base_modified_at : "");
  if (self->action != QUORUM_CHANGE_DELETE && self->data != NULL)
    json_object_set_object_member (object, "data",
                                   quorum_meeting_to_json (self->data, self->mask, FALSE));
  if (self->action != QUORUM_CHANGE_DELETE)
    json_object_set_boolean_member (object, "ignore_unavailable", self->ignore_unavailable);
  return object;
}
