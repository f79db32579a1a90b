/* quorum-api-private.h — what QuorumApi and QuorumAuth share, nobody else
 *
 * The request core lives in quorum-api.c, the endpoints in
 * quorum-api-endpoints.c and their defensive readers in quorum-api-read.c.  The auth hooks below are
 * how the api signs a request without ever holding a token itself.
 */
#pragma once

#include <libsoup/soup.h>
#include "quorum-api.h"
#include "quorum-auth.h"

G_BEGIN_DECLS

typedef enum {
  QUORUM_API_CALL_NONE                  = 0,
  QUORUM_API_CALL_AUTH                  = 1 << 0, /* Bearer token, refresh + retry once on 401 */
  QUORUM_API_CALL_ACCEPT_SYNC_CONFLICT  = 1 << 1, /* a 409 sync_conflict body is an answer (push) */
} QuorumApiCallFlags;

/* One request: @path_and_query is appended to the base URL ("/api/...").
 * Returns the parsed body (NULL for an empty one) and the HTTP status. */
void      quorum_api_call_async  (QuorumApi           *self,
                                  const char          *method,
                                  const char          *path_and_query,
                                  JsonNode            *body,
                                  QuorumApiCallFlags   flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
JsonNode *quorum_api_call_finish (QuorumApi     *self,
                                  GAsyncResult  *result,
                                  guint         *out_status,
                                  GError       **error);

/* Parses a response body defensively: UTF-8, bounded nesting and string
 * sizes, then JSON.  An empty body gives NULL without error. */
JsonNode *quorum_api_parse_body  (const guint8 *data,
                                  gsize         size,
                                  GError      **error);

/* Readers of 2xx answers (quorum-api-read.c): @node is the body (NULL for
 * an empty one), @status its HTTP status, @expected what the endpoint asks
 * for (a count or flags).  NULL with BAD_RESPONSE unless every member has
 * the contract's type. */
typedef gpointer (*ParseFunc) (JsonNode *node, guint status, gsize expected, GError **error);

gpointer  quorum_api_read_tokens        (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_true          (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_me            (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_pull          (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_push          (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_resolve       (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_check         (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_freebusy      (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_integrations  (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_reauthorize   (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_status_string (JsonNode *node, guint status, gsize expected, GError **error);
gpointer  quorum_api_read_health        (JsonNode *node, guint status, gsize expected, GError **error);

/* Auth hooks (quorum-auth.c). */
/* Makes sure a usable access token is held, refreshing early when it
 * expires within a minute.  LOGIN_REQUIRED when there are no tokens. */
void      quorum_auth_prepare_async   (QuorumAuth          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  quorum_auth_prepare_finish  (QuorumAuth    *self,
                                       GAsyncResult  *result,
                                       GError       **error);
/* Sets the Authorization header; *out_generation names the token used. */
gboolean  quorum_auth_authorize_message (QuorumAuth  *self,
                                         SoupMessage *message,
                                         guint       *out_generation);
/* The token of @stale_generation was refused: refresh (single flight), or
 * return at once when a newer token is already held. */
void      quorum_auth_refresh_async   (QuorumAuth          *self,
                                       guint                stale_generation,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  quorum_auth_refresh_finish  (QuorumAuth    *self,
                                       GAsyncResult  *result,
                                       GError       **error);

G_END_DECLS
