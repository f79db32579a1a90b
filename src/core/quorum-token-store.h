/* quorum-token-store.h — where the tokens of an account live between runs
 *
 * Two backends behind one async interface: the desktop keyring (Secret
 * Service, schema "org.quorum.Quorum.Token", attributes server and
 * username, the secret a JSON {"access", "refresh"}), or a file of mode
 * 0600 written atomically (--insecure-storage).  A save has completed
 * durably when its callback runs; QuorumAuth relies on that.
 */
#pragma once

#include <gio/gio.h>
#include "quorum-api.h"

G_BEGIN_DECLS

#define QUORUM_TOKEN_STORE_ERROR (quorum_token_store_error_quark ())

typedef enum {
  QUORUM_TOKEN_STORE_ERROR_UNAVAILABLE = 1,  /* no keyring, or the file cannot be written */
  QUORUM_TOKEN_STORE_ERROR_CORRUPT,          /* the stored secret is not what we wrote */
} QuorumTokenStoreError;

GQuark quorum_token_store_error_quark (void);

#define QUORUM_TOKEN_STORE_SCHEMA_NAME "org.quorum.Quorum.Token"

#define QUORUM_TYPE_TOKEN_STORE (quorum_token_store_get_type ())
G_DECLARE_FINAL_TYPE (QuorumTokenStore, quorum_token_store, QUORUM, TOKEN_STORE, GObject)

QuorumTokenStore *quorum_token_store_new_secret (void);
QuorumTokenStore *quorum_token_store_new_file   (const char *path);
/* FALSE for the file backend. */
gboolean          quorum_token_store_is_secure  (QuorumTokenStore *self);
/* The file backend's path, or NULL. */
const char       *quorum_token_store_get_path   (QuorumTokenStore *self);

void             quorum_token_store_save_async  (QuorumTokenStore      *self,
                                                 const char            *server,
                                                 const char            *username,
                                                 const QuorumApiTokens *tokens,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean         quorum_token_store_save_finish (QuorumTokenStore *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

/* NULL without an error when nothing is stored for that account. */
void             quorum_token_store_load_async  (QuorumTokenStore    *self,
                                                 const char          *server,
                                                 const char          *username,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
QuorumApiTokens *quorum_token_store_load_finish (QuorumTokenStore *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

void             quorum_token_store_clear_async  (QuorumTokenStore    *self,
                                                  const char          *server,
                                                  const char          *username,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         quorum_token_store_clear_finish (QuorumTokenStore *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);

G_END_DECLS
