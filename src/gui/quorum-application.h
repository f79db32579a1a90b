/* quorum-application.h — the application: owns the replica and the settings */
#pragma once

#include <adwaita.h>
#include "quorum-store.h"
#include "quorum-account.h"
#include "quorum-sync-engine.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_APPLICATION (quorum_application_get_type ())
G_DECLARE_FINAL_TYPE (QuorumApplication, quorum_application, QUORUM, APPLICATION, AdwApplication)

QuorumApplication *quorum_application_new          (void);
/* NULL until startup, or when the replica could not be opened (then
 * quorum_application_get_store_error() says why). */
QuorumStore       *quorum_application_get_store    (QuorumApplication *self);
const GError      *quorum_application_get_store_error (QuorumApplication *self);
/* NULL when the org.quorum.Quorum schema is not installed: callers use
 * their defaults then. */
GSettings         *quorum_application_get_settings (QuorumApplication *self);

/* The account and the sync engine over the replica (NULL when the
 * replica could not be opened). */
QuorumAccount     *quorum_application_get_account  (QuorumApplication *self);
QuorumSyncEngine  *quorum_application_get_engine   (QuorumApplication *self);
/* After a successful sign-in: automatic rounds start, and one runs now. */
void               quorum_application_signed_in    (QuorumApplication *self);

/* A GSettings for org.quorum.Quorum, or NULL when the schema is missing. */
GSettings         *quorum_settings_new_if_installed (void);

G_END_DECLS
