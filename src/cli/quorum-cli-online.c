/* quorum-cli-online.c — commands that talk to the server (being written) */
#include "config.h"
#include "quorum-cli-private.h"

#include <glib/gi18n.h>
#include <stdio.h>

static int
not_yet (QuorumCli *cli, const char *what)
{
  return quorum_cli_fail (cli, QUORUM_EXIT_ERROR, "not_implemented",
                          "“%s” is not available in this build yet", what);
}

int quorum_cli_sync (QuorumCli *cli, int argc, char **argv) { return not_yet (cli, "sync"); }
int quorum_cli_freebusy (QuorumCli *cli, int argc, char **argv) { return not_yet (cli, "freebusy"); }
int quorum_cli_suggest (QuorumCli *cli, int argc, char **argv) { return not_yet (cli, "suggest"); }
int quorum_cli_integrations (QuorumCli *cli, int argc, char **argv) { return not_yet (cli, "integrations"); }

int
quorum_cli_account (QuorumCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "status"))
    {
      g_autofree char *server = NULL, *username = NULL, *user_id = NULL, *logged_in = NULL;
      g_autoptr(JsonObject) o = json_object_new ();

      if (quorum_cli_store (cli) == NULL)
        return QUORUM_EXIT_ERROR;
      server = quorum_store_get_state (cli->store, "server");
      username = quorum_store_get_state (cli->store, "username");
      user_id = quorum_store_get_state (cli->store, "user_id");
      logged_in = quorum_store_get_state (cli->store, "logged_in");
      if (server) json_object_set_string_member (o, "server", server); else json_object_set_null_member (o, "server");
      if (username) json_object_set_string_member (o, "username", username); else json_object_set_null_member (o, "username");
      if (user_id) json_object_set_int_member (o, "user_id", g_ascii_strtoll (user_id, NULL, 10)); else json_object_set_null_member (o, "user_id");
      json_object_set_boolean_member (o, "logged_in", g_strcmp0 (logged_in, "1") == 0);
      if (cli->json)
        quorum_cli_print_object (o);
      else if (server)
        printf (_("%s at %s (%s)\n"), username ? username : "?", server,
                g_strcmp0 (logged_in, "1") == 0 ? _("signed in") : _("signed out"));
      else
        printf ("%s\n", _("No account: quorum-cli account login --server URL --username NAME"));
      return QUORUM_EXIT_OK;
    }
  return not_yet (cli, "account");
}
