/* quorum-change.h — one queued change of the outbox, and coalescing
 *
 * Coalescing is a pure function over change records so that it can be
 * tested by table; QuorumStore persists what it decides.
 */
#pragma once

#include "quorum-meeting.h"

G_BEGIN_DECLS

typedef enum {
  QUORUM_CHANGE_CREATE = 1,
  QUORUM_CHANGE_UPDATE,
  QUORUM_CHANGE_DELETE,
  QUORUM_CHANGE_RESOLVE,     /* a user's (or the merge's) conflict resolution */
} QuorumChangeAction;

typedef enum {
  QUORUM_CHANGE_QUEUED = 1,  /* never handed to the network: may still coalesce */
  QUORUM_CHANGE_SENT,        /* handed to the network: frozen under its change_id */
  QUORUM_CHANGE_REJECTED,    /* the server refused it; waits for the user */
  QUORUM_CHANGE_CONFLICT,    /* the server had moved on; waits for a resolution */
} QuorumChangeState;

typedef struct {
  gint64              seq;               /* outbox order; 0 before stored */
  char               *change_id;         /* UUID, the idempotency key */
  QuorumChangeAction  action;
  char               *local_id;
  gint64              entity_id;         /* server id, 0 for an unapplied create */
  QuorumMeeting      *data;              /* values of the fields in mask */
  QuorumMeetingField  mask;
  char               *base_modified_at;  /* update/delete: the version edited */
  QuorumMeeting      *base;              /* the server copy the edit was made on */
  QuorumChangeState   state;
  gboolean            ignore_unavailable;
  char               *resolution;        /* resolve: keep_local keep_server keep_both merge */
  char               *server_version;    /* resolve: the version the user saw */
  guint               attempts;
  char               *error;             /* the server's whole error object, JSON */
  gint64              created_at;        /* µs */
} QuorumChange;

QuorumChange *quorum_change_new        (QuorumChangeAction action,
                                        const char        *local_id);
QuorumChange *quorum_change_copy       (const QuorumChange *self);
void          quorum_change_free       (QuorumChange *self);

const char   *quorum_change_action_to_string (QuorumChangeAction action);
QuorumChangeAction quorum_change_action_from_string (const char *s);
const char   *quorum_change_state_to_string  (QuorumChangeState state);
QuorumChangeState quorum_change_state_from_string (const char *s);

typedef enum {
  QUORUM_COALESCE_APPEND = 1,   /* keep @prev as it is, queue @next behind it */
  QUORUM_COALESCE_REPLACE,      /* @prev is replaced by *out_merged */
  QUORUM_COALESCE_DROP_BOTH,    /* neither is sent (create then delete) */
} QuorumCoalesce;

/* Decides how a new local edit @next combines with @prev, the latest
 * change of the same meeting (NULL if none).  A sent change is frozen and
 * never merged into; a rejected one is superseded (merged under a fresh
 * change_id).  *out_merged is set only for REPLACE. */
QuorumCoalesce quorum_change_coalesce  (const QuorumChange *prev,
                                        const QuorumChange *next,
                                        QuorumChange      **out_merged);

/* The change as the push endpoint wants it (server-api.md §5). */
JsonObject   *quorum_change_to_push_json (const QuorumChange *self,
                                          const char         *create_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumChange, quorum_change_free)

G_END_DECLS
