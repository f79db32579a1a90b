/* quorum-conflict.h — a sync conflict waiting for (or carrying) a resolution */
#pragma once

#include "quorum-meeting.h"

G_BEGIN_DECLS

typedef struct {
  gint64              id;              /* replica row id */
  char               *local_id;
  gint64              meeting_id;      /* server id */
  char               *change_id;       /* the outbox change that met the conflict */
  QuorumMeeting      *base;            /* what the local edit was made on */
  QuorumMeeting      *local;           /* the meeting as the user has it */
  QuorumMeeting      *server;          /* NULL: deleted on the server */
  gboolean            local_deleted;   /* the user deleted it while the server edited */
  char               *server_version;
  char               *local_version;
  QuorumMeetingField  fields;          /* fields that differ between local and server */
  char               *resolution;      /* NULL, or keep_local keep_server keep_both */
  gint64              created_at;
} QuorumConflict;

QuorumConflict *quorum_conflict_new  (void);
void            quorum_conflict_free (QuorumConflict *self);
/* The cli.md shape of `conflicts list`. */
JsonObject     *quorum_conflict_to_json (const QuorumConflict *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumConflict, quorum_conflict_free)

G_END_DECLS
