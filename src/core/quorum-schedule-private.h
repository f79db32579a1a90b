/* quorum-schedule-private.h — shared by the files of QuorumSchedule */
#pragma once

#include "quorum-schedule.h"

G_BEGIN_DECLS

typedef struct {
  gint64 start;
  gint64 end;
  gint64 meeting_id;
} QuorumBusyInterval;

typedef struct {
  gint64   id;
  GArray  *busy;        /* QuorumBusyInterval, as added */
  GArray  *known;       /* QuorumInterval, normalized when !known_dirty */
  gboolean known_dirty;
} QuorumSchedulePerson;

typedef struct {
  gint64  id;
  guint   capacity;
  GArray *busy;         /* QuorumBusyInterval, as added */
} QuorumScheduleRoom;

struct _QuorumSchedule {
  gint64              from;
  gint64              to;
  gint64              duration;
  gint64              step;
  GTimeZone          *tz;
  guint               work_start;
  guint               work_end;
  guint               work_days;
  guint               max_results;
  QuorumScheduleRank  rank;
  gint64              ignore_meeting_id;
  gint64              required_room_id;
  guint               min_capacity;

  GPtrArray          *people;      /* QuorumSchedulePerson*, in the order added */
  GHashTable         *people_by_id;
  GPtrArray          *rooms;       /* QuorumScheduleRoom* */
  GHashTable         *rooms_by_id;
};

void       quorum_schedule_append_busy   (const QuorumSchedule *self,
                                          GArray               *into,
                                          const GArray         *busy);
gboolean   quorum_schedule_busy_overlaps (const QuorumSchedule *self,
                                          const GArray         *busy,
                                          gint64                start,
                                          gint64                end);
gboolean   quorum_schedule_person_known  (QuorumSchedulePerson *p,
                                          gint64  start,
                                          gint64  end);
GPtrArray *quorum_schedule_rooms_by_size (QuorumSchedule *self,
                                          guint           min_capacity,
                                          gint64          only_id);

G_END_DECLS
