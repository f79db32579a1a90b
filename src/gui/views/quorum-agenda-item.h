/* quorum-agenda-item.h — one row of the agenda: a day heading or a meeting
 *
 * GTK 4.8 has no list sections, so day headings are rows of the model.
 * Grouping is a pure function over meetings sorted by start time.
 */
#pragma once

#include <glib-object.h>
#include "quorum-meeting.h"

G_BEGIN_DECLS

typedef enum {
  QUORUM_AGENDA_ITEM_DAY = 1,
  QUORUM_AGENDA_ITEM_MEETING,
} QuorumAgendaItemKind;

#define QUORUM_TYPE_AGENDA_ITEM (quorum_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (QuorumAgendaItem, quorum_agenda_item, QUORUM, AGENDA_ITEM, GObject)

QuorumAgendaItem     *quorum_agenda_item_new_day     (gint64 day_start);
/* Takes ownership of @meeting. */
QuorumAgendaItem     *quorum_agenda_item_new_meeting (gint64         day_start,
                                                      QuorumMeeting *meeting);
QuorumAgendaItemKind  quorum_agenda_item_get_kind    (QuorumAgendaItem *self);
gint64                quorum_agenda_item_get_day     (QuorumAgendaItem *self);
const QuorumMeeting  *quorum_agenda_item_get_meeting (QuorumAgendaItem *self);

/* Appends to @items (of QuorumAgendaItem*) a day heading whenever the local
 * day of the next shown meeting differs from *@last_day (updated; start it
 * at G_MININT64), then the meeting.  Cancelled meetings are skipped unless
 * @show_cancelled; a meeting is listed under the day it starts. */
void quorum_agenda_group (GPtrArray  *items,
                          gint64     *last_day,
                          GPtrArray  *meetings,
                          gboolean    show_cancelled,
                          GTimeZone  *tz);

/* Search results (newest first from the replica, so the latest matches
 * survive its limit) put in reading order: the days newest first, each
 * day's meetings by start time as in the agenda. */
void quorum_agenda_sort_search_results (GPtrArray *meetings,
                                        GTimeZone *tz);

G_END_DECLS
