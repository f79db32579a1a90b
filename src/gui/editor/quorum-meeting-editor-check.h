/* quorum-meeting-editor-check.h — the line under the room: the server's
 * POST /api/v1/meetings/check/ when online, else the replica "as of" the
 * last sync
 */
#pragma once

#include "quorum-meeting-editor-private.h"

G_BEGIN_DECLS

/* After every edit of time, room, participants or status. */
void _quorum_meeting_editor_update_availability  (QuorumMeetingEditor *self);
void _quorum_meeting_editor_cancel_check         (QuorumMeetingEditor *self);
/* The sync engine's state changed: asks again when online-ness did. */
void _quorum_meeting_editor_engine_state_changed (QuorumMeetingEditor *self);

G_END_DECLS
