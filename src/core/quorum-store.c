/* quorum-store.c — the replica file: opening, schema migrations, state */
#include "config.h"
#include "quorum-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

G_DEFINE_QUARK (quorum-store-error-quark, quorum_store_error)
G_DEFINE_FINAL_TYPE (QuorumStore, quorum_store, G_TYPE_OBJECT)

/* Numbered migrations: entry N takes a file from user_version N to N+1.
 * Never edit a released entry; append a new one. */
static const char * const migrations[] = {
  /* 0 → 1: the replica, the outbox, sync state */
  "CREATE TABLE meetings ("
  "  local_id TEXT PRIMARY KEY NOT NULL,"
  "  id INTEGER UNIQUE,"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  agenda TEXT NOT NULL DEFAULT '',"
  "  start_time INTEGER NOT NULL,"
  "  end_time INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  meeting_type TEXT NOT NULL,"
  "  priority TEXT NOT NULL,"
  "  room_id INTEGER,"
  "  external_location TEXT NOT NULL DEFAULT '',"
  "  organizer_id INTEGER,"
  "  participant_ids TEXT NOT NULL DEFAULT '[]',"
  "  modified_at TEXT,"
  "  base TEXT,"
  "  sync_state TEXT NOT NULL DEFAULT 'synced',"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX meetings_start ON meetings (start_time);"
  "CREATE TABLE rooms ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  capacity INTEGER,"
  "  is_active INTEGER NOT NULL DEFAULT 1,"
  "  modified_at TEXT,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL DEFAULT '',"
  "  name TEXT NOT NULL DEFAULT '',"
  "  is_active INTEGER NOT NULL DEFAULT 1,"
  "  modified_at TEXT,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  change_id TEXT NOT NULL UNIQUE,"
  "  action TEXT NOT NULL,"
  "  local_id TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  data TEXT,"
  "  mask INTEGER NOT NULL DEFAULT 0,"
  "  base_modified_at TEXT,"
  "  base TEXT,"
  "  state TEXT NOT NULL DEFAULT 'queued',"
  "  ignore_unavailable INTEGER NOT NULL DEFAULT 0,"
  "  resolution TEXT,"
  "  server_version TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT);",

  /* 1 → 2: conflicts, the free/busy cache, indexed participants and rooms */
  "CREATE TABLE conflicts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  local_id TEXT NOT NULL,"
  "  meeting_id INTEGER,"
  "  change_id TEXT,"
  "  base TEXT,"
  "  local TEXT,"
  "  local_deleted INTEGER NOT NULL DEFAULT 0,"
  "  server TEXT,"
  "  server_version TEXT,"
  "  local_version TEXT,"
  "  fields INTEGER NOT NULL DEFAULT 0,"
  "  resolution TEXT,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX conflicts_local ON conflicts (local_id);"
  "CREATE TABLE freebusy_cache ("
  "  query_key TEXT PRIMARY KEY NOT NULL,"
  "  answer TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL);"
  "CREATE TABLE meeting_participants ("
  "  user_id INTEGER NOT NULL,"
  "  local_id TEXT NOT NULL,"
  "  PRIMARY KEY (user_id, local_id)) WITHOUT ROWID;"
  "CREATE INDEX meeting_participants_local ON meeting_participants (local_id);"
  "INSERT OR IGNORE INTO meeting_participants (user_id, local_id)"
  "  SELECT j.value, m.local_id FROM meetings m, json_each (m.participant_ids) j;"
  "CREATE INDEX meetings_room_start ON meetings (room_id, start_time);"
  "CREATE INDEX outbox_local ON outbox (local_id, seq);",

  /* 2 → 3: generations, so a full pull after 410 can replace the replica
   * without ever showing it half empty */
  "ALTER TABLE meetings ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE rooms ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE users ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == QUORUM_STORE_SCHEMA_VERSION);

const char *
store_migration_sql (int n)
{
  g_return_val_if_fail (n >= 0 && n < QUORUM_STORE_SCHEMA_VERSION, NULL);
  return migrations[n];
}

static void
quorum_store_finalize (GObject *object)
{
  QuorumStore *self = (QuorumStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (quorum_store_parent_class)->finalize (object);
}

static void
quorum_store_class_init (QuorumStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_store_finalize;
}

static void
quorum_store_init (QuorumStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sqlite3_finalize);
}

/* Helpers shared with the other store files */

gboolean
store_set_sql_error (QuorumStore *self,
                     GError     **error,
                     const char  *what)
{
  g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_SQL,
               "%s: %s", what, self->db ? sqlite3_errmsg (self->db) : "no database");
  return FALSE;
}

sqlite3_stmt *
store_prepare (QuorumStore *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      store_set_sql_error (self, error, "prepare");
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
store_cached (QuorumStore *self,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    return stmt;
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      store_set_sql_error (self, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

/* Reset ends a read the statement may still hold open; clearing drops
 * SQLITE_STATIC bindings that point into the caller's memory. */
void
store_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
store_step_done (QuorumStore  *self,
                 sqlite3_stmt *stmt,
                 GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return store_set_sql_error (self, error, "step");
  return TRUE;
}

void
store_bind_text_or_null (sqlite3_stmt *stmt,
                         int           i,
                         const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

void
store_bind_id_or_null (sqlite3_stmt *stmt,
                       int           i,
                       gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, i, id);
  else
    sqlite3_bind_null (stmt, i);
}

gboolean
quorum_store_exec (QuorumStore *self,
                   const char  *sql,
                   GError     **error)
{
  char *msg = NULL;
  gboolean ok;

  STORE_LOCK (self);
  ok = sqlite3_exec (self->db, sql, NULL, NULL, &msg) == SQLITE_OK;
  if (!ok)
    g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_SQL, "%s", msg ? msg : "exec failed");
  sqlite3_free (msg);
  STORE_UNLOCK (self);
  return ok;
}

/* A transaction holds the lock until it ends, so other threads sharing
 * this store cannot interleave statements inside it. */
gboolean
quorum_store_begin (QuorumStore *self,
                    GError     **error)
{
  STORE_LOCK (self);
  if (!quorum_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      STORE_UNLOCK (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
quorum_store_commit (QuorumStore *self,
                     GError     **error)
{
  gboolean ok = quorum_store_exec (self, "COMMIT", error);

  if (!ok)
    quorum_store_exec (self, "ROLLBACK", NULL);
  STORE_UNLOCK (self);
  return ok;
}

void
quorum_store_rollback (QuorumStore *self)
{
  quorum_store_exec (self, "ROLLBACK", NULL);
  STORE_UNLOCK (self);
}

static int
get_user_version (QuorumStore *self)
{
  sqlite3_stmt *stmt = store_prepare (self, "PRAGMA user_version", NULL);
  int v = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static gboolean
migrate (QuorumStore *self,
         GError     **error)
{
  int version = get_user_version (self);

  if (version < 0)
    return store_set_sql_error (self, error, "read schema version");
  if (version > QUORUM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_TOO_NEW,
                   "The replica %s has schema version %d; this Quorum knows up to %d",
                   self->path, version, QUORUM_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < QUORUM_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      g_debug ("store: migrating %s from schema %d", self->path, version);
      if (!quorum_store_begin (self, error))
        return FALSE;
      if (!quorum_store_exec (self, migrations[version], error) ||
          !quorum_store_exec (self, bump, error))
        {
          quorum_store_rollback (self);
          return FALSE;
        }
      if (!quorum_store_commit (self, error))
        return FALSE;
    }
  self->schema_version = version;
  return TRUE;
}

char *
quorum_store_default_data_dir (void)
{
  const char *env = g_getenv ("QUORUM_DATA_DIR");

  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "quorum", NULL);
}

QuorumStore *
quorum_store_open (const char *data_dir,
                   GError    **error)
{
  g_autoptr(QuorumStore) self = g_object_new (QUORUM_TYPE_STORE, NULL);
  g_autofree char *client_id = NULL;
  int fd;

  self->data_dir = data_dir ? g_strdup (data_dir) : quorum_store_default_data_dir ();
  self->path = g_build_filename (self->data_dir, "replica.db", NULL);

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_OPEN,
                   "Cannot create %s: %s", self->data_dir, g_strerror (saved));
      return NULL;
    }
  g_chmod (self->data_dir, 0700);

  /* Create the file ourselves so it is never world-readable, not even
   * for the instant before a chmod. */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_OPEN,
                   "Cannot open %s: %s", self->path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  g_chmod (self->path, 0600);

  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_OPEN,
                   "Cannot open %s: %s", self->path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);

  /* WAL + synchronous=FULL: a committed edit survives kill -9 and power
   * loss; readers in another process never block the writer. */
  if (!quorum_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !quorum_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !quorum_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error))
    return NULL;

  client_id = quorum_store_get_state (self, "client_id");
  if (client_id == NULL)
    {
      client_id = g_uuid_string_random ();
      /* INSERT OR IGNORE: two processes racing to create it agree. */
      if (!quorum_store_exec (self, "SELECT 1", error))
        return NULL;
      {
        sqlite3_stmt *stmt = store_prepare (self,
          "INSERT OR IGNORE INTO sync_state (key, value) VALUES ('client_id', ?)", error);
        if (stmt == NULL)
          return NULL;
        sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
        sqlite3_step (stmt);
        sqlite3_finalize (stmt);
      }
      g_free (client_id);
      client_id = quorum_store_get_state (self, "client_id");
    }
  self->client_id = g_steal_pointer (&client_id);
  {
    g_autofree char *gen = quorum_store_get_state (self, "generation");
    self->generation = gen ? g_ascii_strtoll (gen, NULL, 10) : 0;
  }

  return g_steal_pointer (&self);
}

const char *
quorum_store_get_data_dir (QuorumStore *self)
{
  return self->data_dir;
}

const char *
quorum_store_get_path (QuorumStore *self)
{
  return self->path;
}

int
quorum_store_get_schema_version (QuorumStore *self)
{
  return self->schema_version;
}

const char *
quorum_store_get_client_id (QuorumStore *self)
{
  return self->client_id;
}

char *
quorum_store_get_state (QuorumStore *self,
                        const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT value FROM sync_state WHERE key = ?", NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return value;
}

gint64
quorum_store_get_user_id (QuorumStore *self)
{
  g_autofree char *v = quorum_store_get_state (self, "user_id");

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

gboolean
quorum_store_set_state (QuorumStore *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  STORE_LOCK (self);
  if (value)
    stmt = store_prepare (self, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", error);
  else
    stmt = store_prepare (self, "DELETE FROM sync_state WHERE key = ?", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (value)
        sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      ok = store_step_done (self, stmt, error);
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return ok;
}

char *
quorum_store_integrity_check (QuorumStore *self)
{
  sqlite3_stmt *stmt;
  GString *out = g_string_new (NULL);

  STORE_LOCK (self);
  stmt = store_prepare (self, "PRAGMA integrity_check", NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  STORE_UNLOCK (self);
  return g_string_free (out, FALSE);
}
