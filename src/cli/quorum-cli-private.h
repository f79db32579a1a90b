/* quorum-cli-private.h — shared by the files of quorum-cli */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "quorum-store.h"

G_BEGIN_DECLS

/* Exit codes of cli.md */
enum {
  QUORUM_EXIT_OK = 0,
  QUORUM_EXIT_ERROR = 1,
  QUORUM_EXIT_USAGE = 2,
  QUORUM_EXIT_NEEDS_USER = 3,
  QUORUM_EXIT_UNREACHABLE = 4,
  QUORUM_EXIT_LOGIN = 5,
  QUORUM_EXIT_RATE_LIMITED = 6,
};

typedef struct {
  char        *data_dir;
  gboolean     json;
  gboolean     debug;
  QuorumStore *store;       /* opened on demand by quorum_cli_store () */
  GTimeZone   *tz;
} QuorumCli;

typedef int (*QuorumCliCommand) (QuorumCli *cli, int argc, char **argv);

/* Opens the replica, or reports why not (and returns NULL). */
QuorumStore *quorum_cli_store        (QuorumCli *cli);

/* One-line error on stderr; with --json also {"error": {...}} on stdout.
 * Returns @exit_code so callers can `return quorum_cli_fail (...)`. */
int          quorum_cli_fail         (QuorumCli  *cli,
                                      int         exit_code,
                                      const char *code,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (4, 5);
int          quorum_cli_fail_error   (QuorumCli    *cli,
                                      const GError *error);
void         quorum_cli_print_json   (JsonNode *node);
void         quorum_cli_print_object (JsonObject *object);
void         quorum_cli_print_array  (JsonArray *array);
/* @text padded with spaces to @width terminal columns (wide characters
 * count two, combining marks none): printf's %-Ns counts bytes, which
 * misaligns every Turkish name. */
char        *quorum_cli_pad          (const char *text,
                                      guint       width);

/* Parses a command's own options; on failure prints usage and returns
 * FALSE with *exit_code set.  --help prints and exits 0. */
gboolean     quorum_cli_parse        (QuorumCli     *cli,
                                      const char    *usage,
                                      const char    *summary,
                                      GOptionEntry  *entries,
                                      int           *argc,
                                      char        ***argv,
                                      int           *exit_code);

JsonObject  *quorum_cli_meeting_json (const QuorumMeeting *m);
char        *quorum_cli_format_local (QuorumCli *cli,
                                      gint64     us,
                                      const char *format);

/* Runs the main context until *result is set by an async callback. */
void         quorum_cli_wait         (GAsyncResult **result);
void         quorum_cli_store_result (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data);
/* Opens the account and its tokens; on failure reports it (exit code in
 * *status) and returns NULL. */
struct _QuorumAccount *quorum_cli_account_open (QuorumCli *cli, int *status);
/* Exit status and error line for a failed API call. */
int          quorum_cli_fail_api     (QuorumCli    *cli,
                                      const GError *error);

int quorum_cli_meetings     (QuorumCli *cli, int argc, char **argv);
int quorum_cli_outbox       (QuorumCli *cli, int argc, char **argv);
int quorum_cli_conflicts    (QuorumCli *cli, int argc, char **argv);
int quorum_cli_rooms        (QuorumCli *cli, int argc, char **argv);
int quorum_cli_people       (QuorumCli *cli, int argc, char **argv);
int quorum_cli_account      (QuorumCli *cli, int argc, char **argv);
int quorum_cli_sync         (QuorumCli *cli, int argc, char **argv);
int quorum_cli_freebusy     (QuorumCli *cli, int argc, char **argv);
int quorum_cli_suggest      (QuorumCli *cli, int argc, char **argv);
int quorum_cli_integrations (QuorumCli *cli, int argc, char **argv);

int quorum_cli_main (int argc, char **argv);

G_END_DECLS
