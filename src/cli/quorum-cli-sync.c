/* quorum-cli-sync.c — `sync`, `freebusy`, `suggest`, `integrations list` */
#include "config.h"
#include "quorum-cli-private.h"
#include "quorum-account.h"
#include "quorum-sync-engine.h"
#include "quorum-suggest.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* cli.md has five states; a server that answers with errors counts as
 * unreachable ("offline"): the work is kept and goes later. */
static const char *
cli_state (QuorumSyncState state)
{
  switch (state)
    {
    case QUORUM_SYNC_STATE_SYNCED: return "synced";
    case QUORUM_SYNC_STATE_NEEDS_ATTENTION: return "needs_attention";
    case QUORUM_SYNC_STATE_LOGIN_REQUIRED: return "login_required";
    case QUORUM_SYNC_STATE_RATE_LIMITED: return "rate_limited";
    default: return "offline";
    }
}

static void
print_sync (QuorumCli        *cli,
            QuorumSyncEngine *engine,
            const GError     *error)
{
  QuorumSyncState state = quorum_sync_engine_get_state (engine);
  g_autoptr(JsonObject) o = json_object_new ();
  gint64 retry_at = quorum_sync_engine_get_retry_at (engine);

  json_object_set_string_member (o, "state", cli_state (state));
  json_object_set_int_member (o, "pushed", quorum_sync_engine_get_pushed (engine));
  json_object_set_int_member (o, "pulled", quorum_sync_engine_get_pulled (engine));
  json_object_set_int_member (o, "pending", quorum_sync_engine_get_pending (engine));
  json_object_set_int_member (o, "conflicts", quorum_sync_engine_get_conflicts (engine));
  json_object_set_int_member (o, "rejected", quorum_sync_engine_get_rejected (engine));
  if (state == QUORUM_SYNC_STATE_RATE_LIMITED && retry_at > 0)
    {
      g_autofree char *t = quorum_time_format_rfc3339 (retry_at);
      json_object_set_string_member (o, "retry_at", t);
    }
  else
    json_object_set_null_member (o, "retry_at");
  if (error)
    json_object_set_string_member (o, "message", error->message);

  /* The document is printed whatever the exit status (cli.md). */
  quorum_cli_print_object (o);
  if (error)
    fprintf (stderr, "quorum-cli: %s\n", error->message);
}

static int
cmd_sync (QuorumCli *cli, int argc, char **argv)
{
  int max_wait = 60;
  GOptionEntry entries[] = {
    { "max-wait", 0, 0, G_OPTION_ARG_INT, &max_wait, N_("Wait out a rate limit of at most this many seconds (default 60)"), "SECONDS" },
    { NULL }
  };
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(QuorumSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!quorum_cli_parse (cli, "", _("One full round: push the outbox, then pull until the server has nothing more."),
                         entries, &argc, &argv, &status))
    return status;
  if (max_wait < 0)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", _("--max-wait must not be negative"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;

  account = quorum_account_new (cli->store);
  engine = quorum_sync_engine_new (account);

  for (int attempt = 0; attempt < 10; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      gint64 wait_us;

      g_clear_error (&error);
      quorum_sync_engine_sync_async (engine, NULL, quorum_cli_store_result, &result);
      quorum_cli_wait (&result);
      if (quorum_sync_engine_sync_finish (engine, result, &error))
        break;
      if (!g_error_matches (error, QUORUM_SYNC_ERROR, QUORUM_SYNC_ERROR_RATE_LIMITED))
        break;
      wait_us = quorum_sync_engine_get_retry_at (engine) - g_get_real_time ();
      if (wait_us > (gint64) max_wait * G_USEC_PER_SEC)
        break;
      if (wait_us > 0)
        {
          fprintf (stderr, _("quorum-cli: rate limited; waiting %d s\n"), (int) ((wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
          g_usleep (wait_us + 50000);
        }
    }

  print_sync (cli, engine, error);
  if (error == NULL)
    return quorum_sync_engine_get_conflicts (engine) + quorum_sync_engine_get_rejected (engine) > 0
           ? QUORUM_EXIT_NEEDS_USER : QUORUM_EXIT_OK;
  if (error->domain == QUORUM_SYNC_ERROR)
    switch (error->code)
      {
      case QUORUM_SYNC_ERROR_OFFLINE: return QUORUM_EXIT_UNREACHABLE;
      case QUORUM_SYNC_ERROR_LOGIN_REQUIRED: return QUORUM_EXIT_LOGIN;
      case QUORUM_SYNC_ERROR_RATE_LIMITED: return QUORUM_EXIT_RATE_LIMITED;
      default: break;
      }
  return QUORUM_EXIT_ERROR;
}

static gboolean
parse_ids (QuorumCli   *cli,
           char       **strings,
           GArray      *out,
           const char  *what,
           int         *status)
{
  for (guint i = 0; strings && strings[i]; i++)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (strings[i], &end, 10);
      if (end == NULL || *end != '\0' || v <= 0)
        {
          *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", _("%s: “%s” is not an id"), what, strings[i]);
          return FALSE;
        }
      g_array_append_val (out, v);
    }
  return TRUE;
}

static gboolean
parse_range (QuorumCli  *cli,
             const char *from_s,
             const char *to_s,
             gint64     *from,
             gint64     *to,
             int        *status)
{
  if (from_s == NULL || to_s == NULL)
    {
      *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", _("--from and --to are required"));
      return FALSE;
    }
  if (!quorum_time_parse_user (from_s, cli->tz, from) || !quorum_time_parse_user (to_s, cli->tz, to))
    {
      *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", _("--from/--to: use YYYY-MM-DD or RFC 3339"));
      return FALSE;
    }
  if (*from >= *to)
    {
      *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", _("--from must be before --to"));
      return FALSE;
    }
  return TRUE;
}

static int
cmd_freebusy (QuorumCli *cli, int argc, char **argv)
{
  g_autofree char *from_s = NULL, *to_s = NULL;
  g_auto(GStrv) users_s = NULL, rooms_s = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_s, N_("From"), "T" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_s, N_("To"), "T" },
    { "user", 0, 0, G_OPTION_ARG_STRING_ARRAY, &users_s, N_("A person's id (repeat)"), "ID" },
    { "room", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rooms_s, N_("A room's id (repeat)"), "ID" },
    { NULL }
  };
  g_autoptr(GArray) users = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *key = NULL;
  gint64 from, to;
  int status;

  if (!quorum_cli_parse (cli, "", _("When people and rooms are busy (cached for offline use)."), entries, &argc, &argv, &status) ||
      !parse_range (cli, from_s, to_s, &from, &to, &status) ||
      !parse_ids (cli, users_s, users, "--user", &status) ||
      !parse_ids (cli, rooms_s, rooms, "--room", &status))
    return status;
  if (to - from > 62 * G_TIME_SPAN_DAY)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", _("At most 62 days at a time"));
  if (users->len + rooms->len == 0)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", _("Name at least one --user or --room"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  key = quorum_suggest_freebusy_key ((gint64 *) (gpointer) users->data, users->len,
                                     (gint64 *) (gpointer) rooms->data, rooms->len, from, to);

  account = quorum_cli_account_open (cli, &status);
  if (account != NULL)
    {
      quorum_api_freebusy_async (quorum_account_get_api (account),
                                 (gint64 *) (gpointer) users->data, users->len,
                                 (gint64 *) (gpointer) rooms->data, rooms->len,
                                 from, to, NULL, quorum_cli_store_result, &result);
      quorum_cli_wait (&result);
      answer = quorum_api_freebusy_finish (quorum_account_get_api (account), result, &error);
      if (answer)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
          g_autofree char *text = NULL;
          json_node_set_object (node, answer);
          text = json_to_string (node, FALSE);
          quorum_store_put_freebusy (cli->store, key, text, NULL);
          quorum_cli_print_object (answer);
          return QUORUM_EXIT_OK;
        }
      if (!g_error_matches (error, QUORUM_API_ERROR, QUORUM_API_ERROR_NETWORK))
        return quorum_cli_fail_api (cli, error);
    }

  /* offline (or signed out): the cached answer, saying when it was fetched */
  {
    gint64 fetched = 0;
    g_autofree char *cached = quorum_store_get_freebusy (cli->store, key, &fetched);
    g_autoptr(JsonNode) node = cached ? json_from_string (cached, NULL) : NULL;
    g_autofree char *when = NULL;

    if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
      return error ? quorum_cli_fail_api (cli, error)
                   : quorum_cli_fail (cli, QUORUM_EXIT_UNREACHABLE, "unavailable", "%s",
                                      _("No cached free/busy answer for that query"));
    when = quorum_time_format_rfc3339 (fetched);
    json_object_set_string_member (json_node_get_object (node), "cached_at", when);
    quorum_cli_print_json (node);
    return QUORUM_EXIT_OK;
  }
}

static int
cmd_suggest (QuorumCli *cli, int argc, char **argv)
{
  g_autofree char *from_s = NULL, *to_s = NULL, *room_s = NULL;
  g_auto(GStrv) people_s = NULL;
  int duration = 0, capacity = 0, max = 10;
  GOptionEntry entries[] = {
    { "duration", 0, 0, G_OPTION_ARG_INT, &duration, N_("Minutes"), "MINUTES" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_s, N_("From"), "T" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_s, N_("To"), "T" },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &people_s, N_("A participant's id (repeat)"), "ID" },
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_s, N_("This room"), "ID" },
    { "capacity", 0, 0, G_OPTION_ARG_INT, &capacity, N_("Any room seating at least N"), "N" },
    { "max", 0, 0, G_OPTION_ARG_INT, &max, N_("At most this many slots (default 10)"), "N" },
    { NULL }
  };
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) room = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) out = json_array_new ();
  QuorumSuggestQuery q = { 0 };
  int status;

  if (!quorum_cli_parse (cli, "", _("Free times when every participant and a fitting room are free, best first."),
                         entries, &argc, &argv, &status) ||
      !parse_range (cli, from_s, to_s, &q.from, &q.to, &status) ||
      !parse_ids (cli, people_s, people, "--participant", &status))
    return status;
  if (room_s)
    {
      char *list[] = { room_s, NULL };
      if (!parse_ids (cli, list, room, "--room", &status))
        return status;
    }
  if (duration <= 0 || duration > 24 * 60)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", _("--duration: 1 to 1440 minutes"));
  if (room_s && capacity > 0)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", _("Give --room or --capacity, not both"));
  if (capacity < 0 || max <= 0)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", "%s", _("--capacity and --max must be positive"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;

  q.duration = (gint64) duration * G_TIME_SPAN_MINUTE;
  q.participants = (const gint64 *) (gpointer) people->data;
  q.n_participants = people->len;
  q.room_id = room->len ? g_array_index (room, gint64, 0) : 0;
  q.capacity = capacity;
  q.tz = cli->tz;
  q.max_results = max;
  slots = quorum_suggest_slots (cli->store, &q, &error);
  if (slots == NULL)
    return quorum_cli_fail_error (cli, error);

  for (guint i = 0; i < slots->len; i++)
    {
      QuorumSlot *s = &g_array_index (slots, QuorumSlot, i);
      JsonObject *o = json_object_new ();
      g_autofree char *start = quorum_time_format_rfc3339 (s->start);
      g_autofree char *end = quorum_time_format_rfc3339 (s->end);

      json_object_set_string_member (o, "start", start);
      json_object_set_string_member (o, "end", end);
      if (s->room_id > 0)
        json_object_set_int_member (o, "room_id", s->room_id);
      else
        json_object_set_null_member (o, "room_id");
      json_object_set_int_member (o, "unknown_participants", s->n_unknown);
      json_array_add_object_element (out, o);
    }
  if (cli->json)
    quorum_cli_print_array (out);
  else if (slots->len == 0)
    printf ("%s\n", _("No free time fits. Try a wider range or fewer people."));
  else
    for (guint i = 0; i < slots->len; i++)
      {
        QuorumSlot *s = &g_array_index (slots, QuorumSlot, i);
        g_autofree char *day = quorum_cli_format_local (cli, s->start, "%a %x %H:%M");
        g_autofree char *end = quorum_cli_format_local (cli, s->end, "%H:%M");
        g_autofree char *where = s->room_id > 0 ? g_strdup_printf (_("room %lld"), (long long) s->room_id) : g_strdup ("");
        printf ("%s–%s  %s\n", day, end, where);
      }
  return QUORUM_EXIT_OK;
}

static int
cmd_integrations (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonArray) out = json_array_new ();
  int status;

  if (argc < 2 || !g_str_equal (argv[1], "list"))
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", "%s", _("Usage: quorum-cli integrations list"));
  argc--;
  argv++;
  if (!quorum_cli_parse (cli, "", _("The server's calendar integrations."), entries, &argc, &argv, &status))
    return status;
  account = quorum_cli_account_open (cli, &status);
  if (account == NULL)
    return status;
  quorum_api_integrations_async (quorum_account_get_api (account), NULL, quorum_cli_store_result, &result);
  quorum_cli_wait (&result);
  list = quorum_api_integrations_finish (quorum_account_get_api (account), result, &error);
  if (list == NULL)
    return quorum_cli_fail_api (cli, error);
  for (guint i = 0; i < list->len; i++)
    {
      QuorumApiIntegration *it = g_ptr_array_index (list, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "provider", it->provider);
      json_object_set_string_member (o, "status", it->status);
      if (it->last_sync)
        json_object_set_string_member (o, "last_sync", it->last_sync);
      else
        json_object_set_null_member (o, "last_sync");
      if (it->error)
        json_object_set_object_member (o, "error", json_object_ref (it->error));
      else
        json_object_set_null_member (o, "error");
      json_array_add_object_element (out, o);
      if (!cli->json)
        printf ("%-10s %-13s %s\n", it->provider, it->status, it->error ? _("(see --json for the error)") : "");
    }
  if (cli->json)
    quorum_cli_print_array (out);
  return QUORUM_EXIT_OK;
}

int quorum_cli_sync (QuorumCli *cli, int argc, char **argv) { return cmd_sync (cli, argc, argv); }
int quorum_cli_freebusy (QuorumCli *cli, int argc, char **argv) { return cmd_freebusy (cli, argc, argv); }
int quorum_cli_suggest (QuorumCli *cli, int argc, char **argv) { return cmd_suggest (cli, argc, argv); }
int quorum_cli_integrations (QuorumCli *cli, int argc, char **argv) { return cmd_integrations (cli, argc, argv); }
