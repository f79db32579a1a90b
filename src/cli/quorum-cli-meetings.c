/* quorum-cli-meetings.c — `meetings list|show|add|edit|cancel|delete` */
#include "config.h"
#include "quorum-cli-private.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  char     *title;
  char     *start;
  char     *end;
  char     *room;
  char    **participants;
  gboolean  clear_participants;
  char     *description;
  char     *agenda;
  char     *type;
  char     *priority;
  char     *status;
  char     *external_location;
  gboolean  ignore_unavailable;
} MeetingOptions;

static void
meeting_options_clear (MeetingOptions *o)
{
  g_free (o->title);
  g_free (o->start);
  g_free (o->end);
  g_free (o->room);
  g_strfreev (o->participants);
  g_free (o->description);
  g_free (o->agenda);
  g_free (o->type);
  g_free (o->priority);
  g_free (o->status);
  g_free (o->external_location);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MeetingOptions, meeting_options_clear)

static gboolean
parse_positive_id (const char *text,
                   gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    return FALSE;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || v <= 0)
    return FALSE;
  *out = v;
  return TRUE;
}

/* Turns the given options into field values and a mask of what was given;
 * on bad input reports it and returns FALSE with *status set. */
static gboolean
options_to_meeting (QuorumCli            *cli,
                    const MeetingOptions *o,
                    QuorumMeeting        *m,
                    QuorumMeetingField   *mask,
                    int                  *status)
{
  *mask = 0;
#define TAKE_STR(opt, field, dst) \
  if (opt) { g_free (dst); dst = g_strdup (opt); *mask |= field; }
  TAKE_STR (o->title, QUORUM_FIELD_TITLE, m->title);
  TAKE_STR (o->description, QUORUM_FIELD_DESCRIPTION, m->description);
  TAKE_STR (o->agenda, QUORUM_FIELD_AGENDA, m->agenda);
  TAKE_STR (o->type, QUORUM_FIELD_MEETING_TYPE, m->meeting_type);
  TAKE_STR (o->priority, QUORUM_FIELD_PRIORITY, m->priority);
  TAKE_STR (o->status, QUORUM_FIELD_STATUS, m->status);
  TAKE_STR (o->external_location, QUORUM_FIELD_EXTERNAL_LOCATION, m->external_location);
#undef TAKE_STR

  if (o->start)
    {
      if (!quorum_time_parse_user (o->start, cli->tz, &m->start_time))
        {
          *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input",
                                     _("start_time: “%s” is not a date and time (use RFC 3339, e.g. 2025-02-01T10:00:00Z)"), o->start);
          return FALSE;
        }
      *mask |= QUORUM_FIELD_START_TIME;
    }
  if (o->end)
    {
      if (!quorum_time_parse_user (o->end, cli->tz, &m->end_time))
        {
          *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input",
                                     _("end_time: “%s” is not a date and time (use RFC 3339, e.g. 2025-02-01T11:00:00Z)"), o->end);
          return FALSE;
        }
      *mask |= QUORUM_FIELD_END_TIME;
    }
  if (o->room)
    {
      if (g_str_equal (o->room, "") || g_ascii_strcasecmp (o->room, "none") == 0)
        m->room_id = 0;
      else if (!parse_positive_id (o->room, &m->room_id))
        {
          *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input",
                                     _("room_id: “%s” is not a room id"), o->room);
          return FALSE;
        }
      *mask |= QUORUM_FIELD_ROOM_ID;
    }
  if (o->participants || o->clear_participants)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; o->participants && o->participants[i]; i++)
        {
          gint64 v;
          if (!parse_positive_id (o->participants[i], &v))
            {
              *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input",
                                         _("participant_ids: “%s” is not a person's id"), o->participants[i]);
              return FALSE;
            }
          g_array_append_val (ids, v);
        }
      if (ids->len > QUORUM_PARTICIPANTS_MAX)
        {
          *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input",
                                     _("participant_ids: at most 200 people"));
          return FALSE;
        }
      quorum_meeting_set_participants (m, (const gint64 *) (gpointer) ids->data, ids->len);
      *mask |= QUORUM_FIELD_PARTICIPANT_IDS;
    }
  return TRUE;
}

#define MEETING_ENTRIES(o) \
  { "title", 0, 0, G_OPTION_ARG_FILENAME, &(o).title, N_("Title (1–200 characters)"), "S" }, \
  { "start", 0, 0, G_OPTION_ARG_FILENAME, &(o).start, N_("Start (RFC 3339, or YYYY-MM-DDTHH:MM local)"), "T" }, \
  { "end", 0, 0, G_OPTION_ARG_FILENAME, &(o).end, N_("End (RFC 3339, or YYYY-MM-DDTHH:MM local)"), "T" }, \
  { "room", 0, 0, G_OPTION_ARG_FILENAME, &(o).room, N_("Room id (“none” for no room)"), "ID" }, \
  { "participant", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &(o).participants, N_("A participant's id (repeat; replaces the list)"), "ID" }, \
  { "description", 0, 0, G_OPTION_ARG_FILENAME, &(o).description, N_("Description"), "S" }, \
  { "agenda", 0, 0, G_OPTION_ARG_FILENAME, &(o).agenda, N_("Agenda"), "S" }, \
  { "type", 0, 0, G_OPTION_ARG_FILENAME, &(o).type, N_("SCHEDULED, UNSCHEDULED, EXTERNAL or INTERNAL"), "TYPE" }, \
  { "priority", 0, 0, G_OPTION_ARG_FILENAME, &(o).priority, N_("LOW, MEDIUM or HIGH"), "P" }, \
  { "external-location", 0, 0, G_OPTION_ARG_FILENAME, &(o).external_location, N_("Where, when not in a room"), "S" }, \
  { "ignore-unavailable", 0, 0, G_OPTION_ARG_NONE, &(o).ignore_unavailable, N_("Book even if participants are busy"), NULL }

static int
print_meeting (QuorumCli           *cli,
               const QuorumMeeting *m)
{
  if (cli->json)
    {
      g_autoptr(JsonObject) o = quorum_cli_meeting_json (m);
      quorum_cli_print_object (o);
    }
  else
    {
      g_autofree char *start = quorum_cli_format_local (cli, m->start_time, "%a %x %H:%M");
      g_autofree char *end = quorum_cli_format_local (cli, m->end_time, "%H:%M");

      printf ("%s\n", m->title);
      printf ("  %-14s %s – %s\n", _("When:"), start, end);
      if (m->id > 0)
        printf ("  %-14s %" G_GINT64_FORMAT "\n", _("Id:"), m->id);
      printf ("  %-14s %s\n", _("Local id:"), m->local_id);
      if (m->room_id > 0)
        printf ("  %-14s %" G_GINT64_FORMAT "\n", _("Room:"), m->room_id);
      if (m->external_location && *m->external_location)
        printf ("  %-14s %s\n", _("Location:"), m->external_location);
      printf ("  %-14s %s · %s · %s\n", _("Status:"), m->status, m->meeting_type, m->priority);
      printf ("  %-14s %u\n", _("Participants:"), m->participant_ids->len);
      printf ("  %-14s %s\n", _("Sync:"), m->sync_state ? m->sync_state : "synced");
    }
  return QUORUM_EXIT_OK;
}

static const char *
state_mark (const char *sync_state)
{
  if (g_strcmp0 (sync_state, "pending") == 0)
    return "*";
  if (g_strcmp0 (sync_state, "rejected") == 0)
    return "!";
  if (g_strcmp0 (sync_state, "conflict") == 0)
    return "?";
  return " ";
}

static int
print_list (QuorumCli *cli,
            GPtrArray *meetings)
{
  gboolean marks = FALSE;

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < meetings->len; i++)
        json_array_add_object_element (array, quorum_cli_meeting_json (g_ptr_array_index (meetings, i)));
      quorum_cli_print_array (array);
      return QUORUM_EXIT_OK;
    }

  if (meetings->len == 0)
    {
      printf ("%s\n", _("No meetings."));
      return QUORUM_EXIT_OK;
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      QuorumMeeting *m = g_ptr_array_index (meetings, i);
      g_autofree char *day = quorum_cli_format_local (cli, m->start_time, "%a %x");
      g_autofree char *start = quorum_cli_format_local (cli, m->start_time, "%H:%M");
      g_autofree char *end = quorum_cli_format_local (cli, m->end_time, "%H:%M");
      g_autofree char *id = m->id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, m->id) : g_strdup ("-");
      const char *mark = state_mark (m->sync_state);

      marks |= *mark != ' ';
      {
      g_autofree char *day_col = quorum_cli_pad (day, 16);

      printf ("%s %s %s–%s  %-8s %s%s\n", mark, day_col, start, end, id, m->title,
              g_strcmp0 (m->status, "CANCELLED") == 0 ? _(" (cancelled)") : "");
      }
    }
  if (marks)
    printf ("\n%s\n", _("* waiting to be sent   ! refused by the server   ? in conflict"));
  return QUORUM_EXIT_OK;
}

static int
cmd_list (QuorumCli *cli, int argc, char **argv)
{
  g_autofree char *from_s = NULL, *to_s = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_s, N_("From (YYYY-MM-DD or RFC 3339)"), "T" },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_s, N_("To (YYYY-MM-DD, that whole day, or RFC 3339)"), "T" },
    { NULL }
  };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from = G_MININT64, to = G_MAXINT64;
  int status;

  if (!quorum_cli_parse (cli, "", _("List meetings, sorted by start time."), entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", _("Unexpected argument “%s”"), argv[1]);
  if (from_s && !quorum_time_parse_user (from_s, cli->tz, &from))
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", _("--from: “%s” is not a date"), from_s);
  if (to_s)
    {
      if (!quorum_time_parse_user (to_s, cli->tz, &to))
        return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", _("--to: “%s” is not a date"), to_s);
      /* A bare date names a whole day: include it. */
      if (strlen (to_s) == 10)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (to / G_USEC_PER_SEC);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, cli->tz);
          g_autoptr(GDateTime) next = g_date_time_add_days (local, 1);
          to = g_date_time_to_unix (next) * G_USEC_PER_SEC;
        }
    }
  if (from >= to)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", _("--from must be before --to"));
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  list = quorum_store_list_meetings (cli->store, from, to, &error);
  if (list == NULL)
    return quorum_cli_fail_error (cli, error);
  return print_list (cli, list);
}

static gboolean
one_id (QuorumCli   *cli,
        int          argc,
        char       **argv,
        const char **out_id,
        int         *status)
{
  if (argc != 2)
    {
      *status = quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage",
                                 argc < 2 ? _("Which meeting? Give its id or local_id") : _("Give exactly one meeting id"));
      return FALSE;
    }
  *out_id = argv[1];
  return TRUE;
}

static int
cmd_show (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(QuorumMeeting) m = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  int status;

  if (!quorum_cli_parse (cli, "ID", _("Show one meeting (ID is a server id or a local_id)."), entries, &argc, &argv, &status) ||
      !one_id (cli, argc, argv, &id, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  m = quorum_store_get_meeting (cli->store, id, &error);
  if (m == NULL)
    return quorum_cli_fail_error (cli, error);
  return print_meeting (cli, m);
}

static int
cmd_add (QuorumCli *cli, int argc, char **argv)
{
  g_auto(MeetingOptions) o = { 0 };
  GOptionEntry entries[] = { MEETING_ENTRIES (o), { NULL } };
  g_autoptr(QuorumMeeting) m = quorum_meeting_new ();
  g_autoptr(QuorumMeeting) saved = NULL;
  g_autoptr(GError) error = NULL;
  QuorumMeetingField mask;
  int status;

  if (!quorum_cli_parse (cli, "", _("Add a meeting; it is queued and sent at the next sync."), entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", _("Unexpected argument “%s”"), argv[1]);
  if (o.title == NULL || o.start == NULL || o.end == NULL)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "invalid_input", _("--title, --start and --end are required"));
  if (!options_to_meeting (cli, &o, m, &mask, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  saved = quorum_store_create_meeting (cli->store, m, o.ignore_unavailable, &error);
  if (saved == NULL)
    return quorum_cli_fail_error (cli, error);
  return print_meeting (cli, saved);
}

static int
do_edit (QuorumCli           *cli,
         const char          *id,
         const QuorumMeeting *values,
         QuorumMeetingField   mask,
         gboolean             ignore_unavailable)
{
  g_autoptr(QuorumMeeting) saved = NULL;
  g_autoptr(GError) error = NULL;

  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  saved = quorum_store_edit_meeting (cli->store, id, values, mask, ignore_unavailable, &error);
  if (saved == NULL)
    return quorum_cli_fail_error (cli, error);
  return print_meeting (cli, saved);
}

static int
cmd_edit (QuorumCli *cli, int argc, char **argv)
{
  g_auto(MeetingOptions) o = { 0 };
  GOptionEntry entries[] = {
    MEETING_ENTRIES (o),
    { "status", 0, 0, G_OPTION_ARG_FILENAME, &o.status, N_("PENDING, APPROVED, COMPLETED or CANCELLED"), "STATUS" },
    { "no-participants", 0, 0, G_OPTION_ARG_NONE, &o.clear_participants, N_("Remove every participant"), NULL },
    { NULL }
  };
  g_autoptr(QuorumMeeting) values = quorum_meeting_new ();
  QuorumMeetingField mask;
  const char *id;
  int status;

  if (!quorum_cli_parse (cli, "ID", _("Change the named fields of a meeting."), entries, &argc, &argv, &status) ||
      !one_id (cli, argc, argv, &id, &status))
    return status;
  if (!options_to_meeting (cli, &o, values, &mask, &status))
    return status;
  if (mask == 0 && !o.ignore_unavailable)
    return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage", _("Nothing to change: name at least one field"));
  return do_edit (cli, id, values, mask, o.ignore_unavailable);
}

static int
cmd_cancel (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(QuorumMeeting) values = quorum_meeting_new ();
  const char *id;
  int status;

  if (!quorum_cli_parse (cli, "ID", _("Cancel a meeting (the same as edit --status CANCELLED)."), entries, &argc, &argv, &status) ||
      !one_id (cli, argc, argv, &id, &status))
    return status;
  g_free (values->status);
  values->status = g_strdup ("CANCELLED");
  return do_edit (cli, id, values, QUORUM_FIELD_STATUS, FALSE);
}

static int
cmd_delete (QuorumCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  const char *id;
  int status;

  if (!quorum_cli_parse (cli, "ID", _("Delete a meeting."), entries, &argc, &argv, &status) ||
      !one_id (cli, argc, argv, &id, &status))
    return status;
  if (quorum_cli_store (cli) == NULL)
    return QUORUM_EXIT_ERROR;
  if (!quorum_store_delete_meeting (cli->store, id, &error))
    return quorum_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      json_object_set_boolean_member (o, "deleted", TRUE);
      json_object_set_string_member (o, "id", id);
      quorum_cli_print_object (o);
    }
  else
    printf (_("Deleted %s; the server hears of it at the next sync.\n"), id);
  return QUORUM_EXIT_OK;
}

int
quorum_cli_meetings (QuorumCli *cli, int argc, char **argv)
{
  static const struct { const char *name; QuorumCliCommand run; } sub[] = {
    { "list", cmd_list }, { "show", cmd_show }, { "add", cmd_add },
    { "edit", cmd_edit }, { "cancel", cmd_cancel }, { "delete", cmd_delete },
  };

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
      printf ("%s\n", _("Usage: quorum-cli meetings list|show|add|edit|cancel|delete [OPTIONS]"));
      return QUORUM_EXIT_OK;
    }
  return quorum_cli_fail (cli, QUORUM_EXIT_USAGE, "usage",
                          _("Usage: quorum-cli meetings list|show|add|edit|cancel|delete [OPTIONS]"));
}
