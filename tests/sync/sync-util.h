/* sync-util.h — helpers for the end-to-end sync tests: the real
 * quorum-test-server program and the real quorum-cli, as child processes. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Paths of the two programs, from argv (set by meson). */
void         sync_util_init          (int *argc, char ***argv);

typedef struct {
  GSubprocess *proc;
  char        *dir;
  guint16      port;
  char        *url;
  SoupSession *session;
} SyncServer;

/* Starts quorum-test-server -q with the given extra switches (NULL
 * terminated); port 0 means any free port. */
SyncServer  *sync_server_start       (guint16 port, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
void         sync_server_stop        (SyncServer *s);
void         sync_server_free        (SyncServer *s);
JsonNode    *sync_server_request     (SyncServer *s, const char *method, const char *path,
                                      const char *body, guint *status);
void         sync_server_fault       (SyncServer *s, const char *name, const char *json_value);
gint64       sync_server_counter     (SyncServer *s, const char *name);
void         sync_server_reset_counters (SyncServer *s);
JsonArray   *sync_server_meetings    (SyncServer *s);   /* owned */
JsonObject  *sync_server_meeting     (SyncServer *s, gint64 id);   /* owned, NULL if gone */

typedef struct {
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;     /* stdout parsed, NULL if it was not JSON */
} CliRun;

void         cli_run_free            (CliRun *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* quorum-cli --data-dir DIR --json ARGS...; stdin_text may be NULL. */
CliRun      *cli_run                 (const char *data_dir, const char *stdin_text,
                                      const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
CliRun      *cli_runv                (const char *data_dir, const char *stdin_text, const char * const *args);
/* The same, started and not waited for. */
GSubprocess *cli_spawnv              (const char *data_dir, const char * const *args);

void         cli_login               (const char *data_dir, SyncServer *s, const char *user, const char *password);
JsonObject  *cli_object              (CliRun *r);   /* asserts an object */
JsonArray   *cli_array               (CliRun *r);   /* asserts an array */
/* Runs `sync`, asserts the document's shape and returns it. */
CliRun      *cli_sync                (const char *data_dir, int max_wait);   /* -1: the default */
JsonArray   *cli_meetings            (const char *data_dir);   /* owned */
JsonObject  *cli_meeting             (const char *data_dir, const char *id);   /* owned */
JsonArray   *cli_outbox              (const char *data_dir);   /* owned */
JsonArray   *cli_conflicts           (const char *data_dir);   /* owned */
/* Adds a meeting and returns its local_id. */
char        *cli_add                 (const char *data_dir, const char *title, const char *start,
                                      const char *end, const char *room);

char        *sync_tmpdir             (const char *name);
void         sync_rmdir              (const char *path);
gboolean     json_is_null_member     (JsonObject *o, const char *name);
JsonObject  *find_by_member          (JsonArray *a, const char *name, const char *value);
JsonObject  *find_by_int             (JsonArray *a, const char *name, gint64 value);
char        *sqlite_integrity        (const char *data_dir);

G_END_DECLS
