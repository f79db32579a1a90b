/* quorum-cli-account.c — `account login|logout|status`, shared helpers */
#include "config.h"
#include "quorum-cli-private.h"
#include "quorum-account.h"
#include "quorum-sync-engine.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

void
quorum_cli_store_result (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
quorum_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
quorum_cli_fail_api (QuorumCli    *cli,
                     const GError *error)
{
  int status = QUORUM_EXIT_ERROR;
  const char *code = "error";

  if (error->domain == QUORUM_API_ERROR)
    {
      code = quorum_api_error_code_to_string (error->code);
      switch (error->code)
        {
        case QUORUM_API_ERROR_NETWORK:
        case QUORUM_API_ERROR_SERVER:
        case QUORUM_API_ERROR_HTTP:
        case QUORUM_API_ERROR_BAD_RESPONSE:
        case QUORUM_API_ERROR_TLS:        /* no safe way to reach it: as sync */
          status = QUORUM_EXIT_UNREACHABLE;
          break;
        case QUORUM_API_ERROR_LOGIN_REQUIRED:
        case QUORUM_API_ERROR_TOKEN_INVALID:
        case QUORUM_API_ERROR_INVALID_CREDENTIALS:
          status = QUORUM_EXIT_LOGIN;
          break;
        case QUORUM_API_ERROR_RATE_LIMITED:
          status = QUORUM_EXIT_RATE_LIMITED;
          break;
        case QUORUM_API_ERROR_INSECURE_URL:
        case QUORUM_API_ERROR_VALIDATION:
          status = QUORUM_EXIT_USAGE;
          break;
        default:
          break;
        }
    }
  else if (error->domain == QUORUM_SYNC_ERROR && error->code == QUORUM_SYNC_ERROR_LOGIN_REQUIRED)
    {
      status = QUORUM_EXIT_LOGIN;
      code = "login_required";
    }
  return quorum_cli_fail (cli, status, code, "%s", error->message);
}

QuorumAccount *
quorum_cli_account_open (QuorumCli *cli,
                         int       *status)
{
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (quorum_cli_store (cli) == NULL)
    {
      *status = QUORUM_EXIT_ERROR;
      return NULL;
    }
  account = quorum_account_new (cli->store);
  if (!quorum_account_is_configured (account))
    {
      *status = quorum_cli_fail (cli, QUORUM_EXIT_LOGIN, "login_required",
                                 "%s", _("No account: quorum-cli account login --server URL --username NAME"));
      return NULL;
    }
  quorum_account_load_async (account, NULL, quorum_cli_store_result, &result);
  quorum_cli_wait (&result);
  if (!quorum_account_load_finish (account, result, &error))
    {
      if (error)
        *status = quorum_cli_fail_api (cli, error);
      else
        *status = quorum_cli_fail (cli, QUORUM_EXIT_LOGIN, "login_required", "%s",
                                   _("Signed out: quorum-cli account login to sign in again"));
      return NULL;
    }
  return g_steal_pointer (&account);
}

static char *
read_password (gboolean from_stdin)
{
  GString *s = g_string_new (NULL);
  FILE *in = stdin;
  struct termios old, quiet;
  gboolean echo_off = FALSE;
  int c;

  if (!from_stdin)
    {
      in = fopen ("/dev/tty", "r+");
      if (in == NULL)
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      fputs (_("Password: "), in);
      fflush (in);
      if (tcgetattr (fileno (in), &old) == 0)
        {
          quiet = old;
          quiet.c_lflag &= ~ECHO;
          echo_off = tcsetattr (fileno (in), TCSAFLUSH, &quiet) == 0;
        }
    }
  while ((c = fgetc (in)) != EOF && c != '\n')
    g_string_append_c (s, (char) c);
  if (s->len > 0 && s->str[s->len - 1] == '\r')
    g_string_truncate (s, s->len - 1);
  if (!from_stdin)
    {
      if (echo_off)
        tcsetattr (fileno (in), TCSAFLUSH, &old);
      fputc ('\n', in);
      fclose (in);
    }
  return g_string_free (s, FALSE);
}

static int
print_status (QuorumCli *cli)
{
  g_autofree char *server = quorum_store_get_state (cli->store, "server");
  g_autofree char *username = quorum_store_get_state (cli->store, "username");
  g_autofree char *user_id = quorum_store_get_state (cli->store, "user_id");
  g_autofree char *logged_in = quorum_store_get_state (cli->store, "logged_in");
  g_autoptr(JsonObject) o = json_object_new ();

  if (server) json_object_set_string_member (o, "server", server); else json_object_set_null_member (o, "server");
  if (username) json_object_set_string_member (o, "username", username); else json_object_set_null_member (o, "username");
  if (user_id) json_object_set_int_member (o, "user_id", g_ascii_strtoll (user_id, NULL, 10)); else json_object_set_null_member (o, "user_id");
  json_object_set_boolean_member (o, "logged_in", g_strcmp0 (logged_in, "1") == 0);
  {
    /* beyond the contract: which extra CA is trusted, if any */
    g_autofree char *ca_file = quorum_store_get_state (cli->store, "ca_file");

    if (ca_file)
      json_object_set_string_member (o, "ca_file", ca_file);
  }
  if (cli->json)
    quorum_cli_print_object (o);
  else if (server)
    printf (_("%s at %s (%s)\n"), username ? username : "?", server,
            g_strcmp0 (logged_in, "1") == 0 ? _("signed in") : _("signed out"));
  else
    printf ("%s\n", _("No account: quorum-cli account login --server URL --username NAME"));
  return QUORUM_EXIT_OK;
}

static int
cmd_login (QuorumCli *cli, int argc, char **argv)
{
  g_autofree char *server = NULL, *username = NULL, *ca_file = NULL;
  gboolean from_stdin = FALSE, insecure = FALSE;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Server address (https://…)"), "URL" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("User name"), "NAME" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &from_stdin, N_("Read the password from standard input"), NULL },
    { "insecure-storage", 0, 0, G_OPTION_ARG_NONE, &insecure, N_("Keep tokens in a file readable only by you, not the keyring"), NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("Also trust the certificate authority in this PEM file (an organisation's own; \"\" for the system's alone)"), "FILE" },
    { NULL }
  };
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  int status;

  if (!quorum_cli_parse (cli, "", _("Sign in to the meeting server."), entries, &argc, &argv, &status))
    return status;
  if (server == NULL || username == NULL)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", _("--server and --username are required"));
  {
    g_autofree char *normal = quorum_api_normalize_base_url (server, &error);
    if (normal == NULL)
      return quorum_cli_fail_api (cli, error);
  }
  password = read_password (from_stdin);
  if (password == NULL)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s",
                            _("No terminal to ask the password on: use --password-stdin"));
  if (insecure)
    fprintf (stderr, "%s\n", _("quorum-cli: warning: --insecure-storage keeps the tokens in a file (mode 0600) instead of the keyring"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;

  account = quorum_account_new (cli->store);
  if (ca_file && !quorum_account_set_ca_file (account, ca_file, &error))
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", error->message);
  quorum_account_login_async (account, server, username, password, insecure, NULL, quorum_cli_store_result, &result);
  memset (password, 0, strlen (password));
  quorum_cli_wait (&result);
  if (!quorum_account_login_finish (account, result, &error))
    return quorum_cli_fail_api (cli, error);
  return print_status (cli);
}

static int
cmd_logout (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!quorum_cli_parse (cli, "", _("Sign out; the replica and queued changes stay."), entries, &argc, &argv, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  account = quorum_account_new (cli->store);
  if (quorum_account_is_configured (account))
    {
      quorum_account_logout_async (account, NULL, quorum_cli_store_result, &result);
      quorum_cli_wait (&result);
      if (!quorum_account_logout_finish (account, result, &error))
        return quorum_cli_fail_api (cli, error);
    }
  quorum_store_set_state (cli->store, "logged_in", "0", NULL);
  return print_status (cli);
}

static int
cmd_status (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  int status;

  if (!quorum_cli_parse (cli, "", _("Show the account."), entries, &argc, &argv, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  return print_status (cli);
}

int
quorum_cli_account (QuorumCli *cli, int argc, char **argv)
{
  static const struct { const char *name; QuorumCliCommand run; } sub[] = {
    { "login", cmd_login }, { "logout", cmd_logout }, { "status", cmd_status },
  };
  const char *usage = _("Usage: quorum-cli account login|logout|status");

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (sub); i++)
      if (g_str_equal (argv[1], sub[i].name))
        {
          g_autofree char *prog = g_strdup_printf ("%s %s", argv[0], argv[1]);
          argv[1] = prog;
          return sub[i].run (cli, argc - 1, argv + 1);
        }
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", usage);
      return QUORUM_EXIT_OK;
    }
  return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", usage);
}
