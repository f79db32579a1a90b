/* quorum-store-private.h — shared by the files that implement QuorumStore */
#pragma once

#include <sqlite3.h>
#include "quorum-store.h"

G_BEGIN_DECLS

struct _QuorumStore {
  GObject    parent_instance;
  char      *data_dir;
  char      *path;
  sqlite3   *db;
  GRecMutex  lock;
  char      *client_id;
  int        schema_version;
  gint64     generation;   /* of the current (or last) full pull */
  GHashTable *stmts;       /* SQL text → prepared statement, see store_cached */
};

#define STORE_LOCK(self)   g_rec_mutex_lock (&(self)->lock)
#define STORE_UNLOCK(self) g_rec_mutex_unlock (&(self)->lock)

/* Columns read by store_meeting_from_row, in order. */
#define STORE_MEETING_COLUMNS \
  "local_id, id, title, description, agenda, start_time, end_time, status, " \
  "meeting_type, priority, room_id, external_location, organizer_id, " \
  "participant_ids, modified_at, sync_state, base, deleted"

/* The contract caps a meeting at 24 hours, so every meeting overlapping
 * [from, to) starts in [from - 24h, to): a range on the start_time index
 * instead of a scan (docs/schema.md shows the plan).  ?1 = from - 24h,
 * ?2 = to, ?3 = from. */
#define OVERLAP_WHERE \
  " start_time >= ?1 AND start_time < ?2 AND end_time > ?3 "
#define STORE_LIST_SQL \
  "SELECT " STORE_MEETING_COLUMNS " FROM meetings WHERE" OVERLAP_WHERE \
  " AND deleted = 0 ORDER BY start_time, end_time, local_id"

/* EXPLAIN QUERY PLAN of @sql, one line per step (tests and benchmarks). */
char          *store_explain           (QuorumStore *self, const char *sql);
/* The SQL of migration @n (0-based), for the migration tests. */
const char    *store_migration_sql     (int n);

gboolean       store_set_sql_error     (QuorumStore *self, GError **error, const char *what);
sqlite3_stmt  *store_prepare           (QuorumStore *self, const char *sql, GError **error);
/* A statement prepared once per store and kept: for the hot paths (a
 * pull applies several statements per meeting, and parsing SQL cost more
 * than running it).  The caller holds the lock, never finalizes it, and
 * hands it back with store_release before unlocking. */
sqlite3_stmt  *store_cached            (QuorumStore *self, const char *sql, GError **error);
void           store_release           (sqlite3_stmt *stmt);
gboolean       store_step_done         (QuorumStore *self, sqlite3_stmt *stmt, GError **error);
void           store_bind_text_or_null (sqlite3_stmt *stmt, int i, const char *text);
void           store_bind_id_or_null   (sqlite3_stmt *stmt, int i, gint64 id);

QuorumMeeting *store_meeting_from_row  (sqlite3_stmt *stmt);
char          *store_participants_to_text (GArray *ids);
void           store_participants_from_text (QuorumMeeting *m, const char *text);
/* Row holding the local_id: the server's base copy, NULL if none. */
QuorumMeeting *store_load_base         (QuorumStore *self, const char *local_id);
gboolean       store_write_meeting     (QuorumStore *self, const QuorumMeeting *m,
                                        const QuorumMeeting *base, gboolean deleted,
                                        GError **error);
gboolean       store_remove_meeting    (QuorumStore *self, const char *local_id, GError **error);
gboolean       store_refresh_sync_state (QuorumStore *self, const char *local_id, GError **error);
char          *store_resolve_local_id  (QuorumStore *self, const char *id_or_local_id);

/* Outbox */
QuorumChange  *store_change_from_row   (sqlite3_stmt *stmt);
QuorumChange  *store_latest_change     (QuorumStore *self, const char *local_id);
gboolean       store_insert_change     (QuorumStore *self, QuorumChange *change, GError **error);
gboolean       store_update_change     (QuorumStore *self, const QuorumChange *change, GError **error);
gboolean       store_delete_change     (QuorumStore *self, gint64 seq, GError **error);
/* Coalesces @next with the meeting's latest change and persists the
 * result; *out_dropped tells a create+delete that removed everything. */
gboolean       store_queue_change      (QuorumStore *self, QuorumChange *next,
                                        gboolean *out_dropped, GError **error);

/* Conflicts */
gboolean       store_add_conflict      (QuorumStore *self, QuorumConflict *c, GError **error);

G_END_DECLS
