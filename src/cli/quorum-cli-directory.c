/* quorum-cli-directory.c — `rooms list` and `people list` from the replica */
#include "config.h"
#include "quorum-cli-private.h"

#include <glib/gi18n.h>
#include <stdio.h>

static const char *
member_string (JsonObject *o,
               const char *member)
{
  JsonNode *n = json_object_get_member (o, member);
  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : "";
}

static gint64
member_int (JsonObject *o,
            const char *member)
{
  JsonNode *n = json_object_get_member (o, member);
  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64
         ? json_node_get_int (n) : 0;
}

static int
list_directory (QuorumCli  *cli,
                int         argc,
                char      **argv,
                gboolean    rooms)
{
  GOptionEntry entries[] = { { NULL } };
  g_autofree char *prog = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (argc < 2 || !g_str_equal (argv[1], "list"))
    {
      if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
        {
          printf ("%s\n", rooms ? _("Usage: quorum-cli rooms list") : _("Usage: quorum-cli people list"));
          return QUORUM_EXIT_OK;
        }
      return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s",
                              rooms ? _("Usage: quorum-cli rooms list") : _("Usage: quorum-cli people list"));
    }
  /* the usage line names the whole command: "quorum-cli rooms list" */
  prog = g_strdup_printf ("%s %s", argv[0], argv[1]);
  argv[1] = prog;
  argc--;
  argv++;
  if (!quorum_cli_parse (cli, "", rooms ? _("Rooms known to the replica.") : _("People known to the replica."),
                         entries, &argc, &argv, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  list = rooms ? quorum_store_list_rooms (cli->store, &error) : quorum_store_list_users (cli->store, &error);
  if (list == NULL)
    return quorum_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, json_object_ref (g_ptr_array_index (list, i)));
      quorum_cli_print_array (array);
      return QUORUM_EXIT_OK;
    }
  if (list->len == 0)
    printf ("%s\n", rooms ? _("No rooms yet: sync to fetch them.") : _("No people yet: sync to fetch them."));
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *o = g_ptr_array_index (list, i);
      g_autofree char *name = quorum_cli_pad (member_string (o, "name"), 30);

      if (rooms)
        printf ("%-6" G_GINT64_FORMAT " %s %4" G_GINT64_FORMAT "  %s\n", member_int (o, "id"),
                name, member_int (o, "capacity"), member_string (o, "equipment"));
      else
        {
          g_autofree char *username = quorum_cli_pad (member_string (o, "username"), 16);

          printf ("%-6" G_GINT64_FORMAT " %s %s %s\n", member_int (o, "id"),
                  name, username, member_string (o, "email"));
        }
    }
  return QUORUM_EXIT_OK;
}

int
quorum_cli_rooms (QuorumCli *cli, int argc, char **argv)
{
  return list_directory (cli, argc, argv, TRUE);
}

int
quorum_cli_people (QuorumCli *cli, int argc, char **argv)
{
  return list_directory (cli, argc, argv, FALSE);
}
