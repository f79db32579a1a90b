/* sync-util.c — child processes and the server's control endpoints */
#include "sync-util.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sqlite3.h>
#include <string.h>

static char *server_exe;
static char *cli_exe;

void
sync_util_init (int *argc, char ***argv)
{
  if (*argc < 3)
    g_error ("usage: %s SERVER-PROGRAM CLI-PROGRAM", (*argv)[0]);
  server_exe = g_strdup ((*argv)[1]);
  cli_exe = g_strdup ((*argv)[2]);
}

char *
sync_tmpdir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("quorum-sync-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
sync_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sync_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A child must not outlive a test that aborts half-way. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* @data_dir: the CLI's; its logs go there too, not to the user's
 * $XDG_STATE_HOME. */
static GSubprocess *
spawn (const char * const *argv, GSubprocessFlags flags, const char *data_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *p;

  if (data_dir)
    {
      g_autofree char *logs = g_build_filename (data_dir, "logs", NULL);
      g_subprocess_launcher_setenv (launcher, "QUORUM_LOG_DIR", logs, TRUE);
    }
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  p = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return p;
}

/* Server */

SyncServer *
sync_server_start (guint16 port, const char *first_arg, ...)
{
  SyncServer *s = g_new0 (SyncServer, 1);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *contents = NULL;
  va_list ap;

  s->dir = sync_tmpdir ("server");
  port_file = g_build_filename (s->dir, "port", NULL);
  g_ptr_array_add (args, g_strdup (server_exe));
  g_ptr_array_add (args, g_strdup ("-q"));
  g_ptr_array_add (args, g_strdup ("--port"));
  g_ptr_array_add (args, g_strdup_printf ("%u", port));
  g_ptr_array_add (args, g_strdup ("--port-file"));
  g_ptr_array_add (args, g_strdup (port_file));
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  s->proc = spawn ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  /* The first line comes once it listens (the port file is written before). */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "quorum-test-server listening on"));
  g_assert_true (g_file_get_contents (port_file, &contents, NULL, NULL));
  s->port = (guint16) g_ascii_strtoull (contents, NULL, 10);
  g_assert_cmpuint (s->port, >, 0);
  if (port != 0)
    g_assert_cmpuint (s->port, ==, port);
  s->url = g_strdup_printf ("http://127.0.0.1:%u", s->port);
  s->session = soup_session_new ();
  return s;
}

void
sync_server_stop (SyncServer *s)
{
  g_autoptr(GError) error = NULL;

  if (s->proc == NULL)
    return;
  g_subprocess_send_signal (s->proc, SIGTERM);
  g_subprocess_wait (s->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (s->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (s->proc), ==, 0);
  g_clear_object (&s->proc);
}

void
sync_server_free (SyncServer *s)
{
  sync_server_stop (s);
  sync_rmdir (s->dir);
  g_free (s->dir);
  g_free (s->url);
  g_clear_object (&s->session);
  g_free (s);
}

JsonNode *
sync_server_request (SyncServer *s,
                     const char *method,
                     const char *path,
                     const char *body,
                     guint      *status)
{
  g_autofree char *uri = g_strconcat (s->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data;

  g_assert_nonnull (msg);
  if (body)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  answer = soup_session_send_and_read (s->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status)
    *status = soup_message_get_status (msg);
  data = g_bytes_get_data (answer, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

void
sync_server_fault (SyncServer *s, const char *name, const char *json_value)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"value\": %s}", name, json_value);
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = sync_server_request (s, "POST", "/_test/fault/", body, &status);
  g_assert_cmpuint (status, ==, 200);
}

gint64
sync_server_counter (SyncServer *s, const char *name)
{
  guint status = 0;
  g_autoptr(JsonNode) node = sync_server_request (s, "GET", "/_test/counters/", NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_int_member_with_default (json_node_get_object (node), name, 0);
}

void
sync_server_reset_counters (SyncServer *s)
{
  guint status = 0;
  g_autoptr(JsonNode) node = sync_server_request (s, "POST", "/_test/reset_counters/", "{}", &status);

  g_assert_cmpuint (status, ==, 200);
}

JsonArray *
sync_server_meetings (SyncServer *s)
{
  guint status = 0;
  g_autoptr(JsonNode) node = sync_server_request (s, "GET", "/_test/meetings/", NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

JsonObject *
sync_server_meeting (SyncServer *s, gint64 id)
{
  g_autoptr(JsonArray) all = sync_server_meetings (s);
  JsonObject *o = find_by_int (all, "id", id);

  return o ? json_object_ref (o) : NULL;
}

/* CLI */

void
cli_run_free (CliRun *r)
{
  g_free (r->out);
  g_free (r->err);
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r);
}

static GPtrArray *
cli_argv (const char *data_dir, const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, cli_exe);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, (char *) data_dir);
  g_ptr_array_add (argv, (char *) "--json");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

GSubprocess *
cli_spawnv (const char *data_dir, const char * const *args)
{
  g_autoptr(GPtrArray) argv = cli_argv (data_dir, args);

  return spawn ((const char * const *) argv->pdata,
                G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, data_dir);
}

CliRun *
cli_runv (const char *data_dir, const char *stdin_text, const char * const *args)
{
  g_autoptr(GPtrArray) argv = cli_argv (data_dir, args);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  CliRun *r = g_new0 (CliRun, 1);
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  if (stdin_text)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  p = spawn ((const char * const *) argv->pdata, flags, data_dir);
  g_subprocess_communicate_utf8 (p, stdin_text, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  r->status = g_subprocess_get_exit_status (p);
  if (r->out && *r->out && json_parser_load_from_data (parser, r->out, -1, NULL))
    r->json = json_node_copy (json_parser_get_root (parser));
  return r;
}

static CliRun *
cli_run_va (const char *data_dir, const char *stdin_text, const char *first_arg, va_list ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  g_ptr_array_add (args, NULL);
  return cli_runv (data_dir, stdin_text, (const char * const *) args->pdata);
}

CliRun *
cli_run (const char *data_dir, const char *stdin_text, const char *first_arg, ...)
{
  va_list ap;
  CliRun *r;

  va_start (ap, first_arg);
  r = cli_run_va (data_dir, stdin_text, first_arg, ap);
  va_end (ap);
  return r;
}

JsonObject *
cli_object (CliRun *r)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    g_error ("expected a JSON object from quorum-cli (exit %d):\n%s\n%s", r->status, r->out, r->err);
  return json_node_get_object (r->json);
}

JsonArray *
cli_array (CliRun *r)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_ARRAY (r->json))
    g_error ("expected a JSON array from quorum-cli (exit %d):\n%s\n%s", r->status, r->out, r->err);
  return json_node_get_array (r->json);
}

void
cli_login (const char *data_dir, SyncServer *s, const char *user, const char *password)
{
  g_autofree char *pw = g_strconcat (password, "\n", NULL);
  g_autoptr(CliRun) r = cli_run (data_dir, pw, "account", "login", "--server", s->url, "--username", user,
                                 "--password-stdin", "--insecure-storage", NULL);
  JsonObject *o;

  if (r->status != 0)
    g_error ("login failed (%d): %s %s", r->status, r->out, r->err);
  o = cli_object (r);
  g_assert_true (json_object_get_boolean_member (o, "logged_in"));
  g_assert_cmpstr (json_object_get_string_member (o, "username"), ==, user);
}

CliRun *
cli_sync (const char *data_dir, int max_wait)
{
  static const char * const keys[] = { "state", "pushed", "pulled", "pending", "conflicts", "rejected", "retry_at" };
  g_autofree char *wait = g_strdup_printf ("%d", max_wait);
  const char *args[] = { "sync", max_wait >= 0 ? "--max-wait" : NULL, wait, NULL };
  CliRun *r;
  JsonObject *o;

  r = cli_runv (data_dir, NULL, args);

  /* cli.md: the document comes whatever the exit status. */
  o = cli_object (r);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (o, keys[i]))
      g_error ("sync document without \"%s\": %s", keys[i], r->out);
  return r;
}

JsonArray *
cli_meetings (const char *data_dir)
{
  g_autoptr(CliRun) r = cli_run (data_dir, NULL, "meetings", "list", NULL);

  g_assert_cmpint (r->status, ==, 0);
  return json_array_ref (cli_array (r));
}

JsonObject *
cli_meeting (const char *data_dir, const char *id)
{
  g_autoptr(CliRun) r = cli_run (data_dir, NULL, "meetings", "show", id, NULL);

  if (r->status != 0)
    return NULL;
  return json_object_ref (cli_object (r));
}

JsonArray *
cli_outbox (const char *data_dir)
{
  g_autoptr(CliRun) r = cli_run (data_dir, NULL, "outbox", "list", NULL);

  g_assert_cmpint (r->status, ==, 0);
  return json_array_ref (cli_array (r));
}

JsonArray *
cli_conflicts (const char *data_dir)
{
  g_autoptr(CliRun) r = cli_run (data_dir, NULL, "conflicts", "list", NULL);

  g_assert_cmpint (r->status, ==, 0);
  return json_array_ref (cli_array (r));
}

char *
cli_add (const char *data_dir, const char *title, const char *start, const char *end, const char *room)
{
  g_autoptr(CliRun) r = NULL;
  JsonObject *o;

  if (room)
    r = cli_run (data_dir, NULL, "meetings", "add", "--title", title, "--start", start, "--end", end,
                 "--room", room, NULL);
  else
    r = cli_run (data_dir, NULL, "meetings", "add", "--title", title, "--start", start, "--end", end, NULL);
  if (r->status != 0)
    g_error ("meetings add failed (%d): %s %s", r->status, r->out, r->err);
  o = cli_object (r);
  g_assert_true (json_is_null_member (o, "id"));
  g_assert_cmpstr (json_object_get_string_member (o, "sync_state"), ==, "pending");
  return g_strdup (json_object_get_string_member (o, "local_id"));
}

/* JSON */

gboolean
json_is_null_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_NULL (n);
}

JsonObject *
find_by_member (JsonArray *a, const char *name, const char *value)
{
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      JsonNode *n = json_object_get_member (o, name);
      if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (n), value) == 0)
        return o;
    }
  return NULL;
}

JsonObject *
find_by_int (JsonArray *a, const char *name, gint64 value)
{
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      JsonNode *n = json_object_get_member (o, name);
      if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64 &&
          json_node_get_int (n) == value)
        return o;
    }
  return NULL;
}

char *
sqlite_integrity (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "replica.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", (const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}
