/* quorum-store-sync.c — applying push results, resolutions and pull pages */
#include "quorum-store-private.h"
#include "quorum-store-sync.h"
#include "quorum-merge.h"

#define CHANGE_COLUMNS \
  "seq, change_id, action, local_id, entity_id, data, mask, base_modified_at, base," \
  " state, ignore_unavailable, resolution, server_version, attempts, error, created_at"

/* Row access that sees locally deleted rows too. */
static QuorumMeeting *
raw_row (QuorumStore *self,
         const char  *where,
         const char  *text,
         gint64       id,
         gboolean    *out_deleted)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " STORE_MEETING_COLUMNS " FROM meetings WHERE %s", where);
  sqlite3_stmt *stmt = store_cached (self, sql, NULL);
  QuorumMeeting *m = NULL;

  if (stmt == NULL)
    return NULL;
  if (text)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      m = store_meeting_from_row (stmt);
      if (out_deleted)
        *out_deleted = sqlite3_column_int (stmt, 17) != 0;
    }
  store_release (stmt);
  return m;
}

static gboolean
run (QuorumStore *self,
     const char  *sql,
     const char  *text,
     GError     **error)
{
  sqlite3_stmt *stmt = store_cached (self, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  if (text)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  store_release (stmt);
  return ok;
}

static gboolean
exists (QuorumStore *self,
        const char  *sql,
        const char  *text)
{
  sqlite3_stmt *stmt = store_cached (self, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  store_release (stmt);
  return found;
}

/* Local work that a server copy must not overwrite. */
static gboolean
has_pending (QuorumStore *self,
             const char  *local_id)
{
  return exists (self, "SELECT 1 FROM outbox WHERE local_id = ?1 UNION ALL"
                       " SELECT 1 FROM conflicts WHERE local_id = ?1 AND resolution IS NULL LIMIT 1", local_id);
}

static QuorumMeeting *
parse_meeting (JsonObject *data)
{
  g_autoptr(GError) error = NULL;
  QuorumMeeting *m;

  if (data == NULL)
    return NULL;
  m = quorum_meeting_from_json (data, &error);
  if (m == NULL)
    g_warning ("sync: ignoring a malformed meeting from the server: %s", error->message);
  return m;
}

static void
set_local_id (QuorumMeeting *m,
              const char    *local_id)
{
  g_free (m->local_id);
  m->local_id = g_strdup (local_id);
}

static void
set_sync_state (QuorumMeeting *m,
                const char    *state)
{
  g_free (m->sync_state);
  m->sync_state = g_strdup (state);
}

/* Push */

GPtrArray *
quorum_store_take_push_batch (QuorumStore *self,
                              guint        max,
                              GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_change_free);
  g_autoptr(GHashTable) blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  if (!quorum_store_begin (self, error))
    return NULL;

  /* A meeting with a resolution or a conflict pending sends nothing else
   * until that is settled: its later edits were made on the local view
   * and will be rebased onto the server's answer. */
  stmt = store_prepare (self,
    "SELECT local_id FROM outbox WHERE action = 'resolve' OR state IN ('conflict', 'rejected')"
    " UNION SELECT local_id FROM conflicts WHERE resolution IS NULL", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (blocked, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  stmt = store_prepare (self, "SELECT " CHANGE_COLUMNS " FROM outbox ORDER BY seq", error);
  if (stmt == NULL)
    goto fail;
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_change_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (all, store_change_from_row (stmt));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < all->len && batch->len < max; i++)
    {
      QuorumChange *c = g_ptr_array_index (all, i);

      if (g_hash_table_contains (blocked, c->local_id))
        continue;
      /* one change per meeting per request; the rest wait their turn */
      g_hash_table_add (blocked, g_strdup (c->local_id));
      if (c->action == QUORUM_CHANGE_RESOLVE ||
          (c->state != QUORUM_CHANGE_QUEUED && c->state != QUORUM_CHANGE_SENT) ||
          (c->action != QUORUM_CHANGE_CREATE && c->entity_id <= 0))
        continue;

      c->state = QUORUM_CHANGE_SENT;
      c->attempts++;
      if (!store_update_change (self, c, error))
        goto fail;
      g_ptr_array_add (batch, quorum_change_copy (c));
    }

  if (!quorum_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&batch);

fail:
  quorum_store_rollback (self);
  return NULL;
}

GPtrArray *
quorum_store_list_resolves (QuorumStore *self,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT " CHANGE_COLUMNS " FROM outbox WHERE action = 'resolve'"
                              " AND state IN ('queued', 'sent') ORDER BY seq", error);
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

static gboolean
drop_change (QuorumStore *self,
             const char  *change_id,
             GError     **error)
{
  return run (self, "DELETE FROM outbox WHERE change_id = ?", change_id, error);
}

/* The changes queued behind an applied one were made on top of it, so
 * they now stand on the server's new version. */
static gboolean
rebase_queued (QuorumStore         *self,
               const char          *local_id,
               const QuorumMeeting *server,
               GError             **error)
{
  g_autofree char *base = quorum_meeting_to_json_string (server, QUORUM_FIELD_ALL, TRUE);
  sqlite3_stmt *stmt = store_prepare (self,
    "UPDATE outbox SET entity_id = ?1, base_modified_at = ?2, base = ?3"
    " WHERE local_id = ?4 AND state = 'queued' AND action != 'resolve'", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, server->id);
  store_bind_text_or_null (stmt, 2, server->modified_at);
  sqlite3_bind_text (stmt, 3, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* The server's copy of a meeting the user has as @local_id: the row
 * becomes it, unless local work still waits, in which case it becomes
 * the base under that work. */
static gboolean
settle_row (QuorumStore   *self,
            const char    *local_id,
            QuorumMeeting *server,
            GError       **error)
{
  gboolean deleted = FALSE;
  g_autoptr(QuorumMeeting) row = raw_row (self, "local_id = ?", local_id, 0, &deleted);
  g_autofree char *other = NULL;

  set_local_id (server, local_id);
  /* A pull may already have brought our own create back under its
   * server id (its push answer was lost): that copy is this row. */
  {
    g_autoptr(QuorumMeeting) twin = raw_row (self, "id = ?", NULL, server->id, NULL);
    if (twin && g_strcmp0 (twin->local_id, local_id) != 0 &&
        !store_remove_meeting (self, twin->local_id, error))
      return FALSE;
  }

  if (has_pending (self, local_id) && row != NULL)
    {
      row->id = server->id;
      if (!rebase_queued (self, local_id, server, error) ||
          !store_write_meeting (self, row, server, deleted, error))
        return FALSE;
    }
  else
    {
      set_sync_state (server, "synced");
      if (!store_write_meeting (self, server, NULL, FALSE, error))
        return FALSE;
    }
  return store_refresh_sync_state (self, local_id, error);
}

gboolean
quorum_store_push_applied (QuorumStore        *self,
                           const QuorumChange *change,
                           gint64              entity_id,
                           JsonObject         *data,
                           const char         *modified_at,
                           GError            **error)
{
  g_autoptr(QuorumMeeting) server = parse_meeting (data);

  if (!quorum_store_begin (self, error))
    return FALSE;
  if (!drop_change (self, change->change_id, error))
    goto fail;

  if (change->action == QUORUM_CHANGE_DELETE)
    {
      if (!run (self, "DELETE FROM outbox WHERE local_id = ? AND state = 'queued'", change->local_id, error) ||
          !store_remove_meeting (self, change->local_id, error))
        goto fail;
    }
  else
    {
      if (server == NULL)
        {
          /* No (usable) data: keep our row, but learn its id and version. */
          gboolean deleted = FALSE;
          server = raw_row (self, "local_id = ?", change->local_id, 0, &deleted);
          if (server == NULL)
            goto done;
          g_free (server->modified_at);
          server->modified_at = g_strdup (modified_at);
        }
      if (entity_id > 0)
        server->id = entity_id;
      if (!settle_row (self, change->local_id, server, error))
        goto fail;
    }

done:
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}

gboolean
quorum_store_push_rejected (QuorumStore        *self,
                            const QuorumChange *change,
                            JsonObject         *error_object,
                            GError            **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (error_object)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, error_object);
      text = json_to_string (node, FALSE);
    }
  else
    text = g_strdup ("{\"code\": \"rejected\", \"message\": \"\"}");

  if (!quorum_store_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE outbox SET state = 'rejected', error = ? WHERE change_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->change_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  if (!ok || !store_refresh_sync_state (self, change->local_id, error))
    goto fail;
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}

gboolean
quorum_store_push_conflict (QuorumStore        *self,
                            const QuorumChange *change,
                            JsonObject         *server_data,
                            const char         *server_version,
                            gboolean           *out_clean,
                            GError            **error)
{
  g_autoptr(QuorumMeeting) server = parse_meeting (server_data);
  g_autoptr(QuorumMeeting) row = NULL;
  g_autoptr(QuorumMergeResult) merge = NULL;
  gboolean deleted = FALSE;

  *out_clean = FALSE;
  if (!quorum_store_begin (self, error))
    return FALSE;

  row = raw_row (self, "local_id = ?", change->local_id, 0, &deleted);
  if (server)
    set_local_id (server, change->local_id);
  merge = quorum_merge (change->base, deleted ? NULL : row, server);

  if (merge->clean && merge->merged == NULL && server != NULL)
    {
      /* The user deleted it and the server changed nothing that matters:
       * the delete goes again, on the version the server has now. */
      g_autoptr(QuorumChange) again = quorum_change_copy (change);

      g_free (again->change_id);
      again->change_id = g_uuid_string_random ();
      again->action = QUORUM_CHANGE_DELETE;
      again->state = QUORUM_CHANGE_QUEUED;
      g_free (again->base_modified_at);
      again->base_modified_at = g_strdup (server_version);
      g_clear_pointer (&again->base, quorum_meeting_free);
      again->base = quorum_meeting_copy (server);
      if (!store_update_change (self, again, error))
        goto fail;
      *out_clean = TRUE;
    }
  else if (merge->clean && merge->merged == NULL)
    {
      /* both sides deleted it: nothing left to say */
      if (!run (self, "DELETE FROM outbox WHERE local_id = ?", change->local_id, error) ||
          !store_remove_meeting (self, change->local_id, error))
        goto fail;
      *out_clean = TRUE;
    }
  else if (merge->clean)
    {
      g_autoptr(QuorumMeeting) merged = quorum_meeting_copy (merge->merged);

      set_local_id (merged, change->local_id);
      if (merge->local_changes == 0)
        {
          /* the same change on both sides */
          if (!drop_change (self, change->change_id, error) ||
              !settle_row (self, change->local_id, server, error))
            goto fail;
        }
      else
        {
          /* The conflicted change becomes a "merge" resolution in its own
           * place in the outbox, under a new change_id: the old id keeps
           * its meaning (invariant 2) and nothing queued jumps ahead. */
          g_autoptr(QuorumChange) resolve = quorum_change_copy (change);

          g_free (resolve->change_id);
          resolve->change_id = g_uuid_string_random ();
          resolve->action = QUORUM_CHANGE_RESOLVE;
          resolve->state = QUORUM_CHANGE_QUEUED;
          resolve->attempts = 0;
          g_clear_pointer (&resolve->data, quorum_meeting_free);
          resolve->data = quorum_meeting_copy (merged);
          resolve->mask = merge->local_changes;
          g_free (resolve->resolution);
          resolve->resolution = g_strdup ("merge");
          g_free (resolve->server_version);
          resolve->server_version = g_strdup (server_version);
          g_clear_pointer (&resolve->base, quorum_meeting_free);
          resolve->base = server ? quorum_meeting_copy (server) : NULL;
          if (!store_update_change (self, resolve, error) ||
              !store_write_meeting (self, merged, server, FALSE, error) ||
              !store_refresh_sync_state (self, change->local_id, error))
            goto fail;
        }
      *out_clean = TRUE;
    }
  else
    {
      g_autoptr(QuorumConflict) c = quorum_conflict_new ();
      g_autoptr(QuorumMeeting) local = NULL;

      if (!deleted && row)
        {
          /* What the user would keep: their edits over the server's
           * changes that merged cleanly. */
          local = merge->merged ? quorum_meeting_copy (merge->merged) : quorum_meeting_copy (row);
          if (merge->merged)
            quorum_meeting_apply (local, row, merge->conflicting);
          set_local_id (local, change->local_id);
          local->id = row->id;
        }
      c->local_id = g_strdup (change->local_id);
      c->meeting_id = change->entity_id;
      c->change_id = g_strdup (change->change_id);
      c->base = change->base ? quorum_meeting_copy (change->base) : NULL;
      c->local = local ? quorum_meeting_copy (local) : (row ? quorum_meeting_copy (row) : NULL);
      c->local_deleted = deleted || row == NULL;
      c->server = server ? quorum_meeting_copy (server) : NULL;
      c->server_version = g_strdup (server_version);
      c->local_version = g_strdup (change->base_modified_at);
      c->fields = (local && server) ? quorum_meeting_diff (local, server) : merge->differing;
      if (!run (self, "UPDATE outbox SET state = 'conflict' WHERE change_id = ?", change->change_id, error) ||
          !store_add_conflict (self, c, error))
        goto fail;
      if (local && !store_write_meeting (self, local, server, FALSE, error))
        goto fail;
      if (!store_refresh_sync_state (self, change->local_id, error))
        goto fail;
    }
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}

/* Resolve */

gboolean
quorum_store_resolve_applied (QuorumStore        *self,
                              const QuorumChange *change,
                              JsonObject         *data,
                              JsonObject         *created,
                              GError            **error)
{
  g_autoptr(QuorumMeeting) server = parse_meeting (data);
  g_autoptr(QuorumMeeting) made = parse_meeting (created);
  gboolean both = g_strcmp0 (change->resolution, "keep_both") == 0;

  if (!quorum_store_begin (self, error))
    return FALSE;
  if (!drop_change (self, change->change_id, error))
    goto fail;

  if (both)
    {
      /* the copy is the change's row; the original keeps its own */
      if (made && !settle_row (self, change->local_id, made, error))
        goto fail;
      if (server)
        {
          g_autoptr(QuorumMeeting) orig = raw_row (self, "id = ?", NULL, server->id, NULL);
          if (orig && !settle_row (self, orig->local_id, server, error))
            goto fail;
        }
    }
  else if (made)
    {
      /* deleted on the server, then re-created from ours: a new id */
      if (!settle_row (self, change->local_id, made, error))
        goto fail;
    }
  else if (server)
    {
      if (!settle_row (self, change->local_id, server, error))
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
quorum_store_resolve_stale (QuorumStore        *self,
                            const QuorumChange *change,
                            JsonObject         *server_data,
                            const char         *server_version,
                            GError            **error)
{
  g_autoptr(QuorumMeeting) server = parse_meeting (server_data);
  g_autoptr(QuorumMeeting) row = NULL;
  g_autoptr(QuorumConflict) c = quorum_conflict_new ();
  g_autofree char *local_id = g_strdup (change->local_id);

  if (!quorum_store_begin (self, error))
    return FALSE;
  row = raw_row (self, "local_id = ?", change->local_id, 0, NULL);

  if (g_strcmp0 (change->resolution, "keep_both") == 0 && change->entity_id > 0)
    {
      /* the copy never reached the server: the question is again about
       * the original, with the copy's content as the user's side */
      g_autoptr(QuorumMeeting) orig = raw_row (self, "id = ?", NULL, change->entity_id, NULL);
      if (!store_remove_meeting (self, change->local_id, error))
        goto fail;
      if (orig)
        {
          g_free (local_id);
          local_id = g_strdup (orig->local_id);
        }
    }
  if (!drop_change (self, change->change_id, error))
    goto fail;

  if (server)
    set_local_id (server, local_id);
  c->local_id = g_strdup (local_id);
  c->meeting_id = change->entity_id;
  c->change_id = g_strdup (change->change_id);
  c->base = change->base ? quorum_meeting_copy (change->base) : NULL;
  /* The outbox keeps only the masked fields of a change's data, so the
   * user's side is the row (their full view) with those fields over it;
   * the partial data alone would read as a meeting without times. */
  if (row)
    c->local = quorum_meeting_copy (row);
  else if (change->data)
    c->local = server ? quorum_meeting_copy (server)
                      : change->base ? quorum_meeting_copy (change->base) : quorum_meeting_new ();
  if (c->local && change->data)
    quorum_meeting_apply (c->local, change->data, change->mask);
  if (c->local)
    {
      set_local_id (c->local, local_id);
      c->local->id = change->entity_id;
    }
  c->local_deleted = c->local == NULL;
  c->server = server ? quorum_meeting_copy (server) : NULL;
  c->server_version = g_strdup (server_version);
  c->local_version = g_strdup (change->server_version);
  c->fields = (c->local && server) ? quorum_meeting_diff (c->local, server) : QUORUM_FIELD_ALL;
  if (!store_add_conflict (self, c, error) ||
      !store_refresh_sync_state (self, local_id, error))
    goto fail;
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}

/* Pull */

gboolean
quorum_store_begin_full_pull (QuorumStore *self,
                              GError     **error)
{
  g_autofree char *gen = NULL;

  if (!quorum_store_begin (self, error))
    return FALSE;
  self->generation++;
  gen = g_strdup_printf ("%" G_GINT64_FORMAT, self->generation);
  if (!quorum_store_set_state (self, "generation", gen, error) ||
      !quorum_store_set_state (self, "full_pull", "1", error) ||
      !quorum_store_set_state (self, "cursor", NULL, error))
    {
      self->generation--;
      quorum_store_rollback (self);
      return FALSE;
    }
  return quorum_store_commit (self, error);
}

static gboolean
finish_full_pull (QuorumStore *self,
                  GError     **error)
{
  g_autofree char *gen = g_strdup_printf ("%" G_GINT64_FORMAT, self->generation);

  /* What the full pull did not bring back is gone on the server — unless
   * the user has work on it, which the next push settles. */
  return run (self,
    "DELETE FROM meetings WHERE generation < ?1"
    " AND local_id NOT IN (SELECT local_id FROM outbox)"
    " AND local_id NOT IN (SELECT local_id FROM conflicts WHERE resolution IS NULL)", gen, error) &&
    run (self, "DELETE FROM meeting_participants WHERE local_id NOT IN (SELECT local_id FROM meetings)", NULL, error) &&
    run (self, "DELETE FROM rooms WHERE generation < ?1", gen, error) &&
    run (self, "DELETE FROM users WHERE generation < ?1", gen, error) &&
    quorum_store_set_state (self, "full_pull", NULL, error);
}

static gboolean
put_base (QuorumStore         *self,
          const char          *local_id,
          const QuorumMeeting *server,
          GError             **error)
{
  g_autofree char *base = quorum_meeting_to_json_string (server, QUORUM_FIELD_ALL, TRUE);
  sqlite3_stmt *stmt = store_cached (self,
    "UPDATE meetings SET base = ?1, modified_at = ?2, generation = ?3 WHERE local_id = ?4", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, base, -1, SQLITE_STATIC);
  store_bind_text_or_null (stmt, 2, server->modified_at);
  sqlite3_bind_int64 (stmt, 3, self->generation);
  sqlite3_bind_text (stmt, 4, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  store_release (stmt);
  return ok;
}

static gboolean
apply_meeting (QuorumStore     *self,
               QuorumApiChange *change,
               guint           *skipped,
               GError         **error)
{
  g_autoptr(QuorumMeeting) row = raw_row (self, "id = ?", NULL, change->entity_id, NULL);
  g_autoptr(QuorumMeeting) m = NULL;

  if (change->is_deleted)
    {
      if (row == NULL || has_pending (self, row->local_id))
        return TRUE;
      return store_remove_meeting (self, row->local_id, error);
    }

  m = parse_meeting (change->data);
  if (m == NULL)
    {
      (*skipped)++;
      return TRUE;
    }
  m->id = change->entity_id;
  if (row && has_pending (self, row->local_id))
    {
      /* the user's view stays; the server's copy becomes the new base */
      set_local_id (m, row->local_id);
      return put_base (self, row->local_id, m, error);
    }
  m->local_id = row ? g_strdup (row->local_id) : quorum_new_local_id ();
  set_sync_state (m, "synced");
  return store_write_meeting (self, m, NULL, FALSE, error);
}

gboolean
quorum_store_apply_pull_page (QuorumStore       *self,
                              QuorumApiPullPage *page,
                              guint             *out_skipped,
                              GError           **error)
{
  guint skipped = 0;
  g_autofree char *full = NULL;

  if (!quorum_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < page->changes->len; i++)
    {
      QuorumApiChange *c = g_ptr_array_index (page->changes, i);
      gboolean ok = TRUE;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->entity_id);

      switch (c->entity_type)
        {
        case QUORUM_ENTITY_MEETING:
          ok = apply_meeting (self, c, &skipped, error);
          break;
        case QUORUM_ENTITY_ROOM:
          if (c->is_deleted || c->data == NULL)
            ok = run (self, "DELETE FROM rooms WHERE id = ?", id, error);
          else if (!quorum_store_upsert_room (self, c->data, NULL))
            skipped++;
          break;
        case QUORUM_ENTITY_USER:
          if (c->is_deleted || c->data == NULL)
            ok = run (self, "DELETE FROM users WHERE id = ?", id, error);
          else if (!quorum_store_upsert_user (self, c->data, NULL))
            skipped++;
          break;
        default:
          break;
        }
      if (!ok)
        goto fail;
    }

  if (page->cursor && !quorum_store_set_state (self, "cursor", page->cursor, error))
    goto fail;
  if (page->sync_time && !quorum_store_set_state (self, "server_sync_time", page->sync_time, error))
    goto fail;
  full = quorum_store_get_state (self, "full_pull");
  if (!page->has_more && full && !finish_full_pull (self, error))
    goto fail;
  if (out_skipped)
    *out_skipped = skipped;
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}
