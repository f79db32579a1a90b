/* bench-fill.h — the large replica the benchmarks share
 *
 * About 800 meetings on every weekday from Monday 2024-01-01 (09:00–18:00
 * Istanbul time, quarter hours), 2–8 of 10,000 people each, 1,000 rooms.
 * bench-replica measures the store over it, bench-agenda the window. */
#pragma once

#include "quorum-store.h"
#include "quorum-meeting.h"

G_BEGIN_DECLS

#define BENCH_DAY_US   (24 * G_TIME_SPAN_HOUR)
#define BENCH_WEEK_US  (7 * BENCH_DAY_US)
#define BENCH_BASE_US  (G_GINT64_CONSTANT (1704067200) * G_USEC_PER_SEC) /* Monday 2024-01-01 00:00 UTC */
#define BENCH_PER_DAY  800
#define BENCH_N_USERS  10000
#define BENCH_N_ROOMS  1000

/* Midnight UTC of weekday @k (week k / 5, Monday + k % 5). */
gint64         bench_fill_day_start   (guint k);
/* A meeting on weekday @day, not yet in the store. */
QuorumMeeting *bench_fill_meeting     (GRand       *rand,
                                       guint        day);
/* The directory and @n meetings, in one transaction; prints the time. */
void           bench_fill_replica     (QuorumStore *store,
                                       guint        n);
/* Opens the replica in @dir, filling it when empty; exits when it holds
 * fewer than @n meetings (a folder left by a smaller run). */
QuorumStore   *bench_fill_open        (const char  *dir,
                                       guint        n);

G_END_DECLS
