/* quorum-api-error.c — decoding the server's error shapes, defensively */
#include "quorum-api-error.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

/* A day: a longer wait is a server bug, not a plan; less than a second
 * would make the client hammer a throttled server. */
#define RETRY_AFTER_MAX     (24 * 60 * 60)
#define RETRY_AFTER_DEFAULT 60
/* Server text ends up in GError messages, logs and dialogs. */
#define MESSAGE_MAX         1024

typedef QuorumApiErrorInfo QuorumApiErrorPrivate;

static void
quorum_api_error_private_init (QuorumApiErrorPrivate *priv)
{
  priv->status = 0;
  priv->code = NULL;
  priv->message = NULL;
  priv->retry_after = -1;
  priv->body = NULL;
}

static void
quorum_api_error_private_copy (const QuorumApiErrorPrivate *src,
                               QuorumApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->code = g_strdup (src->code);
  dest->message = g_strdup (src->message);
  dest->retry_after = src->retry_after;
  dest->body = src->body ? json_object_ref (src->body) : NULL;
}

static void
quorum_api_error_private_clear (QuorumApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->message, g_free);
  g_clear_pointer (&priv->body, json_object_unref);
}

G_DEFINE_EXTENDED_ERROR (QuorumApiError, quorum_api_error)

const QuorumApiErrorInfo *
quorum_api_error_get_info (const GError *error)
{
  if (error == NULL || error->domain != QUORUM_API_ERROR)
    return NULL;
  return quorum_api_error_get_private (error);
}

static const struct {
  QuorumApiError code;
  const char *name;
} code_names[] = {
  { QUORUM_API_ERROR_VALIDATION, "validation_error" },
  { QUORUM_API_ERROR_INVALID_CREDENTIALS, "invalid_credentials" },
  { QUORUM_API_ERROR_TOKEN_INVALID, "token_invalid" },
  { QUORUM_API_ERROR_PERMISSION_DENIED, "permission_denied" },
  { QUORUM_API_ERROR_NOT_FOUND, "not_found" },
  { QUORUM_API_ERROR_MEETING_CONFLICT, "meeting_conflict" },
  { QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE, "participant_unavailable" },
  { QUORUM_API_ERROR_SYNC_CONFLICT, "sync_conflict" },
  { QUORUM_API_ERROR_CURSOR_EXPIRED, "cursor_expired" },
  { QUORUM_API_ERROR_RATE_LIMITED, "rate_limit_exceeded" },
  { QUORUM_API_ERROR_SERVER, "server_error" },
  { QUORUM_API_ERROR_NETWORK, "network_error" },
  { QUORUM_API_ERROR_TLS, "tls_error" },
  { QUORUM_API_ERROR_BAD_RESPONSE, "bad_response" },
  { QUORUM_API_ERROR_INSECURE_URL, "insecure_url" },
  { QUORUM_API_ERROR_LOGIN_REQUIRED, "login_required" },
  { QUORUM_API_ERROR_HTTP, "http_error" },
};

const char *
quorum_api_error_code_to_string (QuorumApiError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (code_names[i].code == code)
      return code_names[i].name;
  return "error";
}

static gboolean
code_from_string (const char     *s,
                  QuorumApiError *out)
{
  if (s == NULL)
    return FALSE;
  /* SimpleJWT's own spelling of an unusable token. */
  if (g_str_equal (s, "token_not_valid"))
    s = "token_invalid";
  if (g_str_equal (s, "sync_failed"))
    s = "server_error";
  if (g_str_equal (s, "throttled"))
    s = "rate_limit_exceeded";
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (g_str_equal (code_names[i].name, s))
      {
        *out = code_names[i].code;
        return TRUE;
      }
  return FALSE;
}

static QuorumApiError
code_from_status (guint status)
{
  if (status >= 500 && status <= 599)
    return QUORUM_API_ERROR_SERVER;
  switch (status)
    {
    case 400: return QUORUM_API_ERROR_VALIDATION;
    case 401: return QUORUM_API_ERROR_TOKEN_INVALID;
    case 403: return QUORUM_API_ERROR_PERMISSION_DENIED;
    case 404: return QUORUM_API_ERROR_NOT_FOUND;
    case 410: return QUORUM_API_ERROR_CURSOR_EXPIRED;
    case 429: return QUORUM_API_ERROR_RATE_LIMITED;
    default:  return QUORUM_API_ERROR_HTTP;
    }
}

/* A member's string value, or NULL when absent or of another type. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
clamp_retry_after (gint64 seconds)
{
  if (seconds < 0)
    return -1;
  return CLAMP (seconds, 1, RETRY_AFTER_MAX);
}

static gint64
retry_after_from_header (const char *header)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  guint64 value;

  if (header == NULL)
    return -1;
  text = g_strstrip (g_strdup (header));
  if (g_ascii_string_to_unsigned (text, 10, 0,
                                  G_MAXINT64, &value, NULL))
    return clamp_retry_after ((gint64) MIN (value, (guint64) RETRY_AFTER_MAX));
  /* The other form RFC 9110 allows: an HTTP date. */
  date = soup_date_time_new_from_http_string (header);
  if (date != NULL)
    {
      gint64 wait = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;
      return clamp_retry_after (MAX (wait, 1));
    }
  return -1;
}

static gint64
retry_after_from_member (JsonObject *body)
{
  JsonNode *node = body ? json_object_get_member (body, "retry_after") : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_INT64)
        return clamp_retry_after (json_node_get_int (node));
      if (t == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);
          if (d >= 0 && d < RETRY_AFTER_MAX)
            return clamp_retry_after ((gint64) (d + 0.999));
          if (d >= RETRY_AFTER_MAX)
            return RETRY_AFTER_MAX;
        }
    }
  return -1;
}

static gint64
retry_after_from_detail (JsonObject *body)
{
  const char *detail;
  const char *p;

  /* DRF: "Request was throttled. Expected available in 12 seconds." */
  detail = member_string (body, "detail");
  if (detail != NULL && (p = strstr (detail, "available in ")) != NULL)
    {
      guint64 value = 0;
      const char *digits = p + strlen ("available in ");
      char *end = NULL;

      value = g_ascii_strtoull (digits, &end, 10);
      if (end != digits)
        return clamp_retry_after ((gint64) MIN (value, (guint64) RETRY_AFTER_MAX));
    }
  return -1;
}

static char *
truncated (const char *text)
{
  const char *end;

  if (text == NULL)
    return NULL;
  if (strlen (text) <= MESSAGE_MAX)
    return g_strdup (text);
  end = g_utf8_find_prev_char (text, text + MESSAGE_MAX);
  return g_strndup (text, end ? (gsize) (end - text) : 0);
}

GError *
quorum_api_error_new_literal (QuorumApiError code,
                              const char    *message)
{
  return g_error_new_literal (QUORUM_API_ERROR, code, message);
}

GError *
quorum_api_error_new_rate_limited (gint64 retry_after_seconds)
{
  GError *error;
  QuorumApiErrorPrivate *priv;

  error = g_error_new (QUORUM_API_ERROR, QUORUM_API_ERROR_RATE_LIMITED,
                       "Rate limited by the server; next request allowed in %" G_GINT64_FORMAT " s",
                       retry_after_seconds);
  priv = quorum_api_error_get_private (error);
  priv->status = 0;
  priv->code = g_strdup ("rate_limit_exceeded");
  priv->retry_after = retry_after_seconds;
  return error;
}

GError *
quorum_api_error_from_response (guint       status,
                                const char *retry_after_header,
                                JsonNode   *body)
{
  JsonObject *object = NULL;
  const char *code_string;
  const char *text;
  QuorumApiError code;
  QuorumApiErrorPrivate *priv;
  GError *error;
  g_autofree char *message = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    object = json_node_get_object (body);

  code_string = member_string (object, "code");
  text = member_string (object, "message");
  if (text == NULL)
    text = member_string (object, "detail");

  /* The status class wins where the code would contradict it: a 5xx is a
   * server failure and a 429 a throttle whatever the body says. */
  if (status >= 500 && status <= 599)
    code = QUORUM_API_ERROR_SERVER;
  else if (status == 429)
    code = QUORUM_API_ERROR_RATE_LIMITED;
  else if (!code_from_string (code_string, &code) ||
           code == QUORUM_API_ERROR_NETWORK || code == QUORUM_API_ERROR_TLS ||
           code == QUORUM_API_ERROR_BAD_RESPONSE || code == QUORUM_API_ERROR_INSECURE_URL ||
           code == QUORUM_API_ERROR_LOGIN_REQUIRED || code == QUORUM_API_ERROR_HTTP ||
           code == QUORUM_API_ERROR_SERVER || code == QUORUM_API_ERROR_RATE_LIMITED)
    /* Client-side codes are never taken from a server body. */
    code = code_from_status (status);

  message = truncated (text);
  error = g_error_new (QUORUM_API_ERROR, code, "%s (HTTP %u%s%s)",
                       message ? message : soup_status_get_phrase (status),
                       status,
                       code_string ? ", " : "",
                       code_string ? code_string : "");
  priv = quorum_api_error_get_private (error);
  priv->status = status;
  priv->code = truncated (code_string);
  priv->message = g_steal_pointer (&message);
  priv->body = object ? json_object_ref (object) : NULL;

  if (code == QUORUM_API_ERROR_RATE_LIMITED)
    {
      gint64 wait = retry_after_from_member (object);
      if (wait < 0)
        wait = retry_after_from_header (retry_after_header);
      if (wait < 0)
        wait = retry_after_from_detail (object);
      if (wait < 0)
        wait = RETRY_AFTER_DEFAULT;
      priv->retry_after = wait;
    }
  return error;
}
