/* quorum-auth.h — the account's tokens: login, single-flight refresh, logout
 *
 * The only code that holds a token.  It signs QuorumApi's authenticated
 * requests (quorum_api_set_auth is called by quorum_auth_new), refreshes
 * the access token a minute before its JWT exp, and when a request is
 * refused with 401 token_invalid refreshes once for everybody: however
 * many requests fail together, one refresh is in flight and the others
 * wait for it.  A rotated refresh token is saved in the QuorumTokenStore,
 * durably, before the access token that came with it signs anything.
 *
 * When the server refuses the refresh (401), the tokens are forgotten (the
 * server URL and username stay) and "login-required" becomes TRUE.
 */
#pragma once

#include <gio/gio.h>
#include "quorum-api.h"
#include "quorum-token-store.h"

G_BEGIN_DECLS

/* Refresh when the access token expires within this many seconds. */
#define QUORUM_AUTH_REFRESH_MARGIN 60

#define QUORUM_TYPE_AUTH (quorum_auth_get_type ())
G_DECLARE_FINAL_TYPE (QuorumAuth, quorum_auth, QUORUM, AUTH, GObject)

/* Properties: server, username (construct), logged-in, login-required
 * (boolean, notify on the main context). */
QuorumAuth       *quorum_auth_new                (QuorumApi        *api,
                                                  QuorumTokenStore *store,
                                                  const char       *username);
QuorumApi        *quorum_auth_get_api            (QuorumAuth *self);
QuorumTokenStore *quorum_auth_get_token_store    (QuorumAuth *self);
const char       *quorum_auth_get_server         (QuorumAuth *self);
const char       *quorum_auth_get_username       (QuorumAuth *self);
gboolean          quorum_auth_get_logged_in      (QuorumAuth *self);
gboolean          quorum_auth_get_login_required (QuorumAuth *self);

/* Reads the tokens stored for server + username.  TRUE when some were. */
void     quorum_auth_load_async    (QuorumAuth          *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean quorum_auth_load_finish   (QuorumAuth    *self,
                                    GAsyncResult  *result,
                                    GError       **error);

/* POST /api/token/, then saves the tokens.  Wrong password:
 * QUORUM_API_ERROR_INVALID_CREDENTIALS. */
void     quorum_auth_login_async   (QuorumAuth          *self,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean quorum_auth_login_finish  (QuorumAuth    *self,
                                    GAsyncResult  *result,
                                    GError       **error);

/* Blacklists the refresh token on the server (best effort: offline, the
 * local tokens are forgotten all the same) and forgets the tokens.
 * Fails only when the token store cannot be cleared. */
void     quorum_auth_logout_async  (QuorumAuth          *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean quorum_auth_logout_finish (QuorumAuth    *self,
                                    GAsyncResult  *result,
                                    GError       **error);

G_END_DECLS
