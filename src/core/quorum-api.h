/* quorum-api.h — the HTTP client of server-api.md, asynchronous, typed
 *
 * QuorumApi speaks every endpoint of the contract to any conforming server
 * over libsoup 3.  It knows nothing of the replica.  Authenticated requests
 * ask the QuorumAuth attached with quorum_api_set_auth() for a token (the
 * auth refreshes early, single-flight, and a request refused with 401
 * token_invalid is retried once after a refresh).
 *
 * Every async call takes a GCancellable; every failure is a GError of
 * QUORUM_API_ERROR carrying a QuorumApiErrorInfo (quorum-api-error.h), or
 * G_IO_ERROR_CANCELLED.  Results are plain structs with JsonObjects the
 * caller converts (QuorumMeeting, rooms, users); they own references.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "quorum-api-error.h"

G_BEGIN_DECLS

/* Bodies larger than this are refused as BAD_RESPONSE. */
#define QUORUM_API_MAX_BODY (64 * 1024 * 1024)

typedef struct _QuorumAuth QuorumAuth;

#define QUORUM_TYPE_API (quorum_api_get_type ())
G_DECLARE_FINAL_TYPE (QuorumApi, quorum_api, QUORUM, API, GObject)

/* Checks @base_url (https, or http to a loopback host; no query) and
 * returns it normalised without a trailing slash, or NULL with
 * QUORUM_API_ERROR_INSECURE_URL. */
char        *quorum_api_normalize_base_url (const char *base_url,
                                            GError    **error);

QuorumApi   *quorum_api_new               (const char *base_url,
                                           GError    **error);
const char  *quorum_api_get_base_url      (QuorumApi *self);

/* Trusts the CA certificates of the PEM file @ca_file in addition to the
 * system's; NULL returns to the system's alone. */
gboolean     quorum_api_set_ca_file       (QuorumApi  *self,
                                           const char *ca_file,
                                           GError    **error);
/* I/O timeout (connect and each wait for the server), seconds; 0 = none. */
void         quorum_api_set_timeout       (QuorumApi *self,
                                           guint      seconds);
/* The auth that signs authenticated requests (held weakly: the auth owns
 * the api, not the other way round). */
void         quorum_api_set_auth          (QuorumApi  *self,
                                           QuorumAuth *auth);

/* Property "not-before" (gint64 µs since the epoch, notify): no request
 * is sent before it (RATE_LIMITED without touching the network).  Set by
 * every 429; the owner persists it and sets it again at startup. */
gint64       quorum_api_get_not_before    (QuorumApi *self);
void         quorum_api_set_not_before    (QuorumApi *self,
                                           gint64     not_before);

/* For tests and diagnostics (e.g. watching "request-queued"). */
GObject     *quorum_api_get_session       (QuorumApi *self);

/* ---- Results ------------------------------------------------------------ */

typedef struct {
  char *access;
  char *refresh;
} QuorumApiTokens;

void quorum_api_tokens_free (QuorumApiTokens *tokens); /* wipes the strings */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumApiTokens, quorum_api_tokens_free)

typedef enum {
  QUORUM_ENTITY_MEETING = 1,
  QUORUM_ENTITY_ROOM,
  QUORUM_ENTITY_USER,
} QuorumEntityType;

typedef struct {
  QuorumEntityType  entity_type;
  gint64            entity_id;
  char             *modified_at;
  gboolean          is_deleted;
  JsonObject       *data;        /* NULL when deleted */
} QuorumApiChange;

typedef struct {
  GPtrArray *changes;            /* QuorumApiChange*, unknown entity types left out */
  char      *cursor;             /* NULL if the server sent none */
  gboolean   has_more;
  char      *sync_time;
} QuorumApiPullPage;

void quorum_api_pull_page_free (QuorumApiPullPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumApiPullPage, quorum_api_pull_page_free)

typedef enum {
  QUORUM_PUSH_APPLIED = 1,
  QUORUM_PUSH_CONFLICT,
  QUORUM_PUSH_REJECTED,
} QuorumPushStatus;

typedef struct {
  char             *change_id;
  QuorumPushStatus  status;
  gint64            entity_id;   /* applied: the server id; else 0 */
  char             *modified_at; /* applied */
  JsonObject       *data;        /* applied: the meeting, or NULL */
  gboolean          duplicate;
  JsonObject       *error;       /* rejected: the §2 error object */
} QuorumApiPushResult;

typedef struct {
  char       *change_id;
  gint64      entity_id;
  char       *entity_type;
  char       *server_version;
  char       *local_version;
  JsonObject *server_data;       /* NULL: deleted on the server */
  JsonObject *raw;               /* the whole entry */
} QuorumApiConflict;

typedef struct {
  guint      status;             /* 200, or 409 when some change conflicted */
  GPtrArray *results;            /* QuorumApiPushResult*, in request order */
  GPtrArray *conflicts;          /* QuorumApiConflict* */
} QuorumApiPushAnswer;

void quorum_api_push_answer_free (QuorumApiPushAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumApiPushAnswer, quorum_api_push_answer_free)

typedef struct {
  char       *status;            /* "applied" */
  JsonObject *data;              /* the meeting, or NULL */
  JsonObject *created;           /* keep_both / re-created, or NULL */
  gboolean    duplicate;
} QuorumApiResolveAnswer;

void quorum_api_resolve_answer_free (QuorumApiResolveAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumApiResolveAnswer, quorum_api_resolve_answer_free)

typedef struct {
  char       *provider;
  char       *status;            /* ok, error, disconnected */
  char       *last_sync;         /* or NULL */
  JsonObject *error;             /* or NULL */
} QuorumApiIntegration;

void quorum_api_integration_free (QuorumApiIntegration *integration);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumApiIntegration, quorum_api_integration_free)

typedef struct {
  char   *status;
  gint64  server_time;           /* µs; 0 when absent or unparsable */
} QuorumApiHealth;

void quorum_api_health_free (QuorumApiHealth *health);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumApiHealth, quorum_api_health_free)

/* ---- Endpoints ---------------------------------------------------------- */

/* POST /api/token/ (no auth).  A 401 is INVALID_CREDENTIALS. */
void             quorum_api_login_async       (QuorumApi *self, const char *username,
                                               const char *password, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
QuorumApiTokens *quorum_api_login_finish      (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/token/refresh/ (no auth). */
void             quorum_api_refresh_async     (QuorumApi *self, const char *refresh,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
QuorumApiTokens *quorum_api_refresh_finish    (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/token/blacklist/ (no auth). */
void             quorum_api_blacklist_async   (QuorumApi *self, const char *refresh,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
gboolean         quorum_api_blacklist_finish  (QuorumApi *self, GAsyncResult *result, GError **error);

/* GET /api/v1/me/ → the user object (id and username checked). */
void             quorum_api_me_async          (QuorumApi *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
JsonObject      *quorum_api_me_finish         (QuorumApi *self, GAsyncResult *result, GError **error);

/* GET /api/v1/sync/changes/; @cursor NULL for everything, @limit 0 for the
 * server's default.  A malformed entry fails the whole page. */
void               quorum_api_pull_async      (QuorumApi *self, const char *cursor, guint limit,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
QuorumApiPullPage *quorum_api_pull_finish     (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/v1/sync/push/ with JsonObject* changes (as
 * quorum_change_to_push_json makes them).  A 409 sync_conflict is a
 * successful answer (status 409, with its conflicts). */
void                 quorum_api_push_async    (QuorumApi *self, const char *client_id,
                                               GPtrArray *changes, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
QuorumApiPushAnswer *quorum_api_push_finish   (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/v1/sync/resolve/ with the whole request object (client_id,
 * change_id, meeting_id, resolution, server_version, local_changes, ...).
 * 409 sync_conflict / meeting_conflict / participant_unavailable are
 * errors whose info keeps the payload. */
void                    quorum_api_resolve_async  (QuorumApi *self, JsonObject *request,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
QuorumApiResolveAnswer *quorum_api_resolve_finish (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/v1/meetings/check/: TRUE when {"ok": true}; otherwise the
 * 400/409 error saving would give. */
void             quorum_api_check_async       (QuorumApi *self, JsonObject *meeting,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
gboolean         quorum_api_check_finish      (QuorumApi *self, GAsyncResult *result, GError **error);

/* GET /api/v1/freebusy/ → the whole answer (shape checked). */
void             quorum_api_freebusy_async    (QuorumApi *self,
                                               const gint64 *user_ids, guint n_users,
                                               const gint64 *room_ids, guint n_rooms,
                                               gint64 start, gint64 end,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
JsonObject      *quorum_api_freebusy_finish   (QuorumApi *self, GAsyncResult *result, GError **error);

/* GET /api/v1/integrations/ → QuorumApiIntegration*. */
void             quorum_api_integrations_async  (QuorumApi *self, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
GPtrArray       *quorum_api_integrations_finish (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/v1/integrations/<provider>/reauthorize/ → the https URL. */
void             quorum_api_reauthorize_async   (QuorumApi *self, const char *provider,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
char            *quorum_api_reauthorize_finish  (QuorumApi *self, GAsyncResult *result, GError **error);

/* POST /api/v1/integrations/<provider>/sync/ → the status ("queued"). */
void             quorum_api_integration_sync_async  (QuorumApi *self, const char *provider,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback, gpointer user_data);
char            *quorum_api_integration_sync_finish (QuorumApi *self, GAsyncResult *result, GError **error);

/* GET /api/v1/health/ (no auth). */
void             quorum_api_health_async      (QuorumApi *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
QuorumApiHealth *quorum_api_health_finish     (QuorumApi *self, GAsyncResult *result, GError **error);

G_END_DECLS
