/* quorum-test-server.h — an independent, in-memory implementation of
 * server-api.md for tests and demos. Never shares code with src/core, so a
 * misreading of the contract in the client cannot be cancelled out by the
 * same misreading here. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define QUORUM_TEST_SERVER_ERROR (quorum_test_server_error_quark ())

typedef enum {
  QUORUM_TEST_SERVER_ERROR_LISTEN = 1,
  QUORUM_TEST_SERVER_ERROR_INVALID,
} QuorumTestServerError;

GQuark quorum_test_server_error_quark (void);

#define QUORUM_TYPE_TEST_SERVER (quorum_test_server_get_type ())
G_DECLARE_FINAL_TYPE (QuorumTestServer, quorum_test_server, QUORUM, TEST_SERVER, GObject)

QuorumTestServer *quorum_test_server_new (void);

/* Listens on 127.0.0.1:port (0 = any free port) on the thread-default main
 * context. */
gboolean  quorum_test_server_listen        (QuorumTestServer *self,
                                            guint16           port,
                                            GError          **error);
/* Stops listening and closes every connection: the client then sees
 * "connection refused", the real "server down". */
void      quorum_test_server_disconnect    (QuorumTestServer *self);
guint16   quorum_test_server_get_port      (QuorumTestServer *self);
/* "http://127.0.0.1:PORT" (no trailing slash) */
char     *quorum_test_server_get_base_url  (QuorumTestServer *self);

/* Print one line per request to stdout (the standalone program does). */
void      quorum_test_server_set_verbose   (QuorumTestServer *self,
                                            gboolean          verbose);

gint64    quorum_test_server_add_user      (QuorumTestServer *self,
                                            const char       *username,
                                            const char       *password,
                                            const char       *name,
                                            const char       *email);
/* Deactivating a user bumps its modified_at and puts it in the feed. */
gboolean  quorum_test_server_set_user_active (QuorumTestServer *self,
                                              gint64            user_id,
                                              gboolean          active);
/* A busy block from a user's external calendar ("google" or "outlook"). */
void      quorum_test_server_add_external_busy (QuorumTestServer *self,
                                                gint64            user_id,
                                                const char       *source,
                                                gint64            start_us,
                                                gint64            end_us);
gint64    quorum_test_server_add_room      (QuorumTestServer *self,
                                            const char       *name,
                                            gint              capacity,
                                            const char       *floor,
                                            const char       *equipment);

/* Server-side meeting insert/update as if another client did it (bumps
 * modified_at, appends to the change feed). @fields: meeting JSON members,
 * validated like a client's but never checked for room or participant
 * clashes, so tests can build any state. Returns the id / FALSE (0 for the
 * insert) on invalid fields. */
gint64    quorum_test_server_insert_meeting (QuorumTestServer *self,
                                             gint64            organizer_id,
                                             JsonObject       *fields);
gboolean  quorum_test_server_update_meeting (QuorumTestServer *self,
                                             gint64            id,
                                             JsonObject       *fields);
gboolean  quorum_test_server_delete_meeting (QuorumTestServer *self,
                                             gint64            id);
/* The server's current JSON of one live meeting, NULL when unknown or
 * deleted. */
JsonObject *quorum_test_server_get_meeting  (QuorumTestServer *self,
                                             gint64            id);

/* Bulk: n believable meetings for organizers/participants among existing
 * users and rooms, deterministic from seed, clash-free among themselves. */
void      quorum_test_server_generate_meetings (QuorumTestServer *self,
                                                guint             n,
                                                guint32           seed);
/* Turkish demo data: 12 people, 6 rooms, meetings over a few weeks around
 * today, external busy blocks. Logins are "<username>"/"<username>123". */
void      quorum_test_server_seed_demo     (QuorumTestServer *self);

/* All live (non-deleted) meetings as a JSON array sorted by id. */
JsonArray *quorum_test_server_dump_meetings (QuorumTestServer *self);
guint     quorum_test_server_count_meetings (QuorumTestServer *self);

/* Faults and knobs by name, value as text; FALSE for an unknown name or a
 * value that does not parse. See docs/test-server.md. */
gboolean  quorum_test_server_set_fault     (QuorumTestServer *self,
                                            const char       *name,
                                            const char       *value);

/* Counters by name ("requests", "token", "refresh", "push", "push_changes",
 * "pull", "resolve", ...); unknown → 0. */
guint64   quorum_test_server_get_counter   (QuorumTestServer *self,
                                            const char       *name);
void      quorum_test_server_reset_counters (QuorumTestServer *self);
/* All counters as a JSON object. */
JsonObject *quorum_test_server_dump_counters (QuorumTestServer *self);

/* Time (µs, real time) of the last request received, 0 if none. Control
 * requests do not count. */
gint64    quorum_test_server_get_last_request_time (QuorumTestServer *self);

/* RFC 3339 helpers the server itself uses, handy for tests. */
char     *quorum_test_server_format_time   (gint64 us);
gboolean  quorum_test_server_parse_time    (const char *text,
                                            gint64     *out_us);

G_END_DECLS
