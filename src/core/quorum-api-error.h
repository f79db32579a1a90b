/* quorum-api-error.h — the error domain of the API client
 *
 * Every failure of a request is a GError of QUORUM_API_ERROR (or
 * G_IO_ERROR_CANCELLED).  The domain is an *extended* GError domain
 * (GLib 2.68): each error carries a QuorumApiErrorInfo — HTTP status, the
 * server's code string, retry_after and the whole JSON error object — that
 * travels with the GError through g_task_return_error, g_propagate_error and
 * g_error_copy, and is freed with it.  No side table, no lifetime puzzles.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define QUORUM_API_ERROR (quorum_api_error_quark ())

typedef enum {
  QUORUM_API_ERROR_VALIDATION = 1,          /* 400 validation_error (fields) */
  QUORUM_API_ERROR_INVALID_CREDENTIALS,     /* 401 invalid_credentials */
  QUORUM_API_ERROR_TOKEN_INVALID,           /* 401 token_invalid / DRF token_not_valid */
  QUORUM_API_ERROR_PERMISSION_DENIED,       /* 403 */
  QUORUM_API_ERROR_NOT_FOUND,               /* 404 */
  QUORUM_API_ERROR_MEETING_CONFLICT,        /* 409 (conflict_details) */
  QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE, /* 409 (unavailable_participants) */
  QUORUM_API_ERROR_SYNC_CONFLICT,           /* 409 (conflicts) */
  QUORUM_API_ERROR_CURSOR_EXPIRED,          /* 410 */
  QUORUM_API_ERROR_RATE_LIMITED,            /* 429, or refused locally before not-before */
  QUORUM_API_ERROR_SERVER,                  /* 5xx */
  QUORUM_API_ERROR_NETWORK,                 /* cannot connect, dropped, timed out */
  QUORUM_API_ERROR_TLS,                     /* certificate not trusted */
  QUORUM_API_ERROR_BAD_RESPONSE,            /* not JSON, wrong shape, absurd size */
  QUORUM_API_ERROR_INSECURE_URL,            /* http:// to a non-loopback host, or no URL */
  QUORUM_API_ERROR_LOGIN_REQUIRED,          /* no tokens, or the refresh was refused */
  QUORUM_API_ERROR_HTTP,                    /* any other status */
} QuorumApiError;

/* What the server said, kept with the GError. */
typedef struct {
  guint       status;       /* HTTP status; 0 when nothing came back */
  char       *code;         /* the body's "code" (as sent, e.g. "token_not_valid"), or NULL */
  char       *message;      /* "message" or DRF "detail", or NULL */
  gint64      retry_after;  /* seconds; -1 when not given */
  JsonObject *body;         /* the whole error object (conflict_details,
                             * unavailable_participants, fields, conflicts,
                             * details, ...), or NULL when it was not one */
} QuorumApiErrorInfo;

GQuark      quorum_api_error_quark          (void);

/* The info carried by @error; NULL unless @error is of QUORUM_API_ERROR. */
const QuorumApiErrorInfo *quorum_api_error_get_info (const GError *error);

/* The contract's code string for @code ("meeting_conflict", ...), for
 * logs and the CLI's {"error": {"code": ...}}. */
const char *quorum_api_error_code_to_string (QuorumApiError code);

/* Builds the error for a finished HTTP exchange that was not a success:
 * decodes the contract's and DRF's error shapes, never trusting the body.
 * @retry_after_header may be NULL. */
GError     *quorum_api_error_from_response  (guint        status,
                                             const char  *retry_after_header,
                                             JsonNode    *body);

/* A QUORUM_API_ERROR with an empty info (status 0). */
GError     *quorum_api_error_new_literal    (QuorumApiError code,
                                             const char    *message);
/* Same, with a retry_after (RATE_LIMITED refused locally). */
GError     *quorum_api_error_new_rate_limited (gint64 retry_after_seconds);

G_END_DECLS
