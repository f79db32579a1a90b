/* quorum-store-sync.h — what the sync engine asks of the replica
 *
 * Each call is one transaction: a push result, a resolve answer or a
 * pull page (with its cursor) is applied whole or not at all.
 */
#pragma once

#include "quorum-store.h"
#include "quorum-api.h"

G_BEGIN_DECLS

/* Takes up to @max changes to push, in outbox order, one per meeting,
 * skipping meetings whose earlier change waits (rejected, in conflict, a
 * resolution, or a create not yet applied); marks them sent (frozen) in
 * the same transaction.  Sent-but-unanswered changes go again as they
 * were. */
GPtrArray *quorum_store_take_push_batch  (QuorumStore *self,
                                          guint        max,
                                          GError     **error);
/* Queued resolutions, oldest first (sent ones again, idempotent). */
GPtrArray *quorum_store_list_resolves    (QuorumStore *self,
                                          GError     **error);

/* applied or duplicate: maps the local_id to @entity_id, stores @data as
 * the new base (or as the row when nothing else waits), drops the change
 * and rebases the changes queued behind it. */
gboolean   quorum_store_push_applied     (QuorumStore        *self,
                                          const QuorumChange *change,
                                          gint64              entity_id,
                                          JsonObject         *data,
                                          const char         *modified_at,
                                          GError            **error);
gboolean   quorum_store_push_rejected    (QuorumStore        *self,
                                          const QuorumChange *change,
                                          JsonObject         *error_object,
                                          GError            **error);
/* Three-way merge of the change's base, the local row and @server_data
 * (NULL: deleted on the server).  Clean → a "merge" resolution is queued
 * (*out_clean TRUE); else a conflict record for the user. */
gboolean   quorum_store_push_conflict    (QuorumStore        *self,
                                          const QuorumChange *change,
                                          JsonObject         *server_data,
                                          const char         *server_version,
                                          gboolean           *out_clean,
                                          GError            **error);

gboolean   quorum_store_resolve_applied  (QuorumStore        *self,
                                          const QuorumChange *change,
                                          JsonObject         *data,
                                          JsonObject         *created,
                                          GError            **error);
/* The server moved on again (409 sync_conflict): a fresh conflict. */
gboolean   quorum_store_resolve_stale    (QuorumStore        *self,
                                          const QuorumChange *change,
                                          JsonObject         *server_data,
                                          const char         *server_version,
                                          GError            **error);

/* Starts a full pull (first sync, or after 410): forgets the cursor and
 * opens a new generation; rows the full pull does not bring back are
 * dropped at its end unless they have local changes. */
gboolean   quorum_store_begin_full_pull  (QuorumStore *self,
                                          GError     **error);
/* Applies one page and stores its cursor in one transaction.  Entries
 * whose data is malformed are skipped (and counted in *out_skipped). */
gboolean   quorum_store_apply_pull_page  (QuorumStore       *self,
                                          QuorumApiPullPage *page,
                                          guint             *out_skipped,
                                          GError           **error);

G_END_DECLS
