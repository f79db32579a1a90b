/* quorum-format.c — times and fields as people read them */
#include "config.h"
#include "quorum-format.h"

#include <glib/gi18n.h>

static GDateTime *
local_time (gint64     us,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, tz);
}

char *
quorum_format_clock (gint64     us,
                     GTimeZone *tz)
{
  g_autoptr(GDateTime) t = local_time (us, tz);

  return t ? g_date_time_format (t, "%H:%M") : g_strdup ("--:--");
}

char *
quorum_format_day (gint64     us,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) t = local_time (us, tz);
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;

  if (t == NULL)
    return g_strdup ("?");
  /* Translators: a day heading, strftime format: "Sat 1 Feb 2025" */
  text = g_date_time_format (t, _("%a %e %b %Y"));
  /* GLib pads %e with a FIGURE SPACE (U+2007), which g_strstrip keeps:
   * "Tue  5 Mar", "( 5 Mart" in sentences. */
  parts = g_strsplit (text, "\u2007", -1);
  return g_strjoinv ("", parts);
}

char *
quorum_format_range (gint64     start,
                     gint64     end,
                     GTimeZone *tz)
{
  g_autofree char *day = quorum_format_day (start, tz);
  g_autofree char *from = quorum_format_clock (start, tz);
  g_autofree char *to = quorum_format_clock (end, tz);

  /* Translators: day, start time, end time: "Sat 1 Feb 2025, 10:00–11:00" */
  return g_strdup_printf (_("%s, %s–%s"), g_strstrip (day), from, to);
}

const char *
quorum_format_field_label (QuorumMeetingField field)
{
  switch (field)
    {
    case QUORUM_FIELD_TITLE: return _("Title");
    case QUORUM_FIELD_DESCRIPTION: return _("Description");
    case QUORUM_FIELD_AGENDA: return _("Agenda");
    case QUORUM_FIELD_START_TIME: return _("Start");
    case QUORUM_FIELD_END_TIME: return _("End");
    case QUORUM_FIELD_STATUS: return _("Status");
    case QUORUM_FIELD_MEETING_TYPE: return _("Type");
    case QUORUM_FIELD_PRIORITY: return _("Priority");
    case QUORUM_FIELD_ROOM_ID: return _("Room");
    case QUORUM_FIELD_EXTERNAL_LOCATION: return _("External location");
    case QUORUM_FIELD_PARTICIPANT_IDS: return _("Participants");
    default: return _("Unknown field");
    }
}

const char *
quorum_format_status (const char *status)
{
  if (g_strcmp0 (status, "PENDING") == 0) return _("Pending approval");
  if (g_strcmp0 (status, "APPROVED") == 0) return _("Approved");
  if (g_strcmp0 (status, "COMPLETED") == 0) return _("Completed");
  if (g_strcmp0 (status, "CANCELLED") == 0) return _("Cancelled");
  return status ? status : "";
}

const char *
quorum_format_type (const char *type)
{
  if (g_strcmp0 (type, "SCHEDULED") == 0) return _("Scheduled");
  if (g_strcmp0 (type, "UNSCHEDULED") == 0) return _("Unscheduled");
  if (g_strcmp0 (type, "EXTERNAL") == 0) return _("External");
  if (g_strcmp0 (type, "INTERNAL") == 0) return _("Internal");
  return type ? type : "";
}

const char *
quorum_format_priority (const char *priority)
{
  if (g_strcmp0 (priority, "LOW") == 0) return _("Low");
  if (g_strcmp0 (priority, "MEDIUM") == 0) return _("Medium");
  if (g_strcmp0 (priority, "HIGH") == 0) return _("High");
  return priority ? priority : "";
}

static char *
name_or_id (QuorumNameFunc func,
            gint64         id,
            gpointer       user_data)
{
  char *name = func ? func (id, user_data) : NULL;

  /* Translators: a room or person the replica has not seen yet */
  return name ? name : g_strdup_printf (_("Unknown (#%lld)"), (long long) id);
}

char *
quorum_format_field_value (const QuorumMeeting *m,
                           QuorumMeetingField   field,
                           GTimeZone           *tz,
                           QuorumNameFunc       room_name,
                           QuorumNameFunc       user_name,
                           gpointer             user_data)
{
  switch (field)
    {
    case QUORUM_FIELD_TITLE: return g_strdup (m->title ? m->title : "");
    case QUORUM_FIELD_DESCRIPTION: return g_strdup (m->description ? m->description : "");
    case QUORUM_FIELD_AGENDA: return g_strdup (m->agenda ? m->agenda : "");
    case QUORUM_FIELD_START_TIME:
      {
        g_autofree char *day = quorum_format_day (m->start_time, tz);
        g_autofree char *clock = quorum_format_clock (m->start_time, tz);
        return g_strdup_printf ("%s %s", g_strstrip (day), clock);
      }
    case QUORUM_FIELD_END_TIME:
      {
        g_autofree char *day = quorum_format_day (m->end_time, tz);
        g_autofree char *clock = quorum_format_clock (m->end_time, tz);
        return g_strdup_printf ("%s %s", g_strstrip (day), clock);
      }
    case QUORUM_FIELD_STATUS: return g_strdup (quorum_format_status (m->status));
    case QUORUM_FIELD_MEETING_TYPE: return g_strdup (quorum_format_type (m->meeting_type));
    case QUORUM_FIELD_PRIORITY: return g_strdup (quorum_format_priority (m->priority));
    case QUORUM_FIELD_ROOM_ID:
      return m->room_id > 0 ? name_or_id (room_name, m->room_id, user_data)
                            : g_strdup (_("No room"));
    case QUORUM_FIELD_EXTERNAL_LOCATION:
      return g_strdup (m->external_location ? m->external_location : "");
    case QUORUM_FIELD_PARTICIPANT_IDS:
      {
        g_autoptr(GString) s = g_string_new (NULL);

        for (guint i = 0; m->participant_ids && i < m->participant_ids->len; i++)
          {
            g_autofree char *name = name_or_id (user_name,
                                                g_array_index (m->participant_ids, gint64, i),
                                                user_data);
            if (i > 0)
              g_string_append (s, ", ");
            g_string_append (s, name);
          }
        if (s->len == 0)
          g_string_append (s, _("Nobody"));
        return g_string_free (g_steal_pointer (&s), FALSE);
      }
    default:
      return g_strdup ("");
    }
}

gboolean
quorum_format_sync_mark (const char  *sync_state,
                         const char **out_icon,
                         const char **out_label)
{
  if (g_strcmp0 (sync_state, "pending") == 0)
    {
      *out_icon = "document-send-symbolic";
      *out_label = _("Waiting to be sent");
      return TRUE;
    }
  if (g_strcmp0 (sync_state, "conflict") == 0)
    {
      *out_icon = "dialog-warning-symbolic";
      *out_label = _("Changed on the server too: needs your decision");
      return TRUE;
    }
  if (g_strcmp0 (sync_state, "rejected") == 0)
    {
      *out_icon = "dialog-error-symbolic";
      *out_label = _("Refused by the server: needs your decision");
      return TRUE;
    }
  *out_icon = NULL;
  *out_label = NULL;
  return FALSE;
}
