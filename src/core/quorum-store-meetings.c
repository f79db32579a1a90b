/* quorum-store-meetings.c — meetings in the replica and the local edits */
#include "quorum-store-private.h"
#include "quorum-time.h"

#include <stdlib.h>
#include <string.h>

char *
store_participants_to_text (GArray *ids)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; ids && i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* The column is always written by store_participants_to_text, so a
 * small scanner is enough and far cheaper than a JSON parser per row. */
void
store_participants_from_text (QuorumMeeting *m,
                              const char    *text)
{
  g_array_set_size (m->participant_ids, 0);
  for (const char *p = text; p && *p; )
    {
      char *end;
      gint64 v;

      while (*p && (*p < '0' || *p > '9'))
        p++;
      if (!*p)
        break;
      v = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        break;
      g_array_append_val (m->participant_ids, v);
      p = end;
    }
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *t = sqlite3_column_text (stmt, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

char *
store_explain (QuorumStore *self,
               const char  *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  STORE_LOCK (self);
  stmt = store_prepare (self, explain, NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  STORE_UNLOCK (self);
  return g_string_free (out, FALSE);
}

QuorumMeeting *
store_meeting_from_row (sqlite3_stmt *stmt)
{
  QuorumMeeting *m = quorum_meeting_new ();

  g_free (m->title);
  g_free (m->description);
  g_free (m->agenda);
  g_free (m->status);
  g_free (m->meeting_type);
  g_free (m->priority);
  g_free (m->external_location);

  m->local_id = column_dup (stmt, 0);
  m->id = sqlite3_column_int64 (stmt, 1);
  m->title = column_dup (stmt, 2);
  m->description = column_dup (stmt, 3);
  m->agenda = column_dup (stmt, 4);
  m->start_time = sqlite3_column_int64 (stmt, 5);
  m->end_time = sqlite3_column_int64 (stmt, 6);
  m->status = column_dup (stmt, 7);
  m->meeting_type = column_dup (stmt, 8);
  m->priority = column_dup (stmt, 9);
  m->room_id = sqlite3_column_int64 (stmt, 10);
  m->external_location = column_dup (stmt, 11);
  m->organizer_id = sqlite3_column_int64 (stmt, 12);
  store_participants_from_text (m, (const char *) sqlite3_column_text (stmt, 13));
  m->modified_at = column_dup (stmt, 14);
  m->sync_state = column_dup (stmt, 15);
  return m;
}

QuorumMeeting *
store_load_base (QuorumStore *self,
                 const char  *local_id)
{
  sqlite3_stmt *stmt = store_cached (self, "SELECT base FROM meetings WHERE local_id = ?", NULL);
  QuorumMeeting *base = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      base = quorum_meeting_from_json_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
      if (base)
        base->local_id = g_strdup (local_id);
    }
  store_release (stmt);
  return base;
}

static gboolean
write_participants (QuorumStore         *self,
                    const QuorumMeeting *m,
                    GError             **error)
{
  sqlite3_stmt *del, *ins;
  gboolean ok = TRUE;

  del = store_cached (self, "DELETE FROM meeting_participants WHERE local_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_text (del, 1, m->local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, del, error);
  store_release (del);
  if (!ok || m->participant_ids->len == 0)
    return ok;

  ins = store_cached (self, "INSERT OR IGNORE INTO meeting_participants (user_id, local_id) VALUES (?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; ok && i < m->participant_ids->len; i++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, g_array_index (m->participant_ids, gint64, i));
      sqlite3_bind_text (ins, 2, m->local_id, -1, SQLITE_STATIC);
      ok = store_step_done (self, ins, error);
    }
  store_release (ins);
  return ok;
}

/* Inserts or replaces the whole row; the caller holds a transaction. */
gboolean
store_write_meeting (QuorumStore         *self,
                     const QuorumMeeting *m,
                     const QuorumMeeting *base,
                     gboolean             deleted,
                     GError             **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *participants = store_participants_to_text (m->participant_ids);
  g_autofree char *base_json = base ? quorum_meeting_to_json_string (base, QUORUM_FIELD_ALL, TRUE) : NULL;
  gboolean ok;

  stmt = store_cached (self,
    "INSERT INTO meetings (local_id, id, title, description, agenda, start_time, end_time,"
    " status, meeting_type, priority, room_id, external_location, organizer_id,"
    " participant_ids, modified_at, base, sync_state, deleted, generation)"
    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)"
    " ON CONFLICT (local_id) DO UPDATE SET id = ?2, title = ?3, description = ?4, agenda = ?5,"
    " start_time = ?6, end_time = ?7, status = ?8, meeting_type = ?9, priority = ?10,"
    " room_id = ?11, external_location = ?12, organizer_id = ?13, participant_ids = ?14,"
    " modified_at = ?15, base = ?16, sync_state = ?17, deleted = ?18, generation = ?19", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, m->local_id, -1, SQLITE_STATIC);
  store_bind_id_or_null (stmt, 2, m->id);
  sqlite3_bind_text (stmt, 3, m->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, m->description ? m->description : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, m->agenda ? m->agenda : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, m->start_time);
  sqlite3_bind_int64 (stmt, 7, m->end_time);
  sqlite3_bind_text (stmt, 8, m->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, m->meeting_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, m->priority, -1, SQLITE_STATIC);
  store_bind_id_or_null (stmt, 11, m->room_id);
  sqlite3_bind_text (stmt, 12, m->external_location ? m->external_location : "", -1, SQLITE_STATIC);
  store_bind_id_or_null (stmt, 13, m->organizer_id);
  sqlite3_bind_text (stmt, 14, participants, -1, SQLITE_STATIC);
  store_bind_text_or_null (stmt, 15, base ? base->modified_at : m->modified_at);
  store_bind_text_or_null (stmt, 16, base_json);
  sqlite3_bind_text (stmt, 17, m->sync_state ? m->sync_state : "synced", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 18, deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 19, self->generation);
  ok = store_step_done (self, stmt, error);
  store_release (stmt);
  return ok && write_participants (self, m, error);
}

gboolean
store_remove_meeting (QuorumStore *self,
                      const char  *local_id,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = store_cached (self, "DELETE FROM meetings WHERE local_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  store_release (stmt);
  if (!ok)
    return FALSE;
  stmt = store_cached (self, "DELETE FROM meeting_participants WHERE local_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  store_release (stmt);
  return ok;
}

/* The row's sync_state is derived from what still waits for it. */
gboolean
store_refresh_sync_state (QuorumStore *self,
                          const char  *local_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = store_cached (self,
    "UPDATE meetings SET sync_state = CASE"
    " WHEN EXISTS (SELECT 1 FROM conflicts c WHERE c.local_id = ?1 AND c.resolution IS NULL)"
    "   OR EXISTS (SELECT 1 FROM outbox o WHERE o.local_id = ?1 AND o.state = 'conflict') THEN 'conflict'"
    " WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.local_id = ?1 AND o.state = 'rejected') THEN 'rejected'"
    " WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.local_id = ?1) THEN 'pending'"
    " ELSE 'synced' END WHERE local_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  ok = store_step_done (self, stmt, error);
  store_release (stmt);
  return ok;
}

/* A server id ("12") or a local_id → the local_id of a live row. */
char *
store_resolve_local_id (QuorumStore *self,
                        const char  *id_or_local_id)
{
  sqlite3_stmt *stmt;
  char *local_id = NULL;
  char *end = NULL;
  gint64 id;

  if (id_or_local_id == NULL || *id_or_local_id == '\0')
    return NULL;
  id = g_ascii_strtoll (id_or_local_id, &end, 10);
  if (end && *end == '\0' && id > 0)
    {
      stmt = store_cached (self, "SELECT local_id FROM meetings WHERE id = ? AND deleted = 0", NULL);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
    }
  else
    {
      stmt = store_cached (self, "SELECT local_id FROM meetings WHERE local_id = ? AND deleted = 0", NULL);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id_or_local_id, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    local_id = column_dup (stmt, 0);
  store_release (stmt);
  return local_id;
}

static QuorumMeeting *
get_one (QuorumStore *self,
         const char  *where,
         const char  *text,
         gint64       id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " STORE_MEETING_COLUMNS " FROM meetings WHERE %s", where);
  sqlite3_stmt *stmt;
  QuorumMeeting *m = NULL;

  STORE_LOCK (self);
  stmt = store_cached (self, sql, NULL);
  if (stmt)
    {
      if (text)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        m = store_meeting_from_row (stmt);
      store_release (stmt);
    }
  STORE_UNLOCK (self);
  return m;
}

QuorumMeeting *
quorum_store_get_meeting_by_local_id (QuorumStore *self,
                                      const char  *local_id)
{
  return get_one (self, "local_id = ? AND deleted = 0", local_id, 0);
}

QuorumMeeting *
quorum_store_get_meeting_by_id (QuorumStore *self,
                                gint64       id)
{
  return get_one (self, "id = ? AND deleted = 0", NULL, id);
}

QuorumMeeting *
quorum_store_get_meeting (QuorumStore *self,
                          const char  *id_or_local_id,
                          GError     **error)
{
  g_autofree char *local_id = NULL;
  QuorumMeeting *m = NULL;

  STORE_LOCK (self);
  local_id = store_resolve_local_id (self, id_or_local_id);
  if (local_id)
    m = quorum_store_get_meeting_by_local_id (self, local_id);
  STORE_UNLOCK (self);
  if (m == NULL)
    g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND,
                 "No meeting “%s” in the replica", id_or_local_id ? id_or_local_id : "");
  return m;
}

static GPtrArray *
collect (QuorumStore  *self,
         sqlite3_stmt *stmt)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_meeting_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, store_meeting_from_row (stmt));
  sqlite3_finalize (stmt);
  return out;
}


static void
bind_range (sqlite3_stmt *stmt,
            gint64        from,
            gint64        to)
{
  gint64 lo = from == G_MININT64 ? G_MININT64 : from - QUORUM_MAX_DURATION;

  sqlite3_bind_int64 (stmt, 1, lo);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, from);
}

GPtrArray *
quorum_store_list_meetings (QuorumStore *self,
                            gint64       from,
                            gint64       to,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;

  STORE_LOCK (self);
  stmt = store_prepare (self, STORE_LIST_SQL, error);
  if (stmt)
    {
      bind_range (stmt, from, to);
      out = collect (self, stmt);
    }
  STORE_UNLOCK (self);
  return out;
}

GPtrArray *
quorum_store_list_busy (QuorumStore *self,
                        gint64       user_id,
                        gint64       room_id,
                        gint64       from,
                        gint64       to,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;

  STORE_LOCK (self);
  if (user_id > 0)
    stmt = store_prepare (self,
      "SELECT " STORE_MEETING_COLUMNS " FROM meetings WHERE" OVERLAP_WHERE
      " AND deleted = 0 AND status != 'CANCELLED' AND local_id IN"
      " (SELECT local_id FROM meeting_participants WHERE user_id = ?4)"
      " ORDER BY start_time", error);
  else
    stmt = store_prepare (self,
      "SELECT " STORE_MEETING_COLUMNS " FROM meetings WHERE room_id = ?4 AND" OVERLAP_WHERE
      " AND deleted = 0 AND status != 'CANCELLED' ORDER BY start_time", error);
  if (stmt)
    {
      bind_range (stmt, from, to);
      sqlite3_bind_int64 (stmt, 4, user_id > 0 ? user_id : room_id);
      out = collect (self, stmt);
    }
  STORE_UNLOCK (self);
  return out;
}

GPtrArray *
quorum_store_search_meetings (QuorumStore *self,
                              const char  *text,
                              guint        limit,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *out = NULL;
  g_autofree char *pattern = NULL;
  GString *escaped = g_string_new ("%");

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  g_string_append_c (escaped, '%');
  pattern = g_string_free (escaped, FALSE);

  STORE_LOCK (self);
  stmt = store_prepare (self,
    "SELECT " STORE_MEETING_COLUMNS " FROM meetings m WHERE deleted = 0 AND ("
    " title LIKE ?1 ESCAPE '\\' OR description LIKE ?1 ESCAPE '\\' OR agenda LIKE ?1 ESCAPE '\\'"
    /* users first (CROSS JOIN fixes the order): the few whose name
     * matches, then their rows by the (user_id, local_id) key.  Left to
     * itself SQLite scanned every participant row: 1.6 s of a search
     * over a million meetings. */
    " OR local_id IN (SELECT mp.local_id FROM users u CROSS JOIN meeting_participants mp ON mp.user_id = u.id"
    "   WHERE u.name LIKE ?1 ESCAPE '\\' OR u.username LIKE ?1 ESCAPE '\\'))"
    " ORDER BY start_time DESC LIMIT ?2", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, limit ? (int) limit : 200);
      out = collect (self, stmt);
    }
  STORE_UNLOCK (self);
  return out;
}

gint64
quorum_store_count_meetings (QuorumStore *self)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT count(*) FROM meetings WHERE deleted = 0", NULL);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  STORE_UNLOCK (self);
  return n;
}

gboolean
quorum_store_has_meetings (QuorumStore *self)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  STORE_LOCK (self);
  stmt = store_prepare (self, "SELECT EXISTS (SELECT 1 FROM meetings WHERE deleted = 0)", NULL);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  STORE_UNLOCK (self);
  return any;
}

/* Local edits */

QuorumMeeting *
quorum_store_create_meeting (QuorumStore         *self,
                             const QuorumMeeting *meeting,
                             gboolean             ignore_unavailable,
                             GError             **error)
{
  g_autoptr(QuorumMeeting) m = quorum_meeting_copy (meeting);
  g_autoptr(QuorumChange) change = NULL;

  if (!quorum_meeting_validate (m, error))
    return NULL;

  if (m->local_id == NULL)
    m->local_id = quorum_new_local_id ();
  m->id = 0;
  g_clear_pointer (&m->modified_at, g_free);
  if (m->organizer_id == 0)
    m->organizer_id = quorum_store_get_user_id (self);
  g_free (m->sync_state);
  m->sync_state = g_strdup ("pending");

  change = quorum_change_new (QUORUM_CHANGE_CREATE, m->local_id);
  change->data = quorum_meeting_copy (m);
  change->mask = QUORUM_FIELD_ALL;
  change->ignore_unavailable = ignore_unavailable;

  if (!quorum_store_begin (self, error))
    return NULL;
  if (!store_write_meeting (self, m, NULL, FALSE, error) ||
      !store_insert_change (self, change, error))
    {
      quorum_store_rollback (self);
      return NULL;
    }
  if (!quorum_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&m);
}

QuorumMeeting *
quorum_store_edit_meeting (QuorumStore         *self,
                           const char          *id_or_local_id,
                           const QuorumMeeting *values,
                           QuorumMeetingField   mask,
                           gboolean             ignore_unavailable,
                           GError             **error)
{
  g_autoptr(QuorumMeeting) cur = NULL;
  g_autoptr(QuorumMeeting) next = NULL;
  g_autoptr(QuorumMeeting) base = NULL;
  g_autoptr(QuorumChange) change = NULL;
  QuorumMeetingField diff;
  gboolean dropped = FALSE;

  if (!quorum_store_begin (self, error))
    return NULL;

  cur = quorum_store_get_meeting (self, id_or_local_id, error);
  if (cur == NULL)
    goto fail;

  next = quorum_meeting_copy (cur);
  quorum_meeting_apply (next, values, mask);
  if (!quorum_meeting_validate (next, error))
    goto fail;
  if (!quorum_meeting_status_move_ok (cur->status, next->status))
    {
      g_set_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID,
                   "status: cannot change from %s to %s", cur->status, next->status);
      goto fail;
    }

  diff = quorum_meeting_diff (cur, next) & mask;
  if (diff == 0 && !ignore_unavailable)
    {
      quorum_store_rollback (self);
      return g_steal_pointer (&cur);
    }

  base = store_load_base (self, cur->local_id);
  /* A synced row keeps no separate base: it is the server's copy. */
  if (base == NULL && cur->id > 0)
    base = quorum_meeting_copy (cur);
  change = quorum_change_new (QUORUM_CHANGE_UPDATE, cur->local_id);
  change->entity_id = cur->id;
  change->data = quorum_meeting_copy (next);
  change->mask = diff;
  change->base_modified_at = g_strdup (base ? base->modified_at : cur->modified_at);
  change->base = base ? quorum_meeting_copy (base) : NULL;
  change->ignore_unavailable = ignore_unavailable;

  if (!store_queue_change (self, change, &dropped, error))
    goto fail;
  if (!store_write_meeting (self, next, base, FALSE, error) ||
      !store_refresh_sync_state (self, next->local_id, error))
    goto fail;
  if (!quorum_store_commit (self, error))
    return NULL;
  return quorum_store_get_meeting_by_local_id (self, next->local_id);

fail:
  quorum_store_rollback (self);
  return NULL;
}

gboolean
quorum_store_delete_meeting (QuorumStore *self,
                             const char  *id_or_local_id,
                             GError     **error)
{
  g_autoptr(QuorumMeeting) cur = NULL;
  g_autoptr(QuorumMeeting) base = NULL;
  g_autoptr(QuorumChange) change = NULL;
  gboolean dropped = FALSE;

  if (!quorum_store_begin (self, error))
    return FALSE;
  cur = quorum_store_get_meeting (self, id_or_local_id, error);
  if (cur == NULL)
    goto fail;

  base = store_load_base (self, cur->local_id);
  if (base == NULL && cur->id > 0)
    base = quorum_meeting_copy (cur);
  change = quorum_change_new (QUORUM_CHANGE_DELETE, cur->local_id);
  change->entity_id = cur->id;
  change->base_modified_at = g_strdup (base ? base->modified_at : cur->modified_at);
  change->base = base ? quorum_meeting_copy (base) : NULL;

  if (!store_queue_change (self, change, &dropped, error))
    goto fail;
  if (dropped)
    {
      /* create + delete: the server never hears of it */
      if (!store_remove_meeting (self, cur->local_id, error))
        goto fail;
    }
  else
    {
      g_free (cur->sync_state);
      cur->sync_state = g_strdup ("pending");
      if (!store_write_meeting (self, cur, base, TRUE, error) ||
          !store_refresh_sync_state (self, cur->local_id, error))
        goto fail;
    }
  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}
