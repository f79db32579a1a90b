/* quorum-merge.c — three-way merge of base / local / server meetings
 *
 * The rules (and why each is so) are written out in
 * docs/merge-and-scheduling.md; keep the two in step.
 */
#include "config.h"

#include "quorum-merge.h"

#define TIME_FIELDS (QUORUM_FIELD_START_TIME | QUORUM_FIELD_END_TIME)

static const char * const resolution_names[] = {
  [QUORUM_RESOLUTION_KEEP_LOCAL]  = "keep_local",
  [QUORUM_RESOLUTION_KEEP_SERVER] = "keep_server",
  [QUORUM_RESOLUTION_KEEP_BOTH]   = "keep_both",
  [QUORUM_RESOLUTION_MERGE]       = "merge",
};

const char *
quorum_resolution_to_string (QuorumResolution resolution)
{
  if (resolution < QUORUM_RESOLUTION_KEEP_LOCAL || resolution > QUORUM_RESOLUTION_MERGE)
    return NULL;
  return resolution_names[resolution];
}

QuorumResolution
quorum_resolution_from_string (const char *s)
{
  if (s == NULL)
    return 0;
  for (guint i = QUORUM_RESOLUTION_KEEP_LOCAL; i <= QUORUM_RESOLUTION_MERGE; i++)
    if (g_str_equal (s, resolution_names[i]))
      return (QuorumResolution) i;
  return 0;
}

void
quorum_merge_result_free (QuorumMergeResult *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->merged, quorum_meeting_free);
  g_free (self);
}

/* Participants */

static gboolean
ids_contain (const GArray *ids,
             gint64        id)
{
  guint lo = 0, hi = ids != NULL ? ids->len : 0;

  /* participant_ids are kept sorted and unique by QuorumMeeting. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (ids, gint64, mid);

      if (v == id)
        return TRUE;
      if (v < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static void
append_all (GArray       *into,
            const GArray *ids)
{
  if (ids != NULL && ids->len > 0)
    g_array_append_vals (into, ids->data, ids->len);
}

/* base − removed_local − removed_server ∪ added_local ∪ added_server:
 * a person stays when all three have them, and is added when either side
 * added them.  An add on one side and a remove on the other cannot both
 * happen relative to one base, so the set merge itself never conflicts. */
static GArray *
merge_participant_sets (const GArray *base,
                        const GArray *local,
                        const GArray *server)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (gint64));

  append_all (all, base);
  append_all (all, local);
  append_all (all, server);

  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);
      gboolean in_base = ids_contain (base, id);
      gboolean in_local = ids_contain (local, id);
      gboolean in_server = ids_contain (server, id);
      gboolean keep;

      if (in_base)
        keep = in_local && in_server;
      else
        keep = in_local || in_server;

      if (keep && !ids_contain (merged, id))
        {
          guint pos = 0;

          while (pos < merged->len && g_array_index (merged, gint64, pos) < id)
            pos++;
          g_array_insert_val (merged, pos, id);
        }
    }

  return merged;
}

static void
set_participants (QuorumMeeting *meeting,
                  const GArray  *ids)
{
  quorum_meeting_set_participants (meeting,
                                   ids->len > 0 ? (const gint64 *) ids->data : NULL,
                                   ids->len);
}

/* The meeting merge proper, when both sides still have the meeting. */
static void
merge_both_present (QuorumMergeResult   *result,
                    const QuorumMeeting *base,
                    const QuorumMeeting *local,
                    const QuorumMeeting *server)
{
  QuorumMeetingField changed_local, changed_server, apart, conflicting, take_local;
  g_autoptr(QuorumMeeting) merged = quorum_meeting_copy (server);

  apart = quorum_meeting_diff (local, server);
  /* Without a base every field counts as changed on both sides: only
   * agreement is clean. */
  changed_local = base != NULL ? quorum_meeting_diff (base, local) : QUORUM_FIELD_ALL;
  changed_server = base != NULL ? quorum_meeting_diff (base, server) : QUORUM_FIELD_ALL;

  conflicting = changed_local & changed_server & apart;
  if (base != NULL)
    conflicting &= ~QUORUM_FIELD_PARTICIPANT_IDS;

  /* Half of one side's move and half of the other's is nobody's meeting. */
  if (conflicting & TIME_FIELDS)
    conflicting |= TIME_FIELDS;

  take_local = changed_local & ~changed_server & ~conflicting & ~QUORUM_FIELD_PARTICIPANT_IDS;
  quorum_meeting_apply (merged, local, take_local);

  if (base != NULL && (apart & QUORUM_FIELD_PARTICIPANT_IDS))
    {
      g_autoptr(GArray) ids = merge_participant_sets (base->participant_ids,
                                                      local->participant_ids,
                                                      server->participant_ids);

      if (ids->len > QUORUM_PARTICIPANTS_MAX)
        conflicting |= QUORUM_FIELD_PARTICIPANT_IDS;
      else
        set_participants (merged, ids);
    }

  /* Start from one side and end from the other may make a meeting that
   * neither side wrote and the server would refuse. */
  if (!(conflicting & TIME_FIELDS) &&
      (merged->start_time >= merged->end_time ||
       merged->end_time - merged->start_time > QUORUM_MAX_DURATION))
    {
      conflicting |= TIME_FIELDS;
      quorum_meeting_apply (merged, server, TIME_FIELDS);
    }

  /* The resolve call applies the merged status over the server's, so the
   * move must be one the server allows from where it is now. */
  if (!(conflicting & QUORUM_FIELD_STATUS) &&
      g_strcmp0 (merged->status, server->status) != 0 &&
      !quorum_meeting_status_move_ok (server->status, merged->status))
    {
      conflicting |= QUORUM_FIELD_STATUS;
      quorum_meeting_apply (merged, server, QUORUM_FIELD_STATUS);
    }

  /* The merged meeting is the replica row's new content: it keeps the
   * row's identity and the server's version. */
  g_free (merged->local_id);
  merged->local_id = g_strdup (local->local_id);

  result->conflicting = conflicting;
  result->differing = apart;
  result->local_changes = quorum_meeting_diff (merged, server);
  result->merged = g_steal_pointer (&merged);
  result->clean = conflicting == 0;
}

QuorumMergeResult *
quorum_merge (const QuorumMeeting *base,
              const QuorumMeeting *local,
              const QuorumMeeting *server)
{
  QuorumMergeResult *result = g_new0 (QuorumMergeResult, 1);

  result->local_deleted = local == NULL;
  result->server_deleted = server == NULL;

  if (local == NULL && server == NULL)
    {
      /* Both deleted it: they agree. */
      result->clean = TRUE;
    }
  else if (local == NULL)
    {
      QuorumMeetingField changed_server = base != NULL ? quorum_meeting_diff (base, server)
                                                       : QUORUM_FIELD_ALL;

      /* The user's delete stands only if the server changed nothing the
       * user could have seen; deleting someone else's edit unseen is
       * edit-versus-delete. */
      result->clean = changed_server == 0;
      result->conflicting = changed_server;
      result->differing = QUORUM_FIELD_ALL;
      if (!result->clean)
        result->merged = quorum_meeting_copy (server);
    }
  else if (server == NULL && base == NULL)
    {
      /* A create the server has never seen: nothing to merge with. */
      result->clean = TRUE;
      result->merged = quorum_meeting_copy (local);
      result->local_changes = QUORUM_FIELD_ALL;
      result->differing = QUORUM_FIELD_ALL;
    }
  else if (server == NULL)
    {
      QuorumMeetingField changed_local = quorum_meeting_diff (base, local);

      /* Unedited locally: the server's delete simply wins. */
      result->clean = changed_local == 0;
      result->conflicting = changed_local;
      result->differing = QUORUM_FIELD_ALL;
    }
  else
    {
      merge_both_present (result, base, local, server);
    }

  return result;
}

QuorumMeetingField
quorum_merge_resolution_changes (QuorumResolution     resolution,
                                 const QuorumMeeting *local,
                                 const QuorumMeeting *server)
{
  switch (resolution)
    {
    case QUORUM_RESOLUTION_KEEP_SERVER:
      return 0;

    case QUORUM_RESOLUTION_KEEP_LOCAL:
    case QUORUM_RESOLUTION_KEEP_BOTH:
    case QUORUM_RESOLUTION_MERGE:
      if (local == NULL)
        return 0;
      /* A re-created meeting starts from nothing, so it needs every field. */
      if (server == NULL)
        return QUORUM_FIELD_ALL;
      return quorum_meeting_diff (local, server);

    default:
      g_return_val_if_reached (0);
    }
}
