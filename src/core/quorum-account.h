/* quorum-account.h — the signed-in account of this installation
 *
 * Builds the API client and its auth from what the replica remembers
 * (server, username, where the tokens live), persists the rate-limit
 * not-before time across restarts (invariant 6), and signs in and out.
 * Both faces use it, so nothing about an account is GUI-only.
 */
#pragma once

#include <gio/gio.h>
#include "quorum-store.h"
#include "quorum-api.h"
#include "quorum-auth.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_ACCOUNT (quorum_account_get_type ())
G_DECLARE_FINAL_TYPE (QuorumAccount, quorum_account, QUORUM, ACCOUNT, GObject)

QuorumAccount *quorum_account_new            (QuorumStore *store);
QuorumStore   *quorum_account_get_store      (QuorumAccount *self);
/* A server and username are known (tokens may still be missing). */
gboolean       quorum_account_is_configured  (QuorumAccount *self);
/* NULL until configured and quorum_account_load_* or login succeeded. */
QuorumApi     *quorum_account_get_api        (QuorumAccount *self);
QuorumAuth    *quorum_account_get_auth       (QuorumAccount *self);
gint64         quorum_account_get_user_id    (QuorumAccount *self);
/* An organisation's own CA (a PEM file) trusted besides the system's, for
 * this replica's server; NULL or "" trusts the system's alone.  Checked
 * (the file must load and hold a certificate) and kept in the replica, so
 * the CLI and the app share it. */
gboolean       quorum_account_set_ca_file    (QuorumAccount *self,
                                              const char    *ca_file,
                                              GError       **error);
/* The file set above, or NULL (free it). */
char          *quorum_account_get_ca_file    (QuorumAccount *self);

/* Builds api + auth from the replica's state and reads the tokens.
 * Returns TRUE when tokens were found (signed in). */
void           quorum_account_load_async     (QuorumAccount       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       quorum_account_load_finish    (QuorumAccount  *self,
                                              GAsyncResult   *result,
                                              GError        **error);

/* Signs in (refuses plain http to non-loopback hosts), stores the
 * tokens in the keyring or, with @insecure_storage, in DATA_DIR/tokens.json
 * (0600), and remembers server, username and user id in the replica. */
void           quorum_account_login_async    (QuorumAccount       *self,
                                              const char          *server,
                                              const char          *username,
                                              const char          *password,
                                              gboolean             insecure_storage,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       quorum_account_login_finish   (QuorumAccount  *self,
                                              GAsyncResult   *result,
                                              GError        **error);

/* Blacklists the refresh token and forgets the tokens; the replica and
 * every queued change stay. */
void           quorum_account_logout_async   (QuorumAccount       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       quorum_account_logout_finish  (QuorumAccount  *self,
                                              GAsyncResult   *result,
                                              GError        **error);

G_END_DECLS
