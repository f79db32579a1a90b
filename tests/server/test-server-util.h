/* test-server-util.h — HTTP over loopback for the server's self-tests. */
#pragma once

#include <libsoup/soup.h>

#include "quorum-test-server.h"

G_BEGIN_DECLS

typedef struct {
  guint               status;
  GBytes             *body;
  JsonNode           *json;     /* NULL when the body was not JSON */
  SoupMessageHeaders *headers;
  GError             *error;    /* transport error, status 0 */
} TsResponse;

void        ts_response_free (TsResponse *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsResponse, ts_response_free)

/* Sends and waits, iterating the thread-default main context (where the
 * server runs). @body: JSON text or NULL; @token: access token or NULL. */
TsResponse *ts_http        (SoupSession *session,
                            const char  *base_url,
                            const char  *method,
                            const char  *path,
                            const char  *token,
                            const char  *body);
/* With one extra request header. */
TsResponse *ts_http_full   (SoupSession *session,
                            const char  *base_url,
                            const char  *method,
                            const char  *path,
                            const char  *token,
                            const char  *body,
                            const char  *header,
                            const char  *value);
/* printf-style JSON body */
TsResponse *ts_http_printf (SoupSession *session,
                            const char  *base_url,
                            const char  *method,
                            const char  *path,
                            const char  *token,
                            const char  *format,
                            ...) G_GNUC_PRINTF (6, 7);

JsonObject *ts_response_object (TsResponse *r);
const char *ts_response_code   (TsResponse *r);

/* A running server with users alice (id 1, "alice"/"secret") and bob (id 2),
 * rooms 1 and 2, a session and alice's access token. */
typedef struct {
  QuorumTestServer *server;
  SoupSession      *session;
  char             *url;
  char             *token;
  char             *bob_token;
} TsFixture;

void        ts_fixture_setup    (TsFixture *f, gconstpointer data);
void        ts_fixture_teardown (TsFixture *f, gconstpointer data);
char       *ts_login            (TsFixture *f, const char *user, const char *password, char **refresh);

G_END_DECLS
