/* quorum-sign-in-dialog.h — server address, username, password */
#pragma once

#include <adwaita.h>
#include "quorum-account.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_SIGN_IN_DIALOG (quorum_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QuorumSignInDialog, quorum_sign_in_dialog, QUORUM, SIGN_IN_DIALOG, AdwWindow)

/* Signals: signed-in () — the account holds tokens; the dialog closes. */
QuorumSignInDialog *quorum_sign_in_dialog_new        (GtkWindow     *parent,
                                                      QuorumAccount *account,
                                                      const char    *server);
/* For tests: fill the fields and press Sign In. */
void                quorum_sign_in_dialog_set_fields (QuorumSignInDialog *self,
                                                      const char         *server,
                                                      const char         *username,
                                                      const char         *password);
void                quorum_sign_in_dialog_submit     (QuorumSignInDialog *self);
/* Without a keyring the dialog says so and offers, then only, to keep
 * the session in a file (mode 0600) instead; TRUE while it does. */
gboolean            quorum_sign_in_dialog_offers_file (QuorumSignInDialog *self);
/* That second choice, as its button. */
void                quorum_sign_in_dialog_submit_keep_in_file (QuorumSignInDialog *self);
/* TRUE while a sign-in request runs. */
gboolean            quorum_sign_in_dialog_is_busy    (QuorumSignInDialog *self);
/* The explanation shown after a failure, or NULL. */
const char         *quorum_sign_in_dialog_get_error_text (QuorumSignInDialog *self);

G_END_DECLS
