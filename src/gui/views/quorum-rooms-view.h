/* quorum-rooms-view.h — one day: rooms by hours */
#pragma once

#include <gtk/gtk.h>
#include "quorum-store.h"
#include "quorum-time-grid.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_ROOMS_VIEW (quorum_rooms_view_get_type ())
G_DECLARE_FINAL_TYPE (QuorumRoomsView, quorum_rooms_view, QUORUM, ROOMS_VIEW, GtkWidget)

/* Signals: meeting-activated (const char *local_id),
 *          new-meeting-requested (gint64 start, gint64 end, gint64 room_id). */
GtkWidget      *quorum_rooms_view_new                (QuorumStore *store);
void            quorum_rooms_view_set_date           (QuorumRoomsView *self,
                                                      gint64           us);
void            quorum_rooms_view_set_show_cancelled (QuorumRoomsView *self,
                                                      gboolean         show);
void            quorum_rooms_view_reload             (QuorumRoomsView *self);
QuorumTimeGrid *quorum_rooms_view_get_grid           (QuorumRoomsView *self);
/* When not every room fits ("Rooms 1–2 of 3"), else NULL.  The actions
 * rooms.previous and rooms.next turn the page. */
const char     *quorum_rooms_view_get_page_text      (QuorumRoomsView *self);
/* "grid", "empty" (no rooms yet) or "no-match" (none has the words of the
 * room search, shown past one page of rooms). */
const char     *quorum_rooms_view_get_stack_page     (QuorumRoomsView *self);

G_END_DECLS
