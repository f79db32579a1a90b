/* quorum-merge.h — three-way merge of base / local / server meetings
 *
 * A pure unit: no I/O.  The sync engine calls it when the server answers
 * a push with "conflict", the conflict dialog calls it to show what
 * differs, and the resolve call takes its field masks.  The exact rules
 * are in docs/merge-and-scheduling.md.
 */
#pragma once

#include "quorum-meeting.h"

G_BEGIN_DECLS

typedef enum {
  QUORUM_RESOLUTION_KEEP_LOCAL = 1,
  QUORUM_RESOLUTION_KEEP_SERVER,
  QUORUM_RESOLUTION_KEEP_BOTH,
  QUORUM_RESOLUTION_MERGE,
} QuorumResolution;

/* "keep_local", "keep_server", "keep_both", "merge" (server-api.md §5). */
const char        *quorum_resolution_to_string   (QuorumResolution resolution);
/* 0 for anything else. */
QuorumResolution   quorum_resolution_from_string (const char *s);

typedef struct {
  /* No field changed differently on both sides, the merged meeting is
   * valid, and neither side deleted the meeting the other edited. */
  gboolean            clean;
  /* The server's meeting with the local side's changes applied where they
   * merge cleanly (conflicting fields keep the server's value).  NULL when
   * the outcome is that the meeting is gone, or when the server deleted
   * it and the user had edited it (there are no server values to start
   * from). */
  QuorumMeeting      *merged;
  /* What the resolve call's local_changes must carry for "merge": the
   * fields where merged differs from server (every field when the server
   * has no meeting). */
  QuorumMeetingField  local_changes;
  /* Fields changed differently on both sides, or whose merge would break
   * a rule: the conflict record's fields and the dialog's highlights. */
  QuorumMeetingField  conflicting;
  /* Fields where local and server differ: what the dialog shows side by
   * side (every field when only one side has the meeting). */
  QuorumMeetingField  differing;
  gboolean            local_deleted;   /* @local was NULL */
  gboolean            server_deleted;  /* @server was NULL */
} QuorumMergeResult;

/* @base: the server copy the local edit was made on (NULL for a create);
 * @local: the meeting as the user has it now (NULL: the user deleted it);
 * @server: the server's current meeting (NULL: deleted on the server). */
QuorumMergeResult *quorum_merge                (const QuorumMeeting *base,
                                                const QuorumMeeting *local,
                                                const QuorumMeeting *server);
void               quorum_merge_result_free    (QuorumMergeResult *self);

/* The fields a resolve call with @resolution must send as local_changes:
 * keep_local and keep_both send every field where @local differs from
 * @server (all of them when @server is NULL, so a deleted meeting can be
 * re-created); keep_server sends none.  For merge use the merge result's
 * local_changes; this returns the same as keep_local.  A NULL @local (the
 * user deleted the meeting) has nothing to send: the delete goes out as a
 * fresh push instead. */
QuorumMeetingField quorum_merge_resolution_changes (QuorumResolution     resolution,
                                                    const QuorumMeeting *local,
                                                    const QuorumMeeting *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumMergeResult, quorum_merge_result_free)

G_END_DECLS
