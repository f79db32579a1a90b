/* quorum-cli-outbox.c — `outbox list|discard` and `conflicts list|resolve` */
#include "config.h"
#include "quorum-cli-private.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* What a script sees: a sent change is still waiting, so "queued". */
static const char *
visible_state (QuorumChangeState state)
{
  switch (state)
    {
    case QUORUM_CHANGE_REJECTED: return "rejected";
    case QUORUM_CHANGE_CONFLICT: return "conflict";
    default: return "queued";
    }
}

static JsonObject *
change_json (const QuorumChange *c)
{
  JsonObject *o = json_object_new ();
  g_autofree char *created = quorum_time_format_rfc3339 (c->created_at);

  json_object_set_string_member (o, "change_id", c->change_id);
  json_object_set_string_member (o, "action", quorum_change_action_to_string (c->action));
  json_object_set_string_member (o, "local_id", c->local_id);
  if (c->entity_id > 0)
    json_object_set_int_member (o, "id", c->entity_id);
  else
    json_object_set_null_member (o, "id");
  json_object_set_string_member (o, "state", visible_state (c->state));
  if (c->error)
    {
      g_autoptr(JsonNode) err = json_from_string (c->error, NULL);
      if (err)
        json_object_set_member (o, "error", g_steal_pointer (&err));
      else
        json_object_set_null_member (o, "error");
    }
  else
    json_object_set_null_member (o, "error");
  json_object_set_string_member (o, "created_at", created);
  if (c->resolution)
    json_object_set_string_member (o, "resolution", c->resolution);
  /* Beyond the contract: what the change will send (the changed fields
   * only), so a script can see what coalescing made of several edits. */
  if (c->data && c->mask != 0)
    json_object_set_object_member (o, "data", quorum_meeting_to_json (c->data, c->mask, FALSE));
  return o;
}

static char *
error_summary (const char *error_json)
{
  g_autoptr(JsonNode) node = error_json ? json_from_string (error_json, NULL) : NULL;
  JsonObject *o;
  JsonNode *msg, *code;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("");
  o = json_node_get_object (node);
  msg = json_object_get_member (o, "message");
  code = json_object_get_member (o, "code");
  return g_strdup_printf ("%s%s%s",
    code && json_node_get_value_type (code) == G_TYPE_STRING ? json_node_get_string (code) : "",
    msg && json_node_get_value_type (msg) == G_TYPE_STRING ? ": " : "",
    msg && json_node_get_value_type (msg) == G_TYPE_STRING ? json_node_get_string (msg) : "");
}

static int
cmd_outbox_list (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!quorum_cli_parse (cli, "", _("Changes waiting to be sent, oldest first."), entries, &argc, &argv, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  list = quorum_store_list_outbox (cli->store, &error);
  if (list == NULL)
    return quorum_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, change_json (g_ptr_array_index (list, i)));
      quorum_cli_print_array (array);
      return QUORUM_EXIT_OK;
    }
  if (list->len == 0)
    printf ("%s\n", _("Nothing waits to be sent."));
  for (guint i = 0; i < list->len; i++)
    {
      QuorumChange *c = g_ptr_array_index (list, i);
      g_autofree char *when = quorum_cli_format_local (cli, c->created_at, "%x %H:%M");
      g_autofree char *why = error_summary (c->error);

      printf ("%-36s  %-7s  %-8s  %-16s  %s\n", c->change_id, quorum_change_action_to_string (c->action),
              visible_state (c->state), when, why);
    }
  return QUORUM_EXIT_OK;
}

static int
cmd_outbox_discard (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  int status;

  if (!quorum_cli_parse (cli, "CHANGE_ID", _("Drop a rejected change; the meeting returns to the server's version."),
                         entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", _("Give exactly one change id"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  if (!quorum_store_discard_change (cli->store, argv[1], &error))
    return quorum_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      json_object_set_string_member (o, "discarded", argv[1]);
      quorum_cli_print_object (o);
    }
  else
    printf (_("Discarded %s.\n"), argv[1]);
  return QUORUM_EXIT_OK;
}

static int
cmd_conflicts_list (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!quorum_cli_parse (cli, "", _("Conflicts waiting for your decision."), entries, &argc, &argv, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  list = quorum_store_list_conflicts (cli->store, &error);
  if (list == NULL)
    return quorum_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, quorum_conflict_to_json (g_ptr_array_index (list, i)));
      quorum_cli_print_array (array);
      return QUORUM_EXIT_OK;
    }
  if (list->len == 0)
    printf ("%s\n", _("No conflicts."));
  for (guint i = 0; i < list->len; i++)
    {
      QuorumConflict *c = g_ptr_array_index (list, i);
      GString *fields = g_string_new (NULL);

      for (guint f = 0; f < QUORUM_N_FIELDS; f++)
        if (c->fields & (1 << f))
          g_string_append_printf (fields, "%s%s", fields->len ? ", " : "", quorum_meeting_field_name (1 << f));
      printf ("%-4" G_GINT64_FORMAT "  %s  %s\n", c->id,
              c->local ? c->local->title : (c->server ? c->server->title : ""),
              c->server == NULL ? _("(deleted on the server)") :
              c->local_deleted ? _("(you deleted it)") : fields->str);
      g_string_free (fields, TRUE);
    }
  if (list->len)
    printf ("\n%s\n", _("Decide with: quorum-cli conflicts resolve ID --keep local|server|both"));
  return QUORUM_EXIT_OK;
}

static int
cmd_conflicts_resolve (QuorumCli *cli, int argc, char **argv)
{
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("local, server or both"), "WHICH" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  gint64 id;
  char *end = NULL;
  int status;

  if (!quorum_cli_parse (cli, "ID", _("Record your choice; the next sync sends it."), entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", _("Give exactly one conflict id"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == NULL || *end != '\0' || id <= 0)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", _("“%s” is not a conflict id"), argv[1]);
  if (keep == NULL)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", _("--keep local|server|both is required"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  if (!quorum_store_resolve_conflict (cli->store, id, keep, &error))
    return quorum_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      json_object_set_int_member (o, "id", id);
      json_object_set_string_member (o, "keep", keep);
      quorum_cli_print_object (o);
    }
  else
    printf (_("Recorded; the next sync sends your choice.\n"));
  return QUORUM_EXIT_OK;
}

static int
dispatch (QuorumCli  *cli,
          int         argc,
          char      **argv,
          const char *usage,
          const char *name1,
          QuorumCliCommand run1,
          const char *name2,
          QuorumCliCommand run2)
{
  if (argc >= 2 && (g_str_equal (argv[1], name1) || g_str_equal (argv[1], name2)))
    {
      g_autofree char *prog = g_strdup_printf ("%s %s", argv[0], argv[1]);
      QuorumCliCommand run = g_str_equal (argv[1], name1) ? run1 : run2;
      argv[1] = prog;
      return run (cli, argc - 1, argv + 1);
    }
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", usage);
      return QUORUM_EXIT_OK;
    }
  return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", usage);
}

int
quorum_cli_outbox (QuorumCli *cli, int argc, char **argv)
{
  return dispatch (cli, argc, argv, _("Usage: quorum-cli outbox list|discard CHANGE_ID"),
                   "list", cmd_outbox_list, "discard", cmd_outbox_discard);
}

int
quorum_cli_conflicts (QuorumCli *cli, int argc, char **argv)
{
  return dispatch (cli, argc, argv, _("Usage: quorum-cli conflicts list|resolve ID --keep local|server|both"),
                   "list", cmd_conflicts_list, "resolve", cmd_conflicts_resolve);
}
