/* quorum-meeting-editor.h — create or edit one meeting, offline */
#pragma once

#include <adwaita.h>
#include "quorum-store.h"
#include "quorum-sync-engine.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_MEETING_EDITOR (quorum_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (QuorumMeetingEditor, quorum_meeting_editor, QUORUM, MEETING_EDITOR, AdwWindow)

/* Signals: saved (const char *local_id) — the edit is in the replica and
 * the outbox; the editor closes itself afterwards. */

/* @engine (may be NULL) says whether the server can be asked: when it is
 * signed in and not offline, every edit of time, room or participants
 * is checked with POST /api/v1/meetings/check/ (debounced, the previous
 * request cancelled); otherwise, or when the check fails on the way, the
 * replica answers "as of" the last sync. */

/* A new meeting over [start, end), in @room_id (0: none). */
QuorumMeetingEditor *quorum_meeting_editor_new_create (GtkWindow        *parent,
                                                       QuorumStore      *store,
                                                       QuorumSyncEngine *engine,
                                                       gint64            start,
                                                       gint64            end,
                                                       gint64            room_id);
/* An existing meeting; read-only unless the user organises it. */
QuorumMeetingEditor *quorum_meeting_editor_new_edit   (GtkWindow        *parent,
                                                       QuorumStore      *store,
                                                       QuorumSyncEngine *engine,
                                                       const char       *local_id);

gboolean  quorum_meeting_editor_get_read_only   (QuorumMeetingEditor *self);
/* Validates and saves; on failure the message is also shown inline. */
gboolean  quorum_meeting_editor_save            (QuorumMeetingEditor *self,
                                                 GError             **error);
/* For tests and the dialogs: the fields as the user would type them. */
void      quorum_meeting_editor_set_text_fields (QuorumMeetingEditor *self,
                                                 const char          *title,
                                                 const char          *date,
                                                 const char          *start,
                                                 const char          *end);
void      quorum_meeting_editor_add_participant (QuorumMeetingEditor *self,
                                                 gint64               user_id);
/* Availability shown on a participant's chip: "free", "busy" or "unknown";
 * NULL when @user_id is not a participant. */
const char *quorum_meeting_editor_get_chip_state (QuorumMeetingEditor *self,
                                                  gint64               user_id);
const char *quorum_meeting_editor_get_error_text (QuorumMeetingEditor *self);
/* The availability line under the room, or NULL when hidden. */
const char *quorum_meeting_editor_get_overlap_text (QuorumMeetingEditor *self);
/* A check is waiting for the typing to stop or for the server. */
gboolean    quorum_meeting_editor_is_checking     (QuorumMeetingEditor *self);
/* Who answered the availability line: "server", "replica", "checking",
 * or NULL when nothing is shown. */
const char *quorum_meeting_editor_get_check_source (QuorumMeetingEditor *self);
/* The statuses the status row offers, in its order ("PENDING",
 * "APPROVED"... see quorum_editor_status_choices()). */
const char * const *quorum_meeting_editor_get_status_choices (QuorumMeetingEditor *self);
/* Picks a status as the user would ("PENDING", "CANCELLED"...); one the
 * row does not offer is not picked. */
void        quorum_meeting_editor_set_status      (QuorumMeetingEditor *self,
                                                   const char          *status);
/* The room dropdown's row for @room_id as it reads now ("Name · 8 seats ·
 * free"): the server's answer for the room it checked, else the replica. */
const char *quorum_meeting_editor_get_room_text   (QuorumMeetingEditor *self,
                                                   gint64               room_id);

G_END_DECLS
