/* quorum-store-outbox.c — the outbox and the conflicts in the replica */
#include "quorum-store-private.h"

#define CHANGE_COLUMNS \
  "seq, change_id, action, local_id, entity_id, data, mask, base_modified_at, base," \
  " state, ignore_unavailable, resolution, server_version, attempts, error, created_at"

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

QuorumChange *
store_change_from_row (sqlite3_stmt *stmt)
{
  QuorumChange *c = g_new0 (QuorumChange, 1);
  const unsigned char *data;

  c->seq = sqlite3_column_int64 (stmt, 0);
  c->change_id = column_dup (stmt, 1);
  c->action = quorum_change_action_from_string ((const char *) sqlite3_column_text (stmt, 2));
  c->local_id = column_dup (stmt, 3);
  c->entity_id = sqlite3_column_int64 (stmt, 4);
  c->mask = sqlite3_column_int (stmt, 6);
  data = sqlite3_column_text (stmt, 5);
  if (data)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) data, NULL);
      c->data = quorum_meeting_new ();
      if (node && JSON_NODE_HOLDS_OBJECT (node))
        quorum_meeting_update_from_json (c->data, json_node_get_object (node), NULL, NULL);
    }
  c->base_modified_at = column_dup (stmt, 7);
  c->base = column_meeting (stmt, 8);
  c->state = quorum_change_state_from_string ((const char *) sqlite3_column_text (stmt, 9));
  c->ignore_unavailable = sqlite3_column_int (stmt, 10) != 0;
  c->resolution = column_dup (stmt, 11);
  c->server_version = column_dup (stmt, 12);
  c->attempts = sqlite3_column_int (stmt, 13);
  c->error = column_dup (stmt, 14);
  c->created_at = sqlite3_column_int64 (stmt, 15);
  return c;
}

static void
bind_change (sqlite3_stmt       *stmt,
             const QuorumChange *c,
             char              **data_json,
             char              **base_json)
{
  *data_json = c->data ? quorum_meeting_to_json_string (c->data, c->mask, FALSE) : NULL;
  *base_json = c->base ? quorum_meeting_to_json_string (c->base, QUORUM_FIELD_ALL, TRUE) : NULL;

  sqlite3_bind_text (stmt, 1, c->change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, quorum_change_action_to_string (c->action), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->local_id, -1, SQLITE_STATIC);
  store_bind_id_or_null (stmt, 4, c->entity_id);
  store_bind_text_or_null (stmt, 5, *data_json);
  sqlite3_bind_int (stmt, 6, c->mask);
  store_bind_text_or_null (stmt, 7, c->base_modified_at);
  store_bind_text_or_null (stmt, 8, *base_json);
  sqlite3_bind_text (stmt, 9, quorum_change_state_to_string (c->state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, c->ignore_unavailable ? 1 : 0);
  store_bind_text_or_null (stmt, 11, c->resolution);
  store_bind_text_or_null (stmt, 12, c->server_version);
  sqlite3_bind_int (stmt, 13, c->attempts);
  store_bind_text_or_null (stmt, 14, c->error);
  sqlite3_bind_int64 (stmt, 15, c->created_at);
}

gboolean
store_insert_change (QuorumStore  *self,
                     QuorumChange *change,
                     GError      **error)
{
  g_autofree char *data_json = NULL;
  g_autofree char *base_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = store_prepare (self,
    "INSERT INTO outbox (change_id, action, local_id, entity_id, data, mask, base_modified_at,"
    " base, state, ignore_unavailable, resolution, server_version, attempts, error, created_at)"
    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)", error);
  if (stmt == NULL)
    return FALSE;
  bind_change (stmt, change, &data_json, &base_json);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  if (ok)
    change->seq = sqlite3_last_insert_rowid (self->db);
  return ok;
}

gboolean
store_update_change (QuorumStore        *self,
                     const QuorumChange *change,
                     GError            **error)
{
  g_autofree char *data_json = NULL;
  g_autofree char *base_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = store_prepare (self,
    "UPDATE outbox SET change_id = ?1, action = ?2, local_id = ?3, entity_id = ?4, data = ?5,"
    " mask = ?6, base_modified_at = ?7, base = ?8, state = ?9, ignore_unavailable = ?10,"
    " resolution = ?11, server_version = ?12, attempts = ?13, error = ?14, created_at = ?15"
    " WHERE seq = ?16", error);
  if (stmt == NULL)
    return FALSE;
  bind_change (stmt, change, &data_json, &base_json);
  sqlite3_bind_int64 (stmt, 16, change->seq);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
store_delete_change (QuorumStore *self,
                     gint64       seq,
                     GError     **error)
{
  sqlite3_stmt *stmt = store_prepare (self, "DELETE FROM outbox WHERE seq = ?", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

QuorumChange *
store_latest_change (QuorumStore *self,
                     const char  *local_id)
{
  sqlite3_stmt *stmt;
  QuorumChange *c = NULL;

  stmt = store_prepare (self, "SELECT " CHANGE_COLUMNS " FROM outbox WHERE local_id = ?"
                              " ORDER BY seq DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = store_change_from_row (stmt);
  sqlite3_finalize (stmt);
  return c;
}

gboolean
store_queue_change (QuorumStore  *self,
                    QuorumChange *next,
                    gboolean     *out_dropped,
                    GError      **error)
{
  g_autoptr(QuorumChange) prev = store_latest_change (self, next->local_id);
  g_autoptr(QuorumChange) merged = NULL;

  *out_dropped = FALSE;
  switch (quorum_change_coalesce (prev, next, &merged))
    {
    case QUORUM_COALESCE_APPEND:
      g_debug ("outbox: queue %s %s", quorum_change_action_to_string (next->action), next->local_id);
      return store_insert_change (self, next, error);
    case QUORUM_COALESCE_REPLACE:
      g_debug ("outbox: fold %s into %s", quorum_change_action_to_string (next->action), prev->change_id);
      merged->seq = prev->seq;
      return store_update_change (self, merged, error);
    case QUORUM_COALESCE_DROP_BOTH:
      g_debug ("outbox: %s cancels %s", quorum_change_action_to_string (next->action), prev->change_id);
      *out_dropped = prev->action == QUORUM_CHANGE_CREATE;
      return store_delete_change (self, prev->seq, error);
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
quorum_store_list_outbox (QuorumStore *self,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT " CHANGE_COLUMNS " FROM outbox ORDER BY seq", error);
  if (stmt)
    {
      out = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_change_free);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (out, store_change_from_row (stmt));
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return out;
}

QuorumChange *
quorum_store_get_change (QuorumStore *self,
                         const char  *change_id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  QuorumChange *c = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT " CHANGE_COLUMNS " FROM outbox WHERE change_id = ?", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        c = store_change_from_row (stmt);
      sqlite3_finalize (stmt);
      if (c == NULL)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND,
                     "No change “%s” in the outbox", change_id);
    }
  STORE_UNLOCK (self);
  return c;
}

guint
quorum_store_count_outbox (QuorumStore      *self,
                           QuorumChangeState state)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  STORE_LOCK (self);
  if (state == 0)
    stmt = store_prepare (self, "SELECT count(*) FROM outbox", NULL);
  else
    stmt = store_prepare (self, "SELECT count(*) FROM outbox WHERE state = ?", NULL);
  if (stmt)
    {
      if (state != 0)
        sqlite3_bind_text (stmt, 1, quorum_change_state_to_string (state), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  STORE_UNLOCK (self);
  return n;
}

gboolean
quorum_store_discard_change (QuorumStore *self,
                             const char  *change_id,
                             GError     **error)
{
  g_autoptr(QuorumChange) change = NULL;
  g_autoptr(QuorumMeeting) base = NULL;
  g_autoptr(QuorumMeeting) row = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!quorum_store_begin (self, error))
    return FALSE;
  change = quorum_store_get_change (self, change_id, error);
  if (change == NULL)
    goto fail;
  if (change->state != QUORUM_CHANGE_REJECTED)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   "Change %s is %s; only a rejected change can be discarded",
                   change_id, quorum_change_state_to_string (change->state));
      goto fail;
    }

  /* The meeting goes back to the server's version, so the unsent edits
   * queued on top of the refused one go with it; sent ones are already
   * beyond recall and stay. */
  stmt = store_prepare (self, "DELETE FROM outbox WHERE local_id = ? AND (seq = ? OR (seq > ? AND state = 'queued'))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, change->local_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->seq);
  sqlite3_bind_int64 (stmt, 3, change->seq);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  if (!ok)
    goto fail;

  base = store_load_base (self, change->local_id);
  row = quorum_store_get_meeting_by_local_id (self, change->local_id);
  if (base == NULL && (change->action == QUORUM_CHANGE_CREATE || (row && row->id == 0)))
    {
      if (!store_remove_meeting (self, change->local_id, error))
        goto fail;
    }
  else if (base != NULL)
    {
      g_free (base->local_id);
      base->local_id = g_strdup (change->local_id);
      if (!store_write_meeting (self, base, NULL, FALSE, error) ||
          !store_refresh_sync_state (self, change->local_id, error))
        goto fail;
    }
  else if (!store_refresh_sync_state (self, change->local_id, error))
    goto fail;

  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}

gboolean
quorum_store_retry_change (QuorumStore *self,
                           const char  *change_id,
                           GError     **error)
{
  g_autoptr(QuorumChange) change = NULL;

  if (!quorum_store_begin (self, error))
    return FALSE;
  change = quorum_store_get_change (self, change_id, error);
  if (change == NULL)
    goto fail;
  if (change->state != QUORUM_CHANGE_REJECTED)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   "Change %s is %s; only a rejected change can be retried",
                   change_id, quorum_change_state_to_string (change->state));
      goto fail;
    }
  g_free (change->change_id);
  change->change_id = g_uuid_string_random ();
  change->state = QUORUM_CHANGE_QUEUED;
  change->attempts = 0;
  g_clear_pointer (&change->error, g_free);
  if (!store_update_change (self, change, error) ||
      !store_refresh_sync_state (self, change->local_id, error))
    goto fail;
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}
