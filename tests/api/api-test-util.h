/* api-test-util.h — helpers shared by the API tests: a raw HTTP peer that
 * answers whatever bytes a test wants, and synchronous wrappers that spin
 * the main context until an async call completes. */
#pragma once

#include "quorum-api.h"
#include "quorum-auth.h"
#include "quorum-token-store.h"

G_BEGIN_DECLS

/* Produces the raw bytes of the answer to a request for @path (the part
 * after the case prefix), or NULL to close without answering. */
typedef GBytes *(*RawAnswerFunc) (const char *case_name,
                                  const char *method,
                                  const char *path,
                                  gpointer    user_data);

typedef struct _RawServer RawServer;

RawServer  *raw_server_new             (RawAnswerFunc answer,
                                        gpointer      user_data);
void        raw_server_free            (RawServer *server);
guint16     raw_server_get_port        (RawServer *server);
/* Requests seen for @path_suffix under @case_name (NULL: all). */
guint       raw_server_count           (RawServer  *server,
                                        const char *case_name,
                                        const char *path_suffix);
/* The head (request line + headers) of the last request. */
char       *raw_server_last_head       (RawServer *server);

GBytes     *raw_http                   (guint       status,
                                        const char *extra_headers,
                                        const char *body,
                                        gssize      body_len);

/* "header.payload.sig" with payload {"exp": @exp, "n": @n}. */
char       *test_make_jwt              (gint64 exp,
                                        guint  n);

/* Spins the thread-default main context until *done is TRUE. */
void        test_wait_for              (gboolean *done);

G_END_DECLS
