/* quorum-suggest.h — free slots from what the replica knows
 *
 * Feeds QuorumSchedule from the replica (meetings of the participants and
 * the rooms) and the cached free/busy answers, so suggestions work
 * offline.  Used by `quorum-cli suggest` and the GUI's dialogs alike.
 */
#pragma once

#include "quorum-store.h"
#include "quorum-schedule.h"

G_BEGIN_DECLS

typedef struct {
  gint64        from;
  gint64        to;
  gint64        duration;          /* µs */
  const gint64 *participants;
  guint         n_participants;
  gint64        room_id;           /* 0: any fitting room */
  guint         capacity;          /* 0: none asked */
  gint64        ignore_meeting_id; /* the meeting being moved, 0 none */
  GTimeZone    *tz;                /* NULL: local */
  guint         max_results;       /* 0: the schedule's default */
} QuorumSuggestQuery;

/* QuorumSlot array, best first. */
GArray *quorum_suggest_slots (QuorumStore               *store,
                              const QuorumSuggestQuery  *query,
                              GError                   **error);

/* The cache key of a free/busy query (ids sorted), shared by whoever
 * stores and looks up answers. */
char   *quorum_suggest_freebusy_key (const gint64 *users,
                                     guint         n_users,
                                     const gint64 *rooms,
                                     guint         n_rooms,
                                     gint64        from,
                                     gint64        to);

G_END_DECLS
