/* quorum-availability.h — what the editor says about the room and the
 * people at the chosen time, decided without a display
 *
 * Pure: the answer of POST /api/v1/meetings/check/ (or the reason it could
 * not be had) becomes the line under the room and the mark on each
 * participant's chip.  The replica's answer, used offline, is worded here
 * too so both read alike.  Everything the server sends is plain text in the
 * result: callers put it in labels with gtk_label_set_text, never markup.
 */
#pragma once

#include <glib.h>
#include "quorum-error-model.h"
#include "quorum-format.h"

G_BEGIN_DECLS

typedef struct {
  /* The server could not be asked or did not answer the question
   * (network, 5xx, not signed in, rate limited, 403/404...): the caller
   * asks the replica instead. */
  gboolean          fallback;
  /* 400: the draft itself was refused, so nothing was checked. */
  gboolean          invalid;
  char             *invalid_text;
  /* The room: booked by @room_meeting when TRUE. */
  gboolean          room_booked;
  QuorumMeetingRef  room_meeting;
  /* The server said who is free (ok, or participant_unavailable).  After
   * a meeting_conflict it did not look at the people: the server stops at
   * the first failing rule, so a second check without the room tells. */
  gboolean          people_known;
  GPtrArray        *busy;          /* QuorumUnavailablePerson* */
} QuorumAvailability;

/* From the outcome of quorum_api_check_finish(): @error NULL means
 * {"ok": true}.  Never NULL. */
QuorumAvailability *quorum_availability_new_from_check (const GError *error,
                                                        GTimeZone    *tz);
/* Adds the outcome of the follow-up check (the same draft without a room)
 * made after a meeting_conflict.  Anything but ok or participant_unavailable
 * leaves the people unknown. */
void        quorum_availability_add_people_check (QuorumAvailability *self,
                                                  const GError       *error,
                                                  GTimeZone          *tz);
/* A meeting_conflict told nothing about the people yet. */
gboolean    quorum_availability_needs_people_check (const QuorumAvailability *self);
/* Something collides (room or people) or the draft was refused. */
gboolean    quorum_availability_is_problem   (const QuorumAvailability *self);
/* The line under the room; NULL when there is nothing to say (no room and
 * no participants).  @user_name names people whose name the server left
 * empty (may be NULL). */
char       *quorum_availability_text         (const QuorumAvailability *self,
                                              gboolean                  has_room,
                                              guint                     n_participants,
                                              QuorumNameFunc            user_name,
                                              gpointer                  user_data);
/* "free" or "busy" from the server's answer; @replica_state (the
 * replica's own mark) when the server said nothing about the people. */
const char *quorum_availability_chip_state   (const QuorumAvailability *self,
                                              gint64                    user_id,
                                              const char               *replica_state);
void        quorum_availability_free         (QuorumAvailability *self);

/* The replica's answer about the room: @title/@when of the meeting holding
 * it, or NULL when free; @as_of the clock of the last sync, or NULL when
 * it never ran. */
char       *quorum_availability_replica_text (const char *title,
                                              const char *when,
                                              const char *as_of);
/* Shown while a check runs. */
const char *quorum_availability_checking_text (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumAvailability, quorum_availability_free)

G_END_DECLS
