/* quorum-meeting-editor-rooms.h — the editor's room list: the active rooms
 * of the replica, each with its seats and whether it is free at the
 * chosen time
 */
#pragma once

#include "quorum-meeting-editor-private.h"

G_BEGIN_DECLS

/* Finds the room list's popup, so rows are never redone under it. */
void   _quorum_meeting_editor_rooms_init     (QuorumMeetingEditor *self);
/* Redoes the rows when their words changed (later, while the popup is open). */
void   _quorum_meeting_editor_rebuild_rooms  (QuorumMeetingEditor *self);
/* The chosen room's id; 0 for "No room". */
gint64 _quorum_meeting_editor_selected_room  (QuorumMeetingEditor *self);
void   _quorum_meeting_editor_select_room    (QuorumMeetingEditor *self,
                                              gint64               room_id);

G_END_DECLS
