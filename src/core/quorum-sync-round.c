/* quorum-sync-round.c — one sync round: push, resolve, pull
 *
 * Runs on the main context with libsoup's async API; the replica work of
 * a pull page (the only bulky part) runs on a worker thread.  Every step
 * that changes the replica is one transaction, so a round killed at any
 * instant resumes cleanly: sent-but-unanswered changes go again under the
 * same change_id, and a pull resumes from the last committed cursor.
 */
#include "quorum-sync-engine-private.h"
#include "quorum-log.h"

#include <glib/gi18n.h>

#define PUSH_BATCH   100
#define PULL_LIMIT   1000
#define MAX_PASSES   3

typedef struct {
  QuorumApi  *api;
  GPtrArray  *batch;          /* QuorumChange* being pushed */
  GPtrArray  *resolves;       /* QuorumChange* queued resolutions */
  guint       resolve_index;
  guint       resolved_ok;
  guint       passes;
  gboolean    full_restarted;
  gint64      t_round;
  gint64      t_phase;
  guint       pushed;
  guint       pulled;
  guint       skipped;
  /* the pull is a pipeline: page N+1 downloads while page N is applied */
  gboolean    fetching;
  gboolean    applying;
  gboolean    returned;       /* the round has ended; late callbacks drop out */
  QuorumApiPullPage *next_page;  /* fetched, waiting for the apply */
  GError     *next_error;     /* the fetch failed while a page was applied */
} Round;

static void
round_free (Round *r)
{
  g_clear_object (&r->api);
  g_clear_pointer (&r->batch, g_ptr_array_unref);
  g_clear_pointer (&r->resolves, g_ptr_array_unref);
  g_clear_pointer (&r->next_page, quorum_api_pull_page_free);
  g_clear_error (&r->next_error);
  g_free (r);
}

static void push_next    (GTask *task);
static void resolve_next (GTask *task);
static void pull_start   (GTask *task);

static QuorumSyncEngine *
engine_of (GTask *task)
{
  return g_task_get_source_object (task);
}

static double
ms_since (gint64 t)
{
  return (g_get_monotonic_time () - t) / 1000.0;
}

/* Ends the round with @error, after deciding what state it leaves. */
static void
fail (GTask  *task,
      GError *error)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;
  QuorumSyncState state = QUORUM_SYNC_STATE_ERROR;
  QuorumSyncError code = QUORUM_SYNC_ERROR_FAILED;
  g_autofree char *message = NULL;

  r->returned = TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      quorum_sync_engine_refresh_counts (self);
      quorum_log_sync ("round: cancelled after %.0f ms", ms_since (r->t_round));
      g_task_return_error (task, g_steal_pointer (&owned));
      g_object_unref (task);
      return;
    }

  if (error->domain == QUORUM_API_ERROR)
    switch (error->code)
      {
      case QUORUM_API_ERROR_NETWORK:
        {
          GNetworkMonitor *monitor = quorum_sync_engine_get_network_monitor (self);
          state = QUORUM_SYNC_STATE_OFFLINE;
          code = QUORUM_SYNC_ERROR_OFFLINE;
          message = g_strdup (g_network_monitor_get_network_available (monitor)
                              ? _("The server could not be reached")
                              : _("No network connection"));
        }
        break;
      case QUORUM_API_ERROR_SERVER:
      case QUORUM_API_ERROR_HTTP:
      case QUORUM_API_ERROR_BAD_RESPONSE:
        state = QUORUM_SYNC_STATE_ERROR;
        code = QUORUM_SYNC_ERROR_OFFLINE;
        message = g_strdup_printf (_("The server is not working properly: %s"), error->message);
        break;
      case QUORUM_API_ERROR_RATE_LIMITED:
        state = QUORUM_SYNC_STATE_RATE_LIMITED;
        code = QUORUM_SYNC_ERROR_RATE_LIMITED;
        quorum_sync_engine_set_retry_at (self, r->api ? quorum_api_get_not_before (r->api) : 0);
        message = g_strdup (_("Too many requests: the server asked to wait"));
        break;
      case QUORUM_API_ERROR_LOGIN_REQUIRED:
      case QUORUM_API_ERROR_TOKEN_INVALID:
      case QUORUM_API_ERROR_INVALID_CREDENTIALS:
        state = QUORUM_SYNC_STATE_LOGIN_REQUIRED;
        code = QUORUM_SYNC_ERROR_LOGIN_REQUIRED;
        if (!quorum_account_is_configured (self->account))
          {
            message = g_strdup (_("No account: sign in first"));
            break;
          }
        quorum_store_set_state (self->store, "logged_in", "0", NULL);
        message = g_strdup (_("Sign in again: the server no longer accepts this session"));
        break;
      /* The client refused to reach the server this way: unreachable
       * for cli.md (exit 4, the work is kept), but the state is "error"
       * with the reason, as a certificate problem is for the user to see
       * rather than an "Offline" to wait out. */
      case QUORUM_API_ERROR_TLS:
        state = QUORUM_SYNC_STATE_ERROR;
        code = QUORUM_SYNC_ERROR_OFFLINE;
        /* the sign-in dialog's words; the detail goes to error.log */
        message = g_strdup (_("The server’s certificate is not trusted, so the connection is not safe. "
                              "Ask your administrator for the right address or certificate."));
        break;
      case QUORUM_API_ERROR_INSECURE_URL:
        state = QUORUM_SYNC_STATE_ERROR;
        code = QUORUM_SYNC_ERROR_OFFLINE;
        message = g_strdup_printf (_("The server address cannot be used safely: %s"), error->message);
        break;
      default:
        message = g_strdup (error->message);
        break;
      }
  else
    message = g_strdup (error->message);

  /* Only a round that found no working server asks /health/ first next
   * time; after a 429 it would be one more request to a busy server. */
  self->probe_health = state == QUORUM_SYNC_STATE_OFFLINE || state == QUORUM_SYNC_STATE_ERROR;
  quorum_sync_engine_refresh_counts (self);
  quorum_sync_engine_set_state (self, state, message);
  quorum_log_sync ("round: failed (%s) after %.0f ms; pushed %u, pulled %u",
                   quorum_sync_state_to_string (state), ms_since (r->t_round), r->pushed, r->pulled);
  quorum_log_error ("sync: %s [%s %d]", error->message, g_quark_to_string (error->domain), error->code);
  self->pushed = r->pushed;
  self->pulled = r->pulled;
  g_task_return_new_error (task, QUORUM_SYNC_ERROR, code, "%s", message);
  g_object_unref (task);   /* fail() and finish() take the caller's ref */
}

static void
finish (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());

  self->probe_health = FALSE;
  quorum_store_set_state (self->store, "last_success", now, NULL);
  self->last_success = g_get_real_time ();
  self->pushed = r->pushed;
  self->pulled = r->pulled;
  quorum_sync_engine_set_retry_at (self, 0);
  quorum_sync_engine_refresh_counts (self);
  quorum_log_sync ("round: done in %.0f ms; pushed %u, pulled %u, skipped %u, pending %u, conflicts %u, rejected %u",
                   ms_since (r->t_round), r->pushed, r->pulled, r->skipped,
                   self->pending, self->conflicts, self->rejected);
  r->returned = TRUE;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Push */

static QuorumApiConflict *
find_conflict (QuorumApiPushAnswer *answer,
               const char          *change_id)
{
  for (guint i = 0; answer->conflicts && i < answer->conflicts->len; i++)
    {
      QuorumApiConflict *c = g_ptr_array_index (answer->conflicts, i);
      if (g_strcmp0 (c->change_id, change_id) == 0)
        return c;
    }
  return NULL;
}

static void
push_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApiPushAnswer) answer = quorum_api_push_finish (QUORUM_API (source), result, &error);
  g_autoptr(GHashTable) by_id = NULL;
  guint applied = 0, conflicts = 0, rejected = 0, clean = 0;

  if (answer == NULL)
    {
      /* The batch stays sent: the same change_ids go again next time,
       * and the server answers "duplicate" for what it already took. */
      fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < r->batch->len; i++)
    {
      QuorumChange *c = g_ptr_array_index (r->batch, i);
      g_hash_table_insert (by_id, c->change_id, c);
    }

  for (guint i = 0; i < answer->results->len; i++)
    {
      QuorumApiPushResult *res = g_ptr_array_index (answer->results, i);
      QuorumChange *c = res->change_id ? g_hash_table_lookup (by_id, res->change_id) : NULL;
      gboolean ok = TRUE;

      if (c == NULL)
        {
          quorum_log_error ("push: a result for a change that was not sent (%s)", res->change_id ? res->change_id : "?");
          continue;
        }
      g_hash_table_remove (by_id, res->change_id);
      switch (res->status)
        {
        case QUORUM_PUSH_APPLIED:
          ok = quorum_store_push_applied (self->store, c, res->entity_id, res->data, res->modified_at, &error);
          applied++;
          break;
        case QUORUM_PUSH_CONFLICT:
          {
            QuorumApiConflict *info = find_conflict (answer, c->change_id);
            gboolean was_clean = FALSE;
            if (info == NULL)
              {
                quorum_log_error ("push: conflict for %s without its conflicts entry; will ask again", c->change_id);
                continue;
              }
            ok = quorum_store_push_conflict (self->store, c, info->server_data, info->server_version, &was_clean, &error);
            clean += was_clean;
            conflicts += !was_clean;
          }
          break;
        case QUORUM_PUSH_REJECTED:
          ok = quorum_store_push_rejected (self->store, c, res->error, &error);
          rejected++;
          break;
        default:
          break;
        }
      if (!ok)
        {
          fail (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
    }

  r->pushed += applied;
  quorum_log_sync ("push: %u sent, %u applied, %u merged, %u conflicts, %u rejected, %u unanswered (%.0f ms)",
                   r->batch->len, applied, clean, conflicts, rejected, g_hash_table_size (by_id),
                   ms_since (r->t_phase));
  quorum_sync_engine_set_progress (self, "push", r->pushed, self->total);
  g_clear_pointer (&r->batch, g_ptr_array_unref);

  /* Answers that left nothing to send next would only loop. */
  if (applied + conflicts + rejected + clean == 0)
    resolve_next (g_steal_pointer (&task));
  else
    push_next (g_steal_pointer (&task));
}

static void
push_next (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) json = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  r->batch = quorum_store_take_push_batch (self->store, PUSH_BATCH, &error);
  if (r->batch == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (r->batch->len == 0)
    {
      g_clear_pointer (&r->batch, g_ptr_array_unref);
      r->resolve_index = 0;
      r->resolved_ok = 0;
      g_clear_pointer (&r->resolves, g_ptr_array_unref);
      r->resolves = quorum_store_list_resolves (self->store, &error);
      if (r->resolves == NULL)
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
      resolve_next (task);
      return;
    }

  json = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < r->batch->len; i++)
    g_ptr_array_add (json, quorum_change_to_push_json (g_ptr_array_index (r->batch, i), NULL));
  r->t_phase = g_get_monotonic_time ();
  quorum_api_push_async (r->api, quorum_store_get_client_id (self->store), json,
                         g_task_get_cancellable (task), push_done, task);
}

/* Resolve */

static JsonObject *
resolve_request (QuorumSyncEngine   *self,
                 const QuorumChange *c)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "client_id", quorum_store_get_client_id (self->store));
  json_object_set_string_member (o, "change_id", c->change_id);
  json_object_set_int_member (o, "meeting_id", c->entity_id);
  json_object_set_string_member (o, "resolution", c->resolution ? c->resolution : "keep_server");
  if (c->server_version)
    json_object_set_string_member (o, "server_version", c->server_version);
  else
    json_object_set_null_member (o, "server_version");
  json_object_set_object_member (o, "local_changes",
                                 c->data ? quorum_meeting_to_json (c->data, c->mask, FALSE) : json_object_new ());
  if (c->ignore_unavailable)
    json_object_set_boolean_member (o, "ignore_unavailable", TRUE);
  return o;
}

static void
resolve_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  QuorumChange *c = g_ptr_array_index (r->resolves, r->resolve_index);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApiResolveAnswer) answer = quorum_api_resolve_finish (QUORUM_API (source), result, &error);
  gboolean ok = TRUE;

  if (answer)
    {
      ok = quorum_store_resolve_applied (self->store, c, answer->data, answer->created, &error);
      r->pushed++;
      r->resolved_ok++;
      quorum_log_sync ("resolve: %s applied%s", c->resolution, answer->duplicate ? " (duplicate)" : "");
    }
  else if (error->domain == QUORUM_API_ERROR && error->code == QUORUM_API_ERROR_SYNC_CONFLICT)
    {
      const QuorumApiErrorInfo *info = quorum_api_error_get_info (error);
      JsonObject *entry = NULL;
      JsonNode *list = info && info->body ? json_object_get_member (info->body, "conflicts") : NULL;
      JsonObject *server = NULL;
      const char *version = NULL;

      if (list && JSON_NODE_HOLDS_ARRAY (list) && json_array_get_length (json_node_get_array (list)) > 0)
        {
          JsonNode *first = json_array_get_element (json_node_get_array (list), 0);
          if (JSON_NODE_HOLDS_OBJECT (first))
            entry = json_node_get_object (first);
        }
      if (entry)
        {
          JsonNode *sd = json_object_get_member (entry, "server_data");
          JsonNode *sv = json_object_get_member (entry, "server_version");
          if (sd && JSON_NODE_HOLDS_OBJECT (sd))
            server = json_node_get_object (sd);
          if (sv && JSON_NODE_HOLDS_VALUE (sv) && json_node_get_value_type (sv) == G_TYPE_STRING)
            version = json_node_get_string (sv);
        }
      g_clear_error (&error);
      quorum_log_sync ("resolve: the meeting changed again on the server; asking the user again");
      ok = quorum_store_resolve_stale (self->store, c, server, version, &error);
    }
  else if (error->domain == QUORUM_API_ERROR &&
           (error->code == QUORUM_API_ERROR_MEETING_CONFLICT ||
            error->code == QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE ||
            error->code == QUORUM_API_ERROR_PERMISSION_DENIED ||
            error->code == QUORUM_API_ERROR_NOT_FOUND ||
            error->code == QUORUM_API_ERROR_VALIDATION))
    {
      const QuorumApiErrorInfo *info = quorum_api_error_get_info (error);
      g_autoptr(JsonObject) body = NULL;

      if (info && info->body)
        body = json_object_ref (info->body);
      else
        {
          body = json_object_new ();
          json_object_set_string_member (body, "code", quorum_api_error_code_to_string (error->code));
          json_object_set_string_member (body, "message", error->message);
        }
      quorum_log_sync ("resolve: %s refused (%s)", c->resolution, quorum_api_error_code_to_string (error->code));
      g_clear_error (&error);
      ok = quorum_store_push_rejected (self->store, c, body, &error);
    }
  else
    {
      fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  if (!ok)
    {
      fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  r->resolve_index++;
  resolve_next (g_steal_pointer (&task));
}

static void
resolve_next (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (r->resolves && r->resolve_index < r->resolves->len)
    {
      g_autoptr(JsonObject) request = resolve_request (self, g_ptr_array_index (r->resolves, r->resolve_index));
      quorum_sync_engine_set_progress (self, "resolve", r->resolve_index, r->resolves->len);
      quorum_api_resolve_async (r->api, request, g_task_get_cancellable (task), resolve_done, task);
      return;
    }

  /* Settled resolutions unblock the edits queued behind them. */
  if (r->resolved_ok > 0 && r->passes < MAX_PASSES)
    {
      r->passes++;
      r->resolved_ok = 0;
      g_clear_pointer (&r->resolves, g_ptr_array_unref);
      push_next (task);
      return;
    }
  pull_start (task);
}

/* Pull */

typedef struct {
  QuorumStore       *store;
  QuorumApiPullPage *page;
  guint              skipped;
} ApplyData;

static void
apply_data_free (ApplyData *d)
{
  g_clear_object (&d->store);
  g_clear_pointer (&d->page, quorum_api_pull_page_free);
  g_free (d);
}

static void
apply_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ApplyData *d = task_data;
  GError *error = NULL;

  if (quorum_store_apply_pull_page (d->store, d->page, &d->skipped, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void pull_page  (GTask *task, const char *cursor);
static void start_apply (GTask *task, QuorumApiPullPage *page);

/* What to do once no page is being applied: apply the page that arrived
 * meanwhile, act on the fetch's failure, wait for the fetch, or end. */
static void
pull_continue (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);

  if (r->next_page)
    {
      QuorumApiPullPage *page = g_steal_pointer (&r->next_page);

      start_apply (task, page);
      return;
    }
  if (r->next_error)
    {
      GError *error = g_steal_pointer (&r->next_error);

      if (g_error_matches (error, QUORUM_API_ERROR, QUORUM_API_ERROR_CURSOR_EXPIRED) && !r->full_restarted)
        {
          quorum_log_sync ("pull: cursor expired; pulling everything again");
          r->full_restarted = TRUE;
          g_clear_error (&error);
          if (!quorum_store_begin_full_pull (self->store, &error))
            {
              fail (task, error);
              return;
            }
          pull_page (task, NULL);
          return;
        }
      fail (task, error);
      return;
    }
  if (r->fetching)
    {
      g_object_unref (task);   /* pull_done holds its own ref and resumes */
      return;
    }
  quorum_log_sync ("pull: %u entities (%u skipped as malformed) in %.0f ms",
                   r->pulled, r->skipped, ms_since (r->t_phase));
  finish (task);
}

static void
page_applied (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  GTask *apply = G_TASK (result);
  ApplyData *d = g_task_get_task_data (apply);
  g_autoptr(GError) error = NULL;

  r->applying = FALSE;
  if (r->returned)
    {
      g_object_unref (task);
      return;
    }
  if (!g_task_propagate_boolean (apply, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  r->pulled += d->page->changes->len;
  r->skipped += d->skipped;
  quorum_sync_engine_set_progress (self, "pull", r->pulled, 0);
  g_signal_emit_by_name (self, "replica-changed");
  pull_continue (task);
}

/* Applies @page on a worker thread (its cursor commits with it) and, when
 * the server has more, fetches the next page meanwhile: a first sync is
 * bound by the slower of the two, not by their sum. */
static void
start_apply (GTask             *task,
             QuorumApiPullPage *page)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GTask) apply = NULL;
  ApplyData *d;

  if (page->has_more && page->cursor && !r->fetching)
    pull_page (g_object_ref (task), page->cursor);

  d = g_new0 (ApplyData, 1);
  d->store = g_object_ref (self->store);
  d->page = page;
  r->applying = TRUE;
  apply = g_task_new (self, cancellable, page_applied, task);
  g_task_set_source_tag (apply, start_apply);
  g_task_set_task_data (apply, d, (GDestroyNotify) apply_data_free);
  g_task_run_in_thread (apply, apply_in_thread);
}

static void
pull_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Round *r = g_task_get_task_data (task);
  GError *error = NULL;
  QuorumApiPullPage *page = quorum_api_pull_finish (QUORUM_API (source), result, &error);

  r->fetching = FALSE;
  if (r->returned)
    {
      g_clear_pointer (&page, quorum_api_pull_page_free);
      g_clear_error (&error);
      g_object_unref (task);
      return;
    }
  if (page)
    r->next_page = page;
  else
    r->next_error = error;
  if (r->applying)
    {
      g_object_unref (task);   /* page_applied holds its own ref and resumes */
      return;
    }
  pull_continue (task);
}

static void
pull_page (GTask      *task,
           const char *cursor)
{
  Round *r = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      r->returned = TRUE;
      g_object_unref (task);
      return;
    }
  r->fetching = TRUE;
  quorum_api_pull_async (r->api, cursor, PULL_LIMIT, g_task_get_cancellable (task), pull_done, task);
}

static void
pull_start (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  g_autofree char *cursor = quorum_store_get_state (self->store, "cursor");
  g_autofree char *full = quorum_store_get_state (self->store, "full_pull");
  g_autoptr(GError) error = NULL;

  r->t_phase = g_get_monotonic_time ();
  quorum_sync_engine_set_progress (self, "pull", 0, 0);
  /* No cursor: everything, as a full pull that drops what it does not
   * bring back (a fresh replica, or one whose full pull was cut short). */
  if (cursor == NULL && full == NULL && !quorum_store_begin_full_pull (self->store, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  pull_page (task, cursor);
}

/* Start */

static void
start_push (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);

  self->total = quorum_store_count_outbox (self->store, 0);
  quorum_sync_engine_set_progress (self, "push", 0, self->total);
  r->t_phase = g_get_monotonic_time ();
  push_next (task);
}

/* Clocks further apart than this make "as of" times and the server's
 * version stamps confusing; worth a line in the log. */
#define CLOCK_SKEW_WARN_US (5 * 60 * G_USEC_PER_SEC)

static void
health_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApiHealth) health = quorum_api_health_finish (QUORUM_API (source), result, &error);

  if (health == NULL)
    {
      quorum_log_sync ("health: %s", error->message);
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (health->server_time != 0)
    {
      gint64 skew = health->server_time - g_get_real_time ();

      if (ABS (skew) > CLOCK_SKEW_WARN_US)
        quorum_log_sync ("health: the server's clock is %+" G_GINT64_FORMAT " s from ours",
                         skew / G_USEC_PER_SEC);
    }
  quorum_log_sync ("health: %s", health->status ? health->status : "?");
  start_push (task);
}

static void
begin (GTask *task)
{
  QuorumSyncEngine *self = engine_of (task);
  Round *r = g_task_get_task_data (task);
  gint64 not_before;

  g_set_object (&r->api, quorum_account_get_api (self->account));
  not_before = quorum_api_get_not_before (r->api);
  if (not_before > g_get_real_time ())
    {
      /* Invariant 6: nothing goes to the server before not-before. */
      fail (task, quorum_api_error_new_rate_limited ((not_before - g_get_real_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
      return;
    }
  if (self->probe_health)
    {
      /* After a failed round, ask /health/ first (no auth, cheap): it
       * tells "server down" (5xx, HTML 502) from "network down" before
       * any token or change is spent on a dead server. */
      GCancellable *cancellable = g_task_get_cancellable (task);

      quorum_api_health_async (r->api, cancellable, health_done, task);
      return;
    }
  start_push (task);
}

static void
account_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!quorum_account_load_finish (QUORUM_ACCOUNT (source), result, &error))
    {
      if (error == NULL)
        error = quorum_api_error_new_literal (QUORUM_API_ERROR_LOGIN_REQUIRED, "Not signed in");
      fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  begin (g_steal_pointer (&task));
}

void
quorum_sync_round_run (QuorumSyncEngine *self,
                       GTask            *task)
{
  Round *r = g_new0 (Round, 1);

  r->t_round = g_get_monotonic_time ();
  g_task_set_task_data (task, r, (GDestroyNotify) round_free);
  quorum_log_sync ("round: start (%u changes waiting)", quorum_store_count_outbox (self->store, 0));

  if (!quorum_account_is_configured (self->account))
    {
      fail (task, quorum_api_error_new_literal (QUORUM_API_ERROR_LOGIN_REQUIRED, _("No account: sign in first")));
      return;
    }
  if (quorum_account_get_api (self->account) == NULL ||
      !quorum_auth_get_logged_in (quorum_account_get_auth (self->account)))
    {
      quorum_account_load_async (self->account, g_task_get_cancellable (task), account_loaded, task);
      return;
    }
  begin (task);
}
