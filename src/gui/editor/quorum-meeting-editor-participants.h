/* quorum-meeting-editor-participants.h — the editor's participants: a
 * type-ahead entry over the replica's directory and a chip per person,
 * marked free, busy or unknown at the chosen time
 */
#pragma once

#include "quorum-meeting-editor-private.h"

G_BEGIN_DECLS

/* Binds the entry's and the suggestion list's template callbacks. */
void  _quorum_meeting_editor_participants_class_init (GtkWidgetClass      *widget_class);
/* A name to show for @id: the directory's name, its username, or "Unknown (#id)". */
char *_quorum_meeting_editor_user_label              (QuorumMeetingEditor *self,
                                                      gint64               id);
/* Redoes every chip from the participant list. */
void  _quorum_meeting_editor_rebuild_chips           (QuorumMeetingEditor *self);
/* Only the free/busy marks, in place (keeps the keyboard focus). */
void  _quorum_meeting_editor_refresh_chips           (QuorumMeetingEditor *self);

G_END_DECLS
