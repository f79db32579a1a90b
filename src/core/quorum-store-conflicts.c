/* quorum-store-conflicts.c — conflicts waiting for the user, and their resolution */
#include "quorum-store-private.h"

#define CONFLICT_COLUMNS \
  "id, local_id, meeting_id, change_id, base, local, local_deleted, server," \
  " server_version, local_version, fields, resolution, created_at"

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *t = sqlite3_column_text (stmt, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

static QuorumMeeting *
column_meeting (sqlite3_stmt *stmt,
                int           i)
{
  const unsigned char *t = sqlite3_column_text (stmt, i);
  return t ? quorum_meeting_from_json_string ((const char *) t, NULL) : NULL;
}

static QuorumConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  QuorumConflict *c = quorum_conflict_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->local_id = column_dup (stmt, 1);
  c->meeting_id = sqlite3_column_int64 (stmt, 2);
  c->change_id = column_dup (stmt, 3);
  c->base = column_meeting (stmt, 4);
  c->local = column_meeting (stmt, 5);
  c->local_deleted = sqlite3_column_int (stmt, 6) != 0;
  c->server = column_meeting (stmt, 7);
  c->server_version = column_dup (stmt, 8);
  c->local_version = column_dup (stmt, 9);
  c->fields = sqlite3_column_int (stmt, 10);
  c->resolution = column_dup (stmt, 11);
  c->created_at = sqlite3_column_int64 (stmt, 12);
  if (c->local && c->local->local_id == NULL)
    c->local->local_id = g_strdup (c->local_id);
  return c;
}

gboolean
store_add_conflict (QuorumStore    *self,
                    QuorumConflict *c,
                    GError        **error)
{
  g_autofree char *base = c->base ? quorum_meeting_to_json_string (c->base, QUORUM_FIELD_ALL, TRUE) : NULL;
  g_autofree char *local = c->local ? quorum_meeting_to_json_string (c->local, QUORUM_FIELD_ALL, TRUE) : NULL;
  g_autofree char *server = c->server ? quorum_meeting_to_json_string (c->server, QUORUM_FIELD_ALL, TRUE) : NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  /* One open conflict per meeting: a fresh one replaces the stale one. */
  stmt = store_prepare (self, "DELETE FROM conflicts WHERE local_id = ? AND resolution IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  stmt = store_prepare (self,
    "INSERT INTO conflicts (local_id, meeting_id, change_id, base, local, local_deleted, server,"
    " server_version, local_version, fields, resolution, created_at)"
    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,NULL,?11)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->local_id, -1, SQLITE_STATIC);
  store_bind_id_or_null (stmt, 2, c->meeting_id);
  store_bind_text_or_null (stmt, 3, c->change_id);
  store_bind_text_or_null (stmt, 4, base);
  store_bind_text_or_null (stmt, 5, local);
  sqlite3_bind_int (stmt, 6, c->local_deleted ? 1 : 0);
  store_bind_text_or_null (stmt, 7, server);
  store_bind_text_or_null (stmt, 8, c->server_version);
  store_bind_text_or_null (stmt, 9, c->local_version);
  sqlite3_bind_int (stmt, 10, c->fields);
  sqlite3_bind_int64 (stmt, 11, c->created_at ? c->created_at : g_get_real_time ());
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  if (ok)
    c->id = sqlite3_last_insert_rowid (self->db);
  return ok;
}

GPtrArray *
quorum_store_list_conflicts (QuorumStore *self,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT " CONFLICT_COLUMNS " FROM conflicts"
                              " WHERE resolution IS NULL ORDER BY id", error);
  if (stmt)
    {
      out = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_conflict_free);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (out, conflict_from_row (stmt));
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return out;
}

QuorumConflict *
quorum_store_get_conflict (QuorumStore *self,
                           gint64       id,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  QuorumConflict *c = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE id = ?", error);
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        c = conflict_from_row (stmt);
      sqlite3_finalize (stmt);
      if (c == NULL)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND,
                     "No conflict %" G_GINT64_FORMAT, id);
    }
  STORE_UNLOCK (self);
  return c;
}

static gboolean
drop_unsent (QuorumStore *self,
             const char  *local_id,
             GError     **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "DELETE FROM outbox WHERE local_id = ? AND state IN ('queued', 'conflict', 'rejected')", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
drop_conflicted_change (QuorumStore *self,
                        const char  *local_id,
                        GError     **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "DELETE FROM outbox WHERE local_id = ? AND state = 'conflict'", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
set_resolution (QuorumStore *self,
                gint64       id,
                const char  *resolution,
                GError     **error)
{
  sqlite3_stmt *stmt = store_prepare (self, "UPDATE conflicts SET resolution = ? WHERE id = ?", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resolution, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static QuorumChange *
resolve_change (const QuorumConflict *c,
                const char           *local_id,
                const char           *resolution)
{
  QuorumChange *change = quorum_change_new (QUORUM_CHANGE_RESOLVE, local_id);

  change->entity_id = c->meeting_id;
  change->resolution = g_strdup (resolution);
  change->server_version = g_strdup (c->server_version);
  change->base_modified_at = g_strdup (c->server_version);
  change->base = c->server ? quorum_meeting_copy (c->server) : NULL;
  if (c->local)
    {
      change->data = quorum_meeting_copy (c->local);
      change->mask = c->server ? quorum_meeting_diff (c->server, c->local) : QUORUM_FIELD_ALL;
    }
  return change;
}

gboolean
quorum_store_resolve_conflict (QuorumStore *self,
                               gint64       id,
                               const char  *keep,
                               GError     **error)
{
  g_autoptr(QuorumConflict) c = NULL;
  g_autoptr(QuorumChange) change = NULL;
  const char *resolution;

  if (g_strcmp0 (keep, "local") == 0)
    resolution = "keep_local";
  else if (g_strcmp0 (keep, "server") == 0)
    resolution = "keep_server";
  else if (g_strcmp0 (keep, "both") == 0)
    resolution = "keep_both";
  else
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   "--keep must be local, server or both, not “%s”", keep ? keep : "");
      return FALSE;
    }

  if (!quorum_store_begin (self, error))
    return FALSE;
  c = quorum_store_get_conflict (self, id, error);
  if (c == NULL)
    goto fail;
  if (c->resolution != NULL)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   "Conflict %" G_GINT64_FORMAT " is already resolved (%s)", id, c->resolution);
      goto fail;
    }
  if (c->local_deleted && g_str_equal (resolution, "keep_both"))
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   "You deleted this meeting; keep either your deletion or the server's version");
      goto fail;
    }

  if (g_str_equal (resolution, "keep_server"))
    {
      /* The server's version wins at once; the resolve call only tells the
       * server's audit log, so there is nothing to send for a deletion. */
      if (!drop_unsent (self, c->local_id, error))
        goto fail;
      if (c->server)
        {
          g_autoptr(QuorumMeeting) m = quorum_meeting_copy (c->server);
          g_free (m->local_id);
          m->local_id = g_strdup (c->local_id);
          if (!store_write_meeting (self, m, NULL, FALSE, error))
            goto fail;
          change = resolve_change (c, c->local_id, resolution);
          change->mask = 0;
          if (!store_insert_change (self, change, error))
            goto fail;
        }
      else if (!store_remove_meeting (self, c->local_id, error))
        goto fail;
    }
  else if (c->local_deleted)
    {
      /* Keep my deletion: a fresh delete on the version just seen. */
      if (!drop_conflicted_change (self, c->local_id, error))
        goto fail;
      change = quorum_change_new (QUORUM_CHANGE_DELETE, c->local_id);
      change->entity_id = c->meeting_id;
      change->base_modified_at = g_strdup (c->server_version);
      change->base = c->server ? quorum_meeting_copy (c->server) : NULL;
      if (!store_insert_change (self, change, error))
        goto fail;
    }
  else if (g_str_equal (resolution, "keep_local"))
    {
      g_autoptr(QuorumMeeting) row = quorum_store_get_meeting_by_local_id (self, c->local_id);

      if (!drop_conflicted_change (self, c->local_id, error))
        goto fail;
      change = resolve_change (c, c->local_id, resolution);
      if (!store_insert_change (self, change, error))
        goto fail;
      if (row && !store_write_meeting (self, row, c->server, FALSE, error))
        goto fail;
    }
  else /* keep_both: the original becomes the server's, the copy is new */
    {
      g_autoptr(QuorumMeeting) copy = quorum_meeting_copy (c->local);
      g_autofree char *copy_id = quorum_new_local_id ();

      if (!drop_conflicted_change (self, c->local_id, error))
        goto fail;
      if (c->server)
        {
          g_autoptr(QuorumMeeting) orig = quorum_meeting_copy (c->server);
          g_free (orig->local_id);
          orig->local_id = g_strdup (c->local_id);
          if (!store_write_meeting (self, orig, NULL, FALSE, error))
            goto fail;
        }
      else if (!store_remove_meeting (self, c->local_id, error))
        goto fail;

      g_free (copy->local_id);
      copy->local_id = g_strdup (copy_id);
      copy->id = 0;
      g_clear_pointer (&copy->modified_at, g_free);
      if (!store_write_meeting (self, copy, NULL, FALSE, error))
        goto fail;
      change = resolve_change (c, copy_id, resolution);
      if (!store_insert_change (self, change, error) ||
          !store_refresh_sync_state (self, copy_id, error))
        goto fail;
    }

  if (!set_resolution (self, id, resolution, error) ||
      !store_refresh_sync_state (self, c->local_id, error))
    goto fail;
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}
