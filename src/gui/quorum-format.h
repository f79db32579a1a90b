/* quorum-format.h — how times and meeting fields read to people
 *
 * Pure, shared by views, the editor and the dialogs.
 */
#pragma once

#include <glib.h>
#include "quorum-meeting.h"

G_BEGIN_DECLS

/* Looks up a room or user name by id; returns NULL when unknown. */
typedef char *(*QuorumNameFunc) (gint64   id,
                                 gpointer user_data);

char       *quorum_format_clock      (gint64 us, GTimeZone *tz);            /* "14:05" */
char       *quorum_format_day        (gint64 us, GTimeZone *tz);            /* "Sat 1 Feb 2025" */
char       *quorum_format_range      (gint64 start, gint64 end, GTimeZone *tz);
const char *quorum_format_field_label (QuorumMeetingField field);
const char *quorum_format_status     (const char *status);
const char *quorum_format_type       (const char *type);
const char *quorum_format_priority   (const char *priority);
/* The value of one field for a side-by-side comparison. */
char       *quorum_format_field_value (const QuorumMeeting *meeting,
                                       QuorumMeetingField   field,
                                       GTimeZone           *tz,
                                       QuorumNameFunc       room_name,
                                       QuorumNameFunc       user_name,
                                       gpointer             user_data);

G_END_DECLS

G_BEGIN_DECLS
/* The mark a meeting's replica state gets in every view: an icon name and
 * its accessible label, or FALSE for a synced meeting (no mark). */
gboolean    quorum_format_sync_mark  (const char  *sync_state,
                                      const char **out_icon,
                                      const char **out_label);
G_END_DECLS
