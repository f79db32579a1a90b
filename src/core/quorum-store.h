/* quorum-store.h — the SQLite replica: schema, migrations, queries
 *
 * The only code that speaks SQL.  Every method runs synchronously on the
 * caller's thread and serialises on an internal lock, so one store may be
 * shared by the main thread and a worker; the GUI should call the heavy
 * ones (pull pages, big lists) from a GTask thread.
 */
#pragma once

#include <gio/gio.h>
#include "quorum-meeting.h"
#include "quorum-change.h"
#include "quorum-conflict.h"

G_BEGIN_DECLS

#define QUORUM_STORE_ERROR (quorum_store_error_quark ())

typedef enum {
  QUORUM_STORE_ERROR_OPEN = 1,     /* cannot open or create the file */
  QUORUM_STORE_ERROR_SQL,          /* SQLite refused a statement */
  QUORUM_STORE_ERROR_NOT_FOUND,    /* no such meeting, change or conflict */
  QUORUM_STORE_ERROR_INVALID,      /* the request makes no sense in this state */
  QUORUM_STORE_ERROR_TOO_NEW,      /* the file's schema is newer than this build */
} QuorumStoreError;

GQuark quorum_store_error_quark (void);

#define QUORUM_STORE_SCHEMA_VERSION 3

#define QUORUM_TYPE_STORE (quorum_store_get_type ())
G_DECLARE_FINAL_TYPE (QuorumStore, quorum_store, QUORUM, STORE, GObject)

/* $QUORUM_DATA_DIR, else $XDG_DATA_HOME/quorum. */
char        *quorum_store_default_data_dir   (void);

/* Opens (creating with mode 0600 inside a 0700 folder) DIR/replica.db. */
QuorumStore *quorum_store_open               (const char *data_dir,
                                              GError    **error);
const char  *quorum_store_get_data_dir       (QuorumStore *self);
const char  *quorum_store_get_path           (QuorumStore *self);
int          quorum_store_get_schema_version (QuorumStore *self);

/* Key/value sync state: client_id, cursor, not_before, last_success,
 * last_error, server, username, user_id, ...  NULL when unset. */
char        *quorum_store_get_state          (QuorumStore *self,
                                              const char  *key);
/* The signed-in user's server id (state "user_id"); 0 when nobody has
 * signed in on this replica. */
gint64       quorum_store_get_user_id        (QuorumStore *self);
gboolean     quorum_store_set_state          (QuorumStore *self,
                                              const char  *key,
                                              const char  *value,
                                              GError     **error);
const char  *quorum_store_get_client_id      (QuorumStore *self);

/* Meetings.  @id_or_local_id is a server id ("12") or a local_id. */
QuorumMeeting *quorum_store_get_meeting      (QuorumStore *self,
                                              const char  *id_or_local_id,
                                              GError     **error);
QuorumMeeting *quorum_store_get_meeting_by_local_id (QuorumStore *self,
                                                     const char  *local_id);
QuorumMeeting *quorum_store_get_meeting_by_id (QuorumStore *self,
                                               gint64       id);
/* Meetings overlapping [from, to) (either bound may be G_MININT64 /
 * G_MAXINT64), sorted by start_time; locally deleted ones are hidden. */
GPtrArray   *quorum_store_list_meetings      (QuorumStore *self,
                                              gint64       from,
                                              gint64       to,
                                              GError     **error);
/* Meetings in which @user_id takes part (or which book @room_id when
 * @user_id is 0) overlapping [from, to). */
GPtrArray   *quorum_store_list_busy          (QuorumStore *self,
                                              gint64       user_id,
                                              gint64       room_id,
                                              gint64       from,
                                              gint64       to,
                                              GError     **error);
/* Title, description, agenda and participant names, case-insensitive. */
GPtrArray   *quorum_store_search_meetings    (QuorumStore *self,
                                              const char  *text,
                                              guint        limit,
                                              GError     **error);
gint64       quorum_store_count_meetings     (QuorumStore *self);
/* Whether any meeting is listed: a lookup, where the count reads them all. */
gboolean     quorum_store_has_meetings       (QuorumStore *self);

/* Local edits: each is one transaction over the row and the outbox, after
 * validation (QUORUM_MEETING_ERROR_INVALID leaves everything untouched). */
QuorumMeeting *quorum_store_create_meeting   (QuorumStore         *self,
                                              const QuorumMeeting *meeting,
                                              gboolean             ignore_unavailable,
                                              GError             **error);
QuorumMeeting *quorum_store_edit_meeting     (QuorumStore         *self,
                                              const char          *id_or_local_id,
                                              const QuorumMeeting *values,
                                              QuorumMeetingField   mask,
                                              gboolean             ignore_unavailable,
                                              GError             **error);
gboolean     quorum_store_delete_meeting     (QuorumStore *self,
                                              const char  *id_or_local_id,
                                              GError     **error);

/* The outbox, oldest first. */
GPtrArray   *quorum_store_list_outbox        (QuorumStore *self,
                                              GError     **error);
QuorumChange *quorum_store_get_change        (QuorumStore *self,
                                              const char  *change_id,
                                              GError     **error);
guint        quorum_store_count_outbox       (QuorumStore      *self,
                                              QuorumChangeState state);
/* Drops a rejected change; the meeting returns to the server's version
 * (or disappears, for a create the server never took). */
gboolean     quorum_store_discard_change     (QuorumStore *self,
                                              const char  *change_id,
                                              GError     **error);

/* A rejected change goes again under a new change_id (the old id would
 * only fetch the same refusal back). */
gboolean     quorum_store_retry_change       (QuorumStore *self,
                                              const char  *change_id,
                                              GError     **error);

/* Conflicts waiting for the user, oldest first. */
GPtrArray   *quorum_store_list_conflicts     (QuorumStore *self,
                                              GError     **error);
QuorumConflict *quorum_store_get_conflict    (QuorumStore *self,
                                              gint64       id,
                                              GError     **error);
/* Records the user's choice (@keep: "local", "server" or "both") and
 * queues the resolve change that the next sync sends. */
gboolean     quorum_store_resolve_conflict   (QuorumStore *self,
                                              gint64       id,
                                              const char  *keep,
                                              GError     **error);

/* Directory: rooms and users as the server sends them (JSON objects). */
gboolean     quorum_store_upsert_room        (QuorumStore *self,
                                              JsonObject  *room,
                                              GError     **error);
gboolean     quorum_store_upsert_user        (QuorumStore *self,
                                              JsonObject  *user,
                                              GError     **error);
/* Arrays of JsonObject* (owned), sorted by name. */
GPtrArray   *quorum_store_list_rooms         (QuorumStore *self,
                                              GError     **error);
GPtrArray   *quorum_store_list_users         (QuorumStore *self,
                                              GError     **error);
JsonObject  *quorum_store_get_room           (QuorumStore *self,
                                              gint64       id);
JsonObject  *quorum_store_get_user           (QuorumStore *self,
                                              gint64       id);

/* Free/busy cache: the server's whole answer for one query. */
gboolean     quorum_store_put_freebusy       (QuorumStore *self,
                                              const char  *query_key,
                                              const char  *answer_json,
                                              GError     **error);
/* Returns the cached answer and its fetch time (µs), or NULL. */
char        *quorum_store_get_freebusy       (QuorumStore *self,
                                              const char  *query_key,
                                              gint64      *out_fetched_at);

/* Raw access for tests and the sync engine's own transactions. */
gboolean     quorum_store_begin              (QuorumStore *self, GError **error);
gboolean     quorum_store_commit             (QuorumStore *self, GError **error);
void         quorum_store_rollback           (QuorumStore *self);
gboolean     quorum_store_exec               (QuorumStore *self,
                                              const char  *sql,
                                              GError     **error);
char        *quorum_store_integrity_check    (QuorumStore *self);

G_END_DECLS
