/* test-cli.c — the offline half of cli.md, through the real quorum-cli
 *
 * Every case runs the built binary in a child process against a fresh data
 * directory and judges it by the contract: exit status, one JSON document
 * on stdout, one line on stderr, and what the replica holds afterwards.
 * The server half (sync, login, conflicts) is in tests/sync. */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <gio/gio.h>
#include <string.h>

static const char *cli_path;

typedef struct {
  int        status;
  char      *out;
  char      *err;
  JsonNode  *json;   /* stdout parsed, or NULL */
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
  g_clear_pointer (&r->json, json_node_unref);
}

/* Runs quorum-cli with @args (NULL-terminated) and the environment
 * @env_extra ("NAME=VALUE" strings, may be NULL). */
static void
run_env (Run                *r,
         const char * const *env_extra,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  memset (r, 0, sizeof *r);
  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  for (guint i = 0; env_extra && env_extra[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env_extra[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  if (r->out && *r->out)
    r->json = json_from_string (r->out, NULL);
}

#define RUN(r, ...) run_env ((r), NULL, (const char * const []) { __VA_ARGS__, NULL })

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("quorum-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static JsonArray *
json_array_of (Run *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  return json_node_get_array (r->json);
}

static JsonObject *
json_object_of (Run *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

/* The contract's error: exit @status, one line on stderr, and with --json
 * the error document on stdout. */
static void
assert_refused (Run        *r,
                int         status,
                const char *field)
{
  JsonObject *err;

  g_assert_cmpint (r->status, ==, status);
  g_assert_nonnull (r->err);
  g_assert_true (g_str_has_prefix (r->err, "quorum-cli: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
  if (field)
    g_assert_nonnull (strstr (r->err, field));
  err = json_object_get_object_member (json_object_of (r), "error");
  g_assert_nonnull (err);
  g_assert_true (json_object_has_member (err, "code"));
  g_assert_true (json_object_has_member (err, "message"));
}

static guint
count (const char *dir,
       const char *what)
{
  Run r;
  guint n;

  RUN (&r, "--data-dir", dir, "--json", what, "list");
  g_assert_cmpint (r.status, ==, 0);
  n = json_array_get_length (json_array_of (&r));
  run_clear (&r);
  return n;
}

static char *
add (const char *dir,
     const char *title,
     const char *start,
     const char *end)
{
  Run r;
  char *local_id;

  RUN (&r, "--data-dir", dir, "--json", "meetings", "add", "--title", title,
       "--start", start, "--end", end);
  g_assert_cmpint (r.status, ==, 0);
  local_id = g_strdup (json_object_get_string_member (json_object_of (&r), "local_id"));
  run_clear (&r);
  return local_id;
}

/* Issue 2's walk: add → pending with a local_id; one create in the outbox;
 * two edits keep one create with the merged fields; delete empties it. */
static void
test_offline_walk (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *local_id = NULL;
  JsonObject *m, *c, *data;
  Run r;

  local_id = add (dir, "Bütçe görüşmesi", "2026-12-10T10:00:00+03:00", "2026-12-10T11:00:00+03:00");
  g_assert_true (g_str_has_prefix (local_id, "local_"));
  g_assert_cmpuint (strlen (local_id), ==, strlen ("local_") + 36);

  RUN (&r, "--data-dir", dir, "--json", "meetings", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_array_of (&r)), ==, 1);
  m = json_array_get_object_element (json_array_of (&r), 0);
  g_assert_cmpstr (json_object_get_string_member (m, "sync_state"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (m, "local_id"), ==, local_id);
  g_assert_true (json_object_get_null_member (m, "id"));
  g_assert_cmpstr (json_object_get_string_member (m, "start_time"), ==, "2026-12-10T07:00:00.000000Z");
  /* every field of server-api.md §4 */
  for (const char * const *f = (const char * const []) { "title", "description", "agenda",
         "start_time", "end_time", "status", "meeting_type", "priority", "room_id",
         "external_location", "organizer_id", "participant_ids", "modified_at", NULL }; *f; f++)
    g_assert_true (json_object_has_member (m, *f));
  run_clear (&r);

  RUN (&r, "--data-dir", dir, "meetings", "edit", local_id, "--title", "Bütçe görüşmesi v2", "--json");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  RUN (&r, "meetings", "edit", local_id, "--agenda", "1. Rakamlar", "--priority", "HIGH",
       "--data-dir", dir, "--json");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  RUN (&r, "--data-dir", dir, "--json", "outbox", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_array_of (&r)), ==, 1);
  c = json_array_get_object_element (json_array_of (&r), 0);
  g_assert_cmpstr (json_object_get_string_member (c, "action"), ==, "create");
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (c, "local_id"), ==, local_id);
  g_assert_true (json_object_get_null_member (c, "error"));
  g_assert_true (json_object_get_null_member (c, "id"));
  data = json_object_get_object_member (c, "data");
  g_assert_cmpstr (json_object_get_string_member (data, "title"), ==, "Bütçe görüşmesi v2");
  g_assert_cmpstr (json_object_get_string_member (data, "agenda"), ==, "1. Rakamlar");
  g_assert_cmpstr (json_object_get_string_member (data, "priority"), ==, "HIGH");
  run_clear (&r);

  RUN (&r, "--data-dir", dir, "--json", "meetings", "delete", local_id);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_assert_cmpuint (count (dir, "outbox"), ==, 0);
  g_assert_cmpuint (count (dir, "meetings"), ==, 0);
}

/* Bad input: exit 2, one line naming the field, nothing stored. */
static void
test_validation (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *local_id = add (dir, "Var olan", "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z");
  g_autofree char *long_title = g_strnfill (201, 'x');
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  const struct { const char *field; const char *args[8]; } cases[] = {
    { "title", { "--title", "", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T11:00:00Z" } },
    { "title", { "--title", long_title, "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T11:00:00Z" } },
    { "end_time", { "--title", "x", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T09:00:00Z" } },
    { "end_time", { "--title", "x", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T10:00:00Z" } },
    { "end_time", { "--title", "x", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-11T10:00:01Z" } },
    { "start", { "--title", "x", "--start", "yarın", "--end", "2026-12-10T10:00:00Z" } },
    { "meeting_type", { "--title", "x", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T11:00:00Z", "--type", "PARTY" } },
    { "priority", { "--title", "x", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T11:00:00Z", "--priority", "URGENT" } },
    { "participant", { "--title", "x", "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T11:00:00Z", "--participant", "ahmet" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      Run r;

      for (const char * const *a = (const char * const []) { "--data-dir", dir, "--json", "meetings", "add", NULL }; *a; a++)
        g_ptr_array_add (argv, (gpointer) *a);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].args) && cases[i].args[j]; j++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[j]);
      g_ptr_array_add (argv, NULL);
      g_test_message ("case %u (%s)", i, cases[i].field);
      run_env (&r, NULL, (const char * const *) argv->pdata);
      assert_refused (&r, 2, cases[i].field);
      run_clear (&r);
    }

  /* more than 200 unique participants */
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();
    Run r;

    for (const char * const *a = (const char * const []) { "--data-dir", dir, "--json", "meetings", "edit", local_id, NULL }; *a; a++)
      g_ptr_array_add (argv, (gpointer) *a);
    for (int i = 1; i <= 201; i++)
      {
        g_ptr_array_add (argv, (gpointer) "--participant");
        g_ptr_array_add (many, g_strdup_printf ("%d", i));
        g_ptr_array_add (argv, many->pdata[many->len - 1]);
      }
    g_ptr_array_add (argv, NULL);
    run_env (&r, NULL, (const char * const *) argv->pdata);
    assert_refused (&r, 2, "participant");
    run_clear (&r);
  }

  /* unknown status, and an illegal move: a cancelled meeting stays cancelled */
  {
    Run r;

    RUN (&r, "--data-dir", dir, "--json", "meetings", "edit", local_id, "--status", "POSTPONED");
    assert_refused (&r, 2, "status");
    run_clear (&r);
    RUN (&r, "--data-dir", dir, "--json", "meetings", "cancel", local_id);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_object_of (&r), "status"), ==, "CANCELLED");
    run_clear (&r);
    RUN (&r, "--data-dir", dir, "--json", "meetings", "edit", local_id, "--status", "CONFIRMED");
    assert_refused (&r, 2, "status");
    run_clear (&r);
    RUN (&r, "--data-dir", dir, "--json", "meetings", "show", "local_nope");
    assert_refused (&r, 2, "local_nope");
    run_clear (&r);
  }

  /* nothing of the refused commands was stored */
  g_assert_cmpuint (count (dir, "meetings"), ==, 1);
  g_assert_cmpuint (count (dir, "outbox"), ==, 1);
}

/* Global options anywhere, and QUORUM_DATA_DIR, mean the same. */
static void
test_global_options (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *local_id = add (dir, "Yer", "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z");
  g_autofree char *env = g_strdup_printf ("QUORUM_DATA_DIR=%s", dir);
  Run a, b, c;

  RUN (&a, "--data-dir", dir, "--json", "meetings", "list");
  RUN (&b, "meetings", "list", "--data-dir", dir, "--json");
  run_env (&c, (const char * const []) { env, NULL }, (const char * const []) { "meetings", "--json", "list", NULL });
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_cmpint (c.status, ==, 0);
  g_assert_nonnull (strstr (a.out, local_id));
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, ==, c.out);
  run_clear (&a);
  run_clear (&b);
  run_clear (&c);
}

/* --help for every command, exit 0, on stdout. */
static void
test_help (void)
{
  const char *commands[][3] = {
    { "meetings", "list" }, { "meetings", "show" }, { "meetings", "add" }, { "meetings", "edit" },
    { "meetings", "cancel" }, { "meetings", "delete" }, { "outbox", "list" }, { "outbox", "discard" },
    { "conflicts", "list" }, { "conflicts", "resolve" }, { "rooms", "list" }, { "people", "list" },
    { "account", "login" }, { "account", "logout" }, { "account", "status" }, { "sync" },
    { "freebusy" }, { "suggest" }, { "integrations", "list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      Run r;

      if (commands[i][1])
        RUN (&r, commands[i][0], commands[i][1], "--help");
      else
        RUN (&r, commands[i][0], "--help");
      g_test_message ("%s %s --help", commands[i][0], commands[i][1] ? commands[i][1] : "");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "Usage"));
      g_assert_nonnull (strstr (r.out, commands[i][0]));
      run_clear (&r);
    }
  {
    Run r;

    RUN (&r, "frobnicate");
    g_assert_cmpint (r.status, ==, 2);
    run_clear (&r);
  }
}

/* Local days in, UTC out; a bare --to date includes that whole day. */
static void
test_date_windows (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *late = NULL, *early = NULL;
  Run r;

  /* TZ=Europe/Istanbul (tests/meson.build): 23:30 local on the 10th is
   * 20:30 UTC on the 10th; 00:30 local on the 11th is 21:30 UTC on the 10th */
  late = add (dir, "Geç", "2026-12-10 23:30", "2026-12-10 23:50");
  early = add (dir, "Erken", "2026-12-11 00:30", "2026-12-11 01:00");

  RUN (&r, "--data-dir", dir, "--json", "meetings", "list", "--from", "2026-12-10", "--to", "2026-12-10");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_array_of (&r)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_array_of (&r), 0), "start_time"),
                   ==, "2026-12-10T20:30:00.000000Z");
  run_clear (&r);

  RUN (&r, "--data-dir", dir, "--json", "meetings", "list", "--from", "2026-12-11", "--to", "2026-12-11");
  g_assert_cmpuint (json_array_get_length (json_array_of (&r)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_array_of (&r), 0), "local_id"), ==, early);
  run_clear (&r);

  /* RFC 3339 with any offset, taken exactly: [20:31Z, 21:30Z) overlaps the
   * late meeting (20:30–20:50Z) and ends as the early one begins */
  RUN (&r, "--data-dir", dir, "--json", "meetings", "list", "--from", "2026-12-10T21:31:00+01:00",
       "--to", "2026-12-11T00:30:00+03:00");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_array_of (&r)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_array_of (&r), 0), "local_id"), ==, late);
  run_clear (&r);
  RUN (&r, "--data-dir", dir, "--json", "meetings", "list", "--from", "2026-12-10T20:40:00Z",
       "--to", "2026-12-10T21:31:00Z");
  g_assert_cmpuint (json_array_get_length (json_array_of (&r)), ==, 2);
  /* sorted by start_time */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_array_of (&r), 0), "local_id"), ==, late);
  run_clear (&r);

  RUN (&r, "--data-dir", dir, "--json", "meetings", "list", "--from", "2026-12-12", "--to", "2026-12-10");
  assert_refused (&r, 2, "--from");
  run_clear (&r);
  RUN (&r, "--data-dir", dir, "--json", "meetings", "list", "--from", "10.12.2026");
  assert_refused (&r, 2, "--from");
  run_clear (&r);
}

/* Strings come out exactly as given: markup, quotes, newlines, Turkish. */
static void
test_strings_exact (void)
{
  g_autofree char *dir = temp_dir ();
  const char *title = "<b>Ç&amp;ğ</b> \"İş\" 'ıI' \\ %s %n";
  const char *description = "satır 1\nsatır 2\t<script>alert(1)</script>";
  Run r;
  JsonObject *m;

  RUN (&r, "--data-dir", dir, "--json", "meetings", "add", "--title", title, "--description", description,
       "--start", "2026-12-10T10:00:00Z", "--end", "2026-12-10T11:00:00Z");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  RUN (&r, "--data-dir", dir, "--json", "meetings", "list");
  m = json_array_get_object_element (json_array_of (&r), 0);
  g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (m, "description"), ==, description);
  run_clear (&r);
  /* and the text output shows the title as given, too */
  RUN (&r, "--data-dir", dir, "meetings", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, title));
  run_clear (&r);
}

/* Text for people: in the user's zone, aligned, with a legend. */
static void
test_text_output (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *a = add (dir, "Sabah", "2026-12-10T07:00:00Z", "2026-12-10T08:00:00Z");
  g_autofree char *b = add (dir, "Öğle toplantısı uzun başlık", "2026-12-10T09:30:00Z", "2026-12-10T10:00:00Z");
  g_auto(GStrv) lines = NULL;
  const char *row_a = NULL, *row_b = NULL;
  Run r;

  RUN (&r, "--data-dir", dir, "meetings", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (r.json);
  /* Europe/Istanbul: 07:00Z is 10:00 */
  g_assert_nonnull (strstr (r.out, "10:00"));
  g_assert_null (strstr (r.out, "07:00"));
  g_assert_nonnull (strstr (r.out, "12:30"));
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (strstr (lines[i], "Sabah"))
        row_a = lines[i];
      if (strstr (lines[i], "Öğle"))
        row_b = lines[i];
    }
  g_assert_nonnull (row_a);
  g_assert_nonnull (row_b);
  /* aligned: the titles start in the same column (in characters) */
  g_assert_cmpint (g_utf8_pointer_to_offset (row_a, strstr (row_a, "Sabah")), ==,
                   g_utf8_pointer_to_offset (row_b, strstr (row_b, "Öğle")));
  /* pending rows carry a mark explained in a legend */
  g_assert_true (row_a[0] != ' ');
  g_assert_nonnull (strstr (r.out, "waiting to be sent"));
  run_clear (&r);

  /* Turkish when the user's language is Turkish */
  {
    g_autofree char *localedir = g_strdup_printf ("QUORUM_LOCALEDIR=%s", g_getenv ("QUORUM_TEST_LOCALEDIR"));

    run_env (&r, (const char * const []) { "LANGUAGE=tr", "LC_ALL=tr_TR.UTF-8", localedir, NULL },
             (const char * const []) { "--data-dir", dir, "meetings", "list", NULL });
    g_assert_cmpint (r.status, ==, 0);
    if (strstr (r.out, "waiting to be sent") && !g_getenv ("QUORUM_TEST_LOCALEDIR"))
      g_test_message ("no build-tree catalogue: Turkish not checked");
    else
      g_assert_null (strstr (r.out, "waiting to be sent"));
    run_clear (&r);
  }
}

/* Outbox discard refuses what is not rejected; directory lists are arrays
 * even on an empty replica; account status without an account. */
static void
test_outbox_and_directory (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *local_id = add (dir, "Kuyruk", "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z");
  g_autofree char *change_id = NULL;
  JsonObject *o;
  Run r;

  RUN (&r, "--data-dir", dir, "--json", "outbox", "list");
  change_id = g_strdup (json_object_get_string_member (json_array_get_object_element (json_array_of (&r), 0), "change_id"));
  run_clear (&r);
  RUN (&r, "--data-dir", dir, "--json", "outbox", "discard", change_id);
  assert_refused (&r, 2, change_id);
  run_clear (&r);
  g_assert_cmpuint (count (dir, "outbox"), ==, 1);

  g_assert_cmpuint (count (dir, "rooms"), ==, 0);
  g_assert_cmpuint (count (dir, "people"), ==, 0);
  g_assert_cmpuint (count (dir, "conflicts"), ==, 0);

  RUN (&r, "--data-dir", dir, "--json", "account", "status");
  g_assert_cmpint (r.status, ==, 0);
  o = json_object_of (&r);
  for (const char * const *k = (const char * const []) { "server", "username", "user_id", "logged_in", NULL }; *k; k++)
    g_assert_true (json_object_has_member (o, *k));
  g_assert_false (json_object_get_boolean_member (o, "logged_in"));
  run_clear (&r);

  /* sync with no account: login required, and the document anyway */
  RUN (&r, "--data-dir", dir, "--json", "sync");
  g_assert_cmpint (r.status, ==, 5);
  o = json_object_of (&r);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "login_required");
  g_assert_cmpint (json_object_get_int_member (o, "pending"), ==, 1);
  g_assert_true (json_object_get_null_member (o, "retry_at"));
  run_clear (&r);
  g_assert_cmpuint (count (dir, "outbox"), ==, 1);
  g_assert_nonnull (local_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cli_path = g_getenv ("QUORUM_CLI");
  g_assert_nonnull (cli_path);

  g_test_add_func ("/cli/offline-walk", test_offline_walk);
  g_test_add_func ("/cli/validation", test_validation);
  g_test_add_func ("/cli/global-options", test_global_options);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/date-windows", test_date_windows);
  g_test_add_func ("/cli/strings-exact", test_strings_exact);
  g_test_add_func ("/cli/text-output", test_text_output);
  g_test_add_func ("/cli/outbox-and-directory", test_outbox_and_directory);
  return g_test_run ();
}
