/* quorum-schedule.h — free slots from busy intervals, rooms by capacity
 *
 * A pure unit: no I/O.  The caller (the `suggest` command, the editor's
 * "find a time" and "pick another room" dialogs, the participant chips)
 * loads busy intervals from the replica and the free/busy cache into a
 * QuorumSchedule, then asks it questions.  All times are µs since the
 * Unix epoch, intervals are half-open [start, end).  The exact rules are
 * in docs/merge-and-scheduling.md.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "quorum-meeting.h"

G_BEGIN_DECLS

#define QUORUM_SCHEDULE_ERROR (quorum_schedule_error_quark ())

typedef enum {
  QUORUM_SCHEDULE_ERROR_MALFORMED = 1,   /* a free/busy answer of the wrong shape */
} QuorumScheduleError;

GQuark quorum_schedule_error_quark (void);

#define QUORUM_SCHEDULE_DEFAULT_STEP       (15 * G_TIME_SPAN_MINUTE)
#define QUORUM_SCHEDULE_DEFAULT_WORK_START (9 * 60)     /* minutes after local midnight */
#define QUORUM_SCHEDULE_DEFAULT_WORK_END   (18 * 60)
/* Bit (1 << (d - 1)) for ISO weekday d, Monday = 1 … Sunday = 7. */
#define QUORUM_SCHEDULE_MONDAY_TO_FRIDAY   0x1f
#define QUORUM_SCHEDULE_EVERY_DAY          0x7f

typedef enum {
  QUORUM_AVAILABILITY_FREE = 1,
  QUORUM_AVAILABILITY_BUSY,
  QUORUM_AVAILABILITY_UNKNOWN,     /* nothing cached and no meetings: can't tell */
} QuorumAvailability;

typedef enum {
  /* The order: start time; among equal starts, fewer unknown people. */
  QUORUM_SCHEDULE_RANK_EARLIEST_FIRST = 1,
  /* Fewer unknown people first, then start time. */
  QUORUM_SCHEDULE_RANK_FEWEST_UNKNOWN_FIRST,
} QuorumScheduleRank;

typedef struct {
  gint64 start;
  gint64 end;
} QuorumInterval;

typedef struct {
  gint64 start;
  gint64 end;
  gint64 room_id;      /* 0: no room asked for, or none of the rooms fits */
  guint  n_unknown;    /* participants whose availability then is unknown */
} QuorumSlot;

typedef struct {
  gint64             id;
  QuorumAvailability availability;
} QuorumPersonAvailability;

typedef struct _QuorumSchedule QuorumSchedule;

/* A search of [from, to) for meetings of @duration, with the defaults:
 * working hours 09:00–18:00 Monday–Friday in the local time zone, a
 * 15-minute step, no room needed, no limit on the number of results. */
QuorumSchedule *quorum_schedule_new               (gint64 from,
                                                   gint64 to,
                                                   gint64 duration);
void            quorum_schedule_free              (QuorumSchedule *self);

void            quorum_schedule_set_time_zone     (QuorumSchedule *self,
                                                   GTimeZone      *tz);
/* Minutes after local midnight, 0 ≤ @start_minute < @end_minute ≤ 1440;
 * @days is a mask of QUORUM_SCHEDULE_* weekday bits. */
void            quorum_schedule_set_working_hours (QuorumSchedule *self,
                                                   guint           start_minute,
                                                   guint           end_minute,
                                                   guint           days);
/* Whole minutes, at least one; slots start on multiples of it counted
 * from local midnight. */
void            quorum_schedule_set_step          (QuorumSchedule *self,
                                                   gint64          step);
/* 0 = no limit. */
void            quorum_schedule_set_max_results   (QuorumSchedule *self,
                                                   guint           max_results);
void            quorum_schedule_set_rank          (QuorumSchedule    *self,
                                                   QuorumScheduleRank rank);
/* The meeting being edited: its own busy intervals block nobody. */
void            quorum_schedule_set_ignore_meeting (QuorumSchedule *self,
                                                    gint64          meeting_id);

/* Participants.  A person is unknown except where a known range covers
 * the time, or everywhere once they have any busy interval (a meeting in
 * the replica or a cached free/busy entry means we know their calendar). */
void            quorum_schedule_add_person        (QuorumSchedule *self,
                                                   gint64          person_id);
void            quorum_schedule_add_person_known  (QuorumSchedule *self,
                                                   gint64          person_id,
                                                   gint64          start,
                                                   gint64          end);
/* @meeting_id may be 0 (busy time from an external calendar). */
void            quorum_schedule_add_person_busy   (QuorumSchedule *self,
                                                   gint64          person_id,
                                                   gint64          start,
                                                   gint64          end,
                                                   gint64          meeting_id);

/* Rooms. */
void            quorum_schedule_add_room          (QuorumSchedule *self,
                                                   gint64          room_id,
                                                   guint           capacity);
void            quorum_schedule_add_room_busy     (QuorumSchedule *self,
                                                   gint64          room_id,
                                                   gint64          start,
                                                   gint64          end,
                                                   gint64          meeting_id);
/* Slots then need this room free (0: no particular room). */
void            quorum_schedule_require_room      (QuorumSchedule *self,
                                                   gint64          room_id);
/* Slots then need a free room of at least this capacity (0: none). */
void            quorum_schedule_set_min_capacity  (QuorumSchedule *self,
                                                   guint           capacity);

/* Inputs from the replica and the free/busy cache.  Both add busy time
 * only for people and rooms already added, so the search's participants
 * and candidate rooms are exactly what the caller named. */

/* The meeting's time as busy for each added participant and its room;
 * a cancelled meeting blocks nothing (server-api.md §4). */
void            quorum_schedule_add_meeting       (QuorumSchedule      *self,
                                                   const QuorumMeeting *meeting);
/* A GET /api/v1/freebusy/ answer (server-api.md §6): every busy entry,
 * and each listed user counts as known over the answer's [start, end).
 * On a malformed answer nothing is added. */
gboolean        quorum_schedule_add_freebusy_json (QuorumSchedule *self,
                                                   JsonObject     *answer,
                                                   GError        **error);

/* The free slots, best first: an array of QuorumSlot. */
GArray         *quorum_schedule_find_slots        (QuorumSchedule *self);

/* Rooms free for all of [start, end) with at least @min_capacity seats,
 * smallest first (then by id): an array of gint64 room ids. */
GArray         *quorum_schedule_free_rooms        (QuorumSchedule *self,
                                                   gint64          start,
                                                   gint64          end,
                                                   guint           min_capacity);
/* Busy if any busy interval overlaps [start, end), else free where the
 * person is known, else unknown (also for a person never added). */
QuorumAvailability quorum_schedule_person_availability (QuorumSchedule *self,
                                                        gint64          person_id,
                                                        gint64          start,
                                                        gint64          end);
/* Every added person, by id: an array of QuorumPersonAvailability. */
GArray         *quorum_schedule_availability      (QuorumSchedule *self,
                                                   gint64          start,
                                                   gint64          end);

/* Sorts @intervals (of QuorumInterval) and merges those that overlap or
 * touch, dropping empty ones, in place: O(n log n). */
void            quorum_intervals_normalize        (GArray *intervals);
/* Whether sorted, merged @intervals overlap [start, end): O(log n). */
gboolean        quorum_intervals_overlap          (const GArray *intervals,
                                                   gint64        start,
                                                   gint64        end);
/* Whether sorted, merged @intervals cover all of [start, end). */
gboolean        quorum_intervals_cover            (const GArray *intervals,
                                                   gint64        start,
                                                   gint64        end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumSchedule, quorum_schedule_free)

G_END_DECLS
