/* quorum-suggestions.h — other times and rooms for a refused meeting,
 * from the replica (quorum-schedule does the arithmetic) */
#pragma once

#include <json-glib/json-glib.h>
#include "quorum-store.h"
#include "quorum-schedule.h"

G_BEGIN_DECLS

/* Free slots of the meeting's length for its participants (and its room,
 * if it has one) in working hours of the coming week: QuorumSlot array. */
GArray    *quorum_suggest_times (QuorumStore         *store,
                                 const QuorumMeeting *meeting,
                                 guint                max_results);
/* Active rooms free for the whole meeting and big enough for its
 * participants, smallest first: JsonObject* array (owned). */
GPtrArray *quorum_suggest_rooms (QuorumStore         *store,
                                 const QuorumMeeting *meeting);

G_END_DECLS
