/* quorum-cli.c — global options, dispatch, output helpers */
#include "config.h"
#include "quorum-cli-private.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char       *name;
  QuorumCliCommand  run;
  const char       *summary;
} commands[] = {
  { "account", quorum_cli_account, N_("Sign in, sign out, show the account") },
  { "meetings", quorum_cli_meetings, N_("List, show, add, edit, cancel and delete meetings") },
  { "sync", quorum_cli_sync, N_("Send queued changes and fetch the server's") },
  { "outbox", quorum_cli_outbox, N_("Changes waiting to be sent") },
  { "conflicts", quorum_cli_conflicts, N_("Conflicts waiting for a decision") },
  { "rooms", quorum_cli_rooms, N_("Meeting rooms") },
  { "people", quorum_cli_people, N_("People in the directory") },
  { "freebusy", quorum_cli_freebusy, N_("When people and rooms are busy") },
  { "suggest", quorum_cli_suggest, N_("Free times for a meeting") },
  { "integrations", quorum_cli_integrations, N_("Google Calendar and Outlook status") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: quorum-cli [--data-dir DIR] [--json] [--debug] COMMAND [OPTIONS]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “quorum-cli COMMAND --help” for the options of a command."));
}

QuorumStore *
quorum_cli_store (QuorumCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store)
    return cli->store;
  cli->store = quorum_store_open (cli->data_dir, &error);
  if (cli->store == NULL)
    quorum_cli_fail (cli, QUORUM_EXIT_ERROR, "replica_unavailable", "%s", error->message);
  return cli->store;
}

void
quorum_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
quorum_cli_print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  quorum_cli_print_json (node);
}

char *
quorum_cli_pad (const char *text,
                guint       width)
{
  GString *out = g_string_new (text ? text : "");
  guint columns = 0;

  for (const char *p = out->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      columns += g_unichar_iswide (c) ? 2 : 1;
    }
  while (columns++ < width)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

void
quorum_cli_print_array (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  quorum_cli_print_json (node);
}

int
quorum_cli_fail (QuorumCli  *cli,
                 int         exit_code,
                 const char *code,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message carried. */
  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "quorum-cli: %s\n", message);
  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      JsonObject *err = json_object_new ();

      json_object_set_string_member (err, "code", code);
      json_object_set_string_member (err, "message", message);
      json_object_set_object_member (root, "error", err);
      quorum_cli_print_object (root);
    }
  return exit_code;
}

int
quorum_cli_fail_error (QuorumCli    *cli,
                       const GError *error)
{
  if (error->domain == QUORUM_MEETING_ERROR)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", error->message);
  if (error->domain == QUORUM_STORE_ERROR && error->code == QUORUM_STORE_ERROR_NOT_FOUND)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "not_found", "%s", error->message);
  if (error->domain == QUORUM_STORE_ERROR && error->code == QUORUM_STORE_ERROR_INVALID)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", error->message);
  return quorum_cli_fail (cli, QUORUM_EXIT_ERROR, "error", "%s", error->message);
}

gboolean
quorum_cli_parse (QuorumCli     *cli,
                  const char    *usage,
                  const char    *summary,
                  GOptionEntry  *entries,
                  int           *argc,
                  char        ***argv,
                  int           *exit_code)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (ctx, summary);
  g_option_context_set_description (ctx,
    _("Global options: --data-dir DIR, --json, --debug (before or after the command)."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *exit_code = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

char *
quorum_cli_format_local (QuorumCli  *cli,
                         gint64      us,
                         const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, cli->tz);
  return g_date_time_format (local, format);
}

JsonObject *
quorum_cli_meeting_json (const QuorumMeeting *m)
{
  JsonObject *o = quorum_meeting_to_json (m, QUORUM_FIELD_ALL, TRUE);

  json_object_set_string_member (o, "local_id", m->local_id ? m->local_id : "");
  json_object_set_string_member (o, "sync_state", m->sync_state ? m->sync_state : "synced");
  return o;
}

/* Takes --data-dir, --json and --debug from anywhere on the line, so
 * they may stand before or after the command (cli.md). */
static gboolean
take_globals (QuorumCli  *cli,
              GPtrArray  *args,
              int         argc,
              char      **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_str_equal (a, "--"))
        {
          for (; i < argc; i++)
            g_ptr_array_add (args, argv[i]);
          break;
        }
      if (g_str_equal (a, "--json"))
        cli->json = TRUE;
      else if (g_str_equal (a, "--debug"))
        cli->debug = TRUE;
      else if (g_str_equal (a, "--data-dir"))
        {
          if (i + 1 >= argc)
            return FALSE;
          g_free (cli->data_dir);
          cli->data_dir = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (a, "--data-dir="))
        {
          g_free (cli->data_dir);
          cli->data_dir = g_strdup (a + strlen ("--data-dir="));
        }
      else
        g_ptr_array_add (args, argv[i]);
    }
  return TRUE;
}

int
quorum_cli_main (int    argc,
                 char **argv)
{
  QuorumCli cli = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *localedir = g_getenv ("QUORUM_LOCALEDIR");
  int status = QUORUM_EXIT_USAGE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cli.tz = g_time_zone_new_local ();
  g_ptr_array_add (args, argv[0]);
  if (!take_globals (&cli, args, argc, argv))
    {
      status = quorum_cli_fail (&cli, QUORUM_EXIT_USAGE, "usage", "%s", _("--data-dir needs a folder"));
      goto out;
    }
  if (cli.data_dir == NULL)
    cli.data_dir = quorum_store_default_data_dir ();
  if (cli.debug)
    g_setenv ("G_MESSAGES_DEBUG", "quorum", TRUE);
  g_ptr_array_add (args, NULL);

  if (args->len < 3)
    {
      print_usage (stderr);
      goto out;
    }
  {
    const char *name = g_ptr_array_index (args, 1);

    if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
      {
        print_usage (stdout);
        status = QUORUM_EXIT_OK;
        goto out;
      }
    if (g_str_equal (name, "--version"))
      {
        printf ("quorum-cli %s\n", PACKAGE_VERSION);
        status = QUORUM_EXIT_OK;
        goto out;
      }
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (g_str_equal (name, commands[i].name))
        {
          /* The command sees argv[0] = "quorum-cli NAME", then its words. */
          g_autofree char *prog = g_strdup_printf ("quorum-cli %s", name);
          char **sub = (char **) args->pdata + 1;

          sub[0] = prog;
          status = commands[i].run (&cli, (int) args->len - 2, sub);
          goto out;
        }
    status = quorum_cli_fail (&cli, QUORUM_EXIT_USAGE, "usage", _("Unknown command “%s”; see quorum-cli --help"), name);
  }

out:
  g_clear_object (&cli.store);
  g_clear_pointer (&cli.tz, g_time_zone_unref);
  g_free (cli.data_dir);
  return status;
}
