/* quorum-account-model.h — what the sign-in, preferences and integrations
 * windows say, decided without a display
 *
 * Pure functions over GErrors and the server's integration objects, so the
 * words a user reads after a failed sign-in are tested without Xvfb.
 */
#pragma once

#include <glib.h>
#include "quorum-sync-engine.h"

G_BEGIN_DECLS

/* The address as typed, trimmed, with https:// added when no scheme was
 * given and the trailing slash removed; NULL for an empty text. */
char       *quorum_sign_in_normalize_server (const char *text);

/* Sign In is possible only with all three fields filled in. */
gboolean    quorum_sign_in_can_submit       (const char *server,
                                             const char *username,
                                             const char *password);

/* A plain-words explanation of why quorum_account_login_finish() failed
 * (refused http://, wrong password, unreachable server, ...). */
char       *quorum_sign_in_error_text       (const GError *error,
                                             const char   *server);

/* Sync is "online" when an account exists and the last round reached the
 * server: a save then goes out within seconds instead of waiting. */
gboolean    quorum_sync_is_online           (gboolean        configured,
                                             QuorumSyncState state);

/* The engine's (English, untranslated) error-message in the user's
 * language when it is one of the known ones; @message otherwise. */
const char *quorum_sync_reason_text         (const char *message);

/* "Google Calendar", "Outlook" or the provider as sent. */
const char *quorum_integration_provider_name (const char *provider);
/* "Working", "Needs attention", "Not connected" for ok/error/disconnected. */
const char *quorum_integration_status_text   (const char *status);
/* The subtitle of an integration row: its error message and details, or
 * when it last synced (@last_sync RFC 3339 or NULL). */
char       *quorum_integration_subtitle      (const char *status,
                                              const char *last_sync,
                                              const char *error_message,
                                              const char *error_details,
                                              GTimeZone  *tz);

G_END_DECLS
