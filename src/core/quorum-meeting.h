/* quorum-meeting.h — the meeting value: fields, JSON form, compare, validation
 *
 * A pure unit: no I/O. Every other core module speaks in QuorumMeeting.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define QUORUM_MEETING_ERROR (quorum_meeting_error_quark ())

typedef enum {
  QUORUM_MEETING_ERROR_INVALID = 1,   /* a field breaks a rule of server-api.md §4 */
  QUORUM_MEETING_ERROR_MALFORMED,     /* JSON of the wrong shape or types */
} QuorumMeetingError;

GQuark quorum_meeting_error_quark (void);

/* One bit per writable field; used for partial updates, diffs and merges. */
typedef enum {
  QUORUM_FIELD_TITLE             = 1 << 0,
  QUORUM_FIELD_DESCRIPTION       = 1 << 1,
  QUORUM_FIELD_AGENDA            = 1 << 2,
  QUORUM_FIELD_START_TIME        = 1 << 3,
  QUORUM_FIELD_END_TIME          = 1 << 4,
  QUORUM_FIELD_STATUS            = 1 << 5,
  QUORUM_FIELD_MEETING_TYPE      = 1 << 6,
  QUORUM_FIELD_PRIORITY          = 1 << 7,
  QUORUM_FIELD_ROOM_ID           = 1 << 8,
  QUORUM_FIELD_EXTERNAL_LOCATION = 1 << 9,
  QUORUM_FIELD_PARTICIPANT_IDS   = 1 << 10,
} QuorumMeetingField;

#define QUORUM_FIELD_ALL ((QuorumMeetingField) ((1 << 11) - 1))
#define QUORUM_N_FIELDS 11

#define QUORUM_TITLE_MAX        200
#define QUORUM_TEXT_MAX         5000
#define QUORUM_PARTICIPANTS_MAX 200
#define QUORUM_MAX_DURATION     (24 * G_TIME_SPAN_HOUR)

typedef struct _QuorumMeeting QuorumMeeting;

struct _QuorumMeeting {
  char   *local_id;           /* "local_" + UUID, never changes */
  gint64  id;                 /* server id; 0 until the create is applied */
  char   *title;
  char   *description;
  char   *agenda;
  gint64  start_time;         /* µs since the Unix epoch, UTC */
  gint64  end_time;
  char   *status;             /* PENDING APPROVED COMPLETED CANCELLED */
  char   *meeting_type;       /* SCHEDULED UNSCHEDULED EXTERNAL INTERNAL */
  char   *priority;           /* LOW MEDIUM HIGH */
  gint64  room_id;            /* 0 = null */
  char   *external_location;
  gint64  organizer_id;       /* 0 = unknown (set by the server) */
  GArray *participant_ids;    /* gint64, sorted, unique */
  char   *modified_at;        /* server version, opaque; NULL if never on the server */
  /* Replica-only: synced, pending, conflict or rejected (cli.md). Not part of
   * the server's shape; NULL means synced. */
  char   *sync_state;
};

GType          quorum_meeting_get_type        (void) G_GNUC_CONST;
#define QUORUM_TYPE_MEETING (quorum_meeting_get_type ())

QuorumMeeting *quorum_meeting_new             (void);
QuorumMeeting *quorum_meeting_copy            (const QuorumMeeting *self);
void           quorum_meeting_free            (QuorumMeeting *self);

/* Sorts and de-duplicates. */
void           quorum_meeting_set_participants (QuorumMeeting *self,
                                                const gint64  *ids,
                                                guint          n_ids);
/* @user_id organises it or is among its participants (FALSE for 0). */
gboolean       quorum_meeting_takes_part      (const QuorumMeeting *self,
                                                gint64               user_id);

const char    *quorum_meeting_field_name      (QuorumMeetingField field);
QuorumMeetingField quorum_meeting_field_from_name (const char *name);
/* A JSON array of the names of the fields in @mask, in contract order. */
JsonNode      *quorum_meeting_fields_to_json  (QuorumMeetingField mask);

/* Fields whose values differ between @a and @b (participants as sets). */
QuorumMeetingField quorum_meeting_diff        (const QuorumMeeting *a,
                                               const QuorumMeeting *b);
/* Copies the fields in @mask from @src into @dst. */
void           quorum_meeting_apply           (QuorumMeeting       *dst,
                                               const QuorumMeeting *src,
                                               QuorumMeetingField   mask);

/* Parses a meeting object as the server sends it (server-api.md §4).
 * Strict about types; unknown members are ignored. */
QuorumMeeting *quorum_meeting_from_json       (JsonObject *object,
                                               GError    **error);
/* Parses only the members present into @self, returning their mask
 * (a push "data" object or a stored change). */
gboolean       quorum_meeting_update_from_json (QuorumMeeting      *self,
                                                JsonObject         *object,
                                                QuorumMeetingField *out_mask,
                                                GError            **error);
/* The fields in @mask as a JSON object; with @with_identity also id,
 * organizer_id and modified_at (the server's full meeting shape). */
JsonObject    *quorum_meeting_to_json         (const QuorumMeeting *self,
                                               QuorumMeetingField   mask,
                                               gboolean             with_identity);
char          *quorum_meeting_to_json_string  (const QuorumMeeting *self,
                                               QuorumMeetingField   mask,
                                               gboolean             with_identity);
QuorumMeeting *quorum_meeting_from_json_string (const char *json,
                                                GError    **error);

/* Rules of server-api.md §4 that a client can check alone. */
gboolean       quorum_meeting_validate        (const QuorumMeeting *self,
                                               GError             **error);
gboolean       quorum_meeting_status_move_ok  (const char *from,
                                               const char *to);
gboolean       quorum_meeting_status_valid    (const char *status);
gboolean       quorum_meeting_type_valid      (const char *type);
gboolean       quorum_meeting_priority_valid  (const char *priority);

char          *quorum_new_local_id            (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumMeeting, quorum_meeting_free)

G_END_DECLS
