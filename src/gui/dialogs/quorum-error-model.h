/* quorum-error-model.h — what a dialog about a server refusal shows and offers
 *
 * Pure view models built from the `error` object of a rejected outbox
 * change (server-api.md §2) or from a QuorumConflict, plus the edits their
 * actions make.  Anything the server sends must give a usable model:
 * missing or mistyped members degrade to a generic message, never a crash.
 */
#pragma once

#include <json-glib/json-glib.h>
#include "quorum-meeting.h"
#include "quorum-conflict.h"
#include "quorum-format.h"

G_BEGIN_DECLS

typedef enum {
  QUORUM_ERROR_KIND_OTHER = 1,
  QUORUM_ERROR_KIND_MEETING_CONFLICT,
  QUORUM_ERROR_KIND_PARTICIPANT_UNAVAILABLE,
  QUORUM_ERROR_KIND_VALIDATION,
  QUORUM_ERROR_KIND_PERMISSION_DENIED,
  QUORUM_ERROR_KIND_NOT_FOUND,
} QuorumErrorKind;

typedef struct {
  gint64  id;          /* 0 when the server gave none */
  char   *title;
  gint64  start_time;  /* µs, 0 when unknown */
  gint64  end_time;
  char   *when;        /* "Sat 1 Feb 2025, 10:00–11:00" or "" */
} QuorumMeetingRef;

typedef struct {
  gint64           user_id;
  char            *name;
  QuorumMeetingRef meeting;
} QuorumUnavailablePerson;

typedef struct {
  QuorumErrorKind   kind;
  char             *code;      /* the server's code, "" when absent */
  char             *heading;   /* ours, translated */
  char             *body;      /* ours, then the server's message */
  gboolean          has_existing;
  QuorumMeetingRef  existing;  /* meeting_conflict */
  GPtrArray        *people;    /* QuorumUnavailablePerson*, participant_unavailable */
  GPtrArray        *field_errors; /* char*, "field: message", validation_error */
  gboolean          can_pick_time;
  gboolean          can_pick_room;
  gboolean          can_open_existing;  /* set by quorum_error_model_set_existing_owner */
  gboolean          can_remove_people;
  gboolean          can_book_anyway;
} QuorumErrorModel;

QuorumErrorModel *quorum_error_model_new         (const char *error_json,
                                                  GTimeZone  *tz);
QuorumErrorModel *quorum_error_model_new_from_object (JsonObject *error,
                                                      GTimeZone  *tz);
/* "Open the existing meeting" is offered only when the user organises it. */
void              quorum_error_model_set_existing_owner (QuorumErrorModel *self,
                                                         gint64            organizer_id,
                                                         gint64            user_id);
void              quorum_error_model_free        (QuorumErrorModel *self);

/* Actions: each fills *out_values (a copy of @meeting with the change made)
 * and returns the mask of fields to pass to quorum_store_edit_meeting. */
QuorumMeetingField quorum_error_action_move      (const QuorumMeeting *meeting,
                                                  gint64               new_start,
                                                  QuorumMeeting      **out_values);
QuorumMeetingField quorum_error_action_set_room  (const QuorumMeeting *meeting,
                                                  gint64               room_id,
                                                  QuorumMeeting      **out_values);
QuorumMeetingField quorum_error_action_remove_people (const QuorumErrorModel *self,
                                                      const QuorumMeeting    *meeting,
                                                      QuorumMeeting         **out_values);

/* Side by side, only the fields that differ. */
typedef struct {
  QuorumMeetingField field;
  const char        *label;
  char              *mine;
  char              *theirs;   /* NULL when the server deleted the meeting */
} QuorumConflictRow;

typedef struct {
  gint64     conflict_id;
  char      *title;             /* the meeting's title as the user has it */
  gboolean   server_deleted;
  gboolean   local_deleted;
  GPtrArray *rows;              /* QuorumConflictRow* */
} QuorumConflictModel;

QuorumConflictModel *quorum_conflict_model_new  (const QuorumConflict *conflict,
                                                 GTimeZone            *tz,
                                                 QuorumNameFunc        room_name,
                                                 QuorumNameFunc        user_name,
                                                 gpointer              user_data);
void                 quorum_conflict_model_free (QuorumConflictModel *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumErrorModel, quorum_error_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumConflictModel, quorum_conflict_model_free)

G_END_DECLS
