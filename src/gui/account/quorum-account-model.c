/* quorum-account-model.c — sign-in errors, online-ness, integration rows */
#include "config.h"
#include "quorum-account-model.h"
#include "quorum-api-error.h"
#include "quorum-token-store.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <string.h>

char *
quorum_sign_in_normalize_server (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  gsize len;

  if (*s == '\0')
    return NULL;
  /* People type the host name as the browser shows it; the client speaks
   * https unless told otherwise. */
  if (strstr (s, "://") == NULL)
    {
      char *with = g_strconcat ("https://", s, NULL);
      g_free (s);
      s = with;
    }
  len = strlen (s);
  while (len > 0 && s[len - 1] == '/' && !g_str_has_suffix (s, "://"))
    s[--len] = '\0';
  return g_steal_pointer (&s);
}

static gboolean
filled (const char *s)
{
  if (s == NULL)
    return FALSE;
  while (g_ascii_isspace (*s))
    s++;
  return *s != '\0';
}

gboolean
quorum_sign_in_can_submit (const char *server,
                           const char *username,
                           const char *password)
{
  /* A password may be spaces; only its presence counts. */
  return filled (server) && filled (username) && password != NULL && *password != '\0';
}

char *
quorum_sign_in_error_text (const GError *error,
                           const char   *server)
{
  if (error == NULL)
    return g_strdup (_("Signing in failed."));
  if (error->domain == QUORUM_TOKEN_STORE_ERROR)
    return g_strdup (_("Signed in, but the password keyring is not available to keep the session. "
                       "Unlock or install a keyring and try again, or keep the session in a file."));
  if (error->domain != QUORUM_API_ERROR)
    return g_strdup_printf (_("Signing in failed: %s"), error->message);

  switch ((QuorumApiError) error->code)
    {
    case QUORUM_API_ERROR_INSECURE_URL:
      if (server != NULL && g_ascii_strncasecmp (server, "http://", 7) == 0)
        return g_strdup (_("This address uses plain http://, which would send your password "
                           "unencrypted. Use an https:// address; plain http is only allowed "
                           "to a server on this computer."));
      return g_strdup (_("This is not a valid server address. Type it like "
                         "https://meetings.example.com."));
    case QUORUM_API_ERROR_INVALID_CREDENTIALS:
    case QUORUM_API_ERROR_VALIDATION:
      return g_strdup (_("The username or password is wrong. Check them and try again."));
    case QUORUM_API_ERROR_NETWORK:
      return g_strdup (_("The server could not be reached. Check the address and your network "
                         "connection, or try again later."));
    case QUORUM_API_ERROR_TLS:
      return g_strdup (_("The server’s certificate is not trusted, so the connection is not safe. "
                         "Ask your administrator for the right address or certificate."));
    case QUORUM_API_ERROR_RATE_LIMITED:
      return g_strdup (_("Too many sign-in attempts. Wait a minute and try again."));
    case QUORUM_API_ERROR_PERMISSION_DENIED:
    case QUORUM_API_ERROR_TOKEN_INVALID:
    case QUORUM_API_ERROR_LOGIN_REQUIRED:
      return g_strdup (_("The server refused this account. It may have been deactivated."));
    case QUORUM_API_ERROR_NOT_FOUND:
    case QUORUM_API_ERROR_BAD_RESPONSE:
      return g_strdup (_("This address does not answer like a Quorum meeting server. Check the address."));
    case QUORUM_API_ERROR_SERVER:
      return g_strdup (_("The server has a problem right now. Try again later."));
    default:
      return g_strdup_printf (_("Signing in failed: %s"), error->message);
    }
}

gboolean
quorum_sync_is_online (gboolean        configured,
                       QuorumSyncState state)
{
  if (!configured)
    return FALSE;
  return state == QUORUM_SYNC_STATE_SYNCED || state == QUORUM_SYNC_STATE_SYNCING ||
         state == QUORUM_SYNC_STATE_NEEDS_ATTENTION;
}

/* The sync round's messages, marked here so they reach the catalogue. */
static const char * const known_reasons[] = {
  N_("The server could not be reached"),
  N_("No network connection"),
  N_("Too many requests: the server asked to wait"),
  N_("Sign in again: the server no longer accepts this session"),
  N_("No account: sign in first"),
};

const char *
quorum_sync_reason_text (const char *message)
{
  if (message == NULL || *message == '\0')
    return _("network error");
  for (guint i = 0; i < G_N_ELEMENTS (known_reasons); i++)
    if (g_str_equal (message, known_reasons[i]))
      return _(known_reasons[i]);
  return message;
}

const char *
quorum_integration_provider_name (const char *provider)
{
  if (g_strcmp0 (provider, "google") == 0)
    return _("Google Calendar");
  if (g_strcmp0 (provider, "outlook") == 0)
    return _("Outlook");
  return provider ? provider : "";
}

const char *
quorum_integration_status_text (const char *status)
{
  if (g_strcmp0 (status, "ok") == 0)
    return _("Working");
  if (g_strcmp0 (status, "error") == 0)
    return _("Needs attention");
  if (g_strcmp0 (status, "disconnected") == 0)
    return _("Not connected");
  return _("Unknown");
}

char *
quorum_integration_subtitle (const char *status,
                             const char *last_sync,
                             const char *error_message,
                             const char *error_details,
                             GTimeZone  *tz)
{
  gint64 us = 0;

  if (g_strcmp0 (status, "error") == 0 && (error_message || error_details))
    {
      if (error_message && error_details)
        return g_strdup_printf ("%s (%s)", error_message, error_details);
      return g_strdup (error_message ? error_message : error_details);
    }
  if (g_strcmp0 (status, "disconnected") == 0)
    return g_strdup (_("Reauthorize to connect this calendar again"));
  if (last_sync != NULL && quorum_time_parse_rfc3339 (last_sync, &us))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;

      if (when != NULL)
        /* Translators: %s is a date and time */
        return g_strdup_printf (_("Last synced %s"), when);
    }
  return g_strdup (_("Not synced yet"));
}
