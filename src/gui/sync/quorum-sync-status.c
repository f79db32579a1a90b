/* quorum-sync-status.c — the sync button's words */
#include "config.h"
#include "quorum-sync-status.h"
#include "quorum-time.h"
#include "quorum-format.h"

#include <glib/gi18n.h>
#include <string.h>

char *
quorum_sync_format_wait (gint64 us)
{
  gint64 secs = us <= 0 ? 0 : (us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", secs / 60, (int) (secs % 60));
}

static char *
format_clock (gint64     us,
              GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("--:--");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%H:%M");
}

static const char *
phase_label (const char *phase)
{
  if (g_strcmp0 (phase, "push") == 0)
    return _("Sending changes");
  if (g_strcmp0 (phase, "resolve") == 0)
    return _("Sending resolutions");
  if (g_strcmp0 (phase, "pull") == 0)
    return _("Receiving changes");
  return NULL;
}

gint64
quorum_sync_parse_last_success (const char *value)
{
  gint64 us = 0;
  char *end = NULL;

  if (value == NULL || *value == '\0')
    return 0;
  if (quorum_time_parse_rfc3339 (value, &us))
    return us;
  us = g_ascii_strtoll (value, &end, 10);
  return end != NULL && *end == '\0' && us > 0 ? us : 0;
}

QuorumSyncState
quorum_sync_state_from_counts (guint pending,
                               guint conflicts,
                               guint rejected)
{
  if (conflicts > 0 || rejected > 0)
    return QUORUM_SYNC_STATE_NEEDS_ATTENTION;
  if (pending > 0)
    return QUORUM_SYNC_STATE_OFFLINE;
  return QUORUM_SYNC_STATE_SYNCED;
}

static char *
join_lines (const char *first,
            const char *second)
{
  return g_strdup_printf ("%s\n%s", first, second);
}

void
quorum_sync_status_compute (const QuorumSyncSnapshot *s,
                            GTimeZone                *tz,
                            QuorumSyncStatus         *out)
{
  g_autofree char *clock = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *sentence = NULL;
  guint waiting = s->conflicts + s->rejected;

  memset (out, 0, sizeof *out);

  switch (s->state)
    {
    case QUORUM_SYNC_STATE_SYNCED:
      out->icon_name = "emblem-ok-symbolic";
      out->css_class = "success";
      if (s->pending > 0)
        {
          /* Edited since the last round: the next one is seconds away. */
          out->icon_name = "emblem-synchronizing-symbolic";
          out->css_class = NULL;
          /* Translators: the sync button's label while edits wait for the
           * next round, beside a count badge; keep it to one short word */
          out->label = g_strdup (C_("sync button", "Pending"));
          out->detail = g_strdup_printf ("%u", s->pending);
          out->detail_is_count = TRUE;
          sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u change waiting",
                                                   "%u changes waiting",
                                                   s->pending), s->pending);
          out->tooltip = join_lines (sentence, _("Changes are sent with the next sync"));
          break;
        }
      out->label = g_strdup (_("Up to date"));
      if (s->last_success > 0)
        {
          clock = format_clock (s->last_success, tz);
          out->detail = g_strdup (clock);
          /* Translators: %s is a time of day such as 14:05 */
          sentence = g_strdup_printf (_("Up to date at %s"), clock);
          out->tooltip = join_lines (sentence, _("Everything is sent and received"));
        }
      else
        out->tooltip = g_strdup (_("Everything is sent and received"));
      break;

    case QUORUM_SYNC_STATE_SYNCING:
      out->icon_name = "emblem-synchronizing-symbolic";
      /* Translators: the sync button's label during a round; the header
       * bar has room for about 12 characters */
      out->label = g_strdup (C_("sync button", "Syncing…"));
      sentence = g_strdup (_("Syncing…"));
      if (phase_label (s->phase) != NULL && s->total > 0)
        /* Translators: "Sending changes (3 of 10)" */
        out->tooltip = g_strdup_printf (_("%s (%u of %u)"), phase_label (s->phase),
                                        MIN (s->done, s->total), s->total);
      else if (phase_label (s->phase) != NULL)
        out->tooltip = g_strdup (phase_label (s->phase));
      else
        out->tooltip = g_strdup (_("Talking to the server"));
      break;

    case QUORUM_SYNC_STATE_OFFLINE:
      out->icon_name = "network-offline-symbolic";
      out->label = g_strdup (_("Offline"));
      if (s->pending > 0)
        {
          out->detail = g_strdup_printf ("%u", s->pending);
          out->detail_is_count = TRUE;
          sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Offline, %u change waiting",
                                                   "Offline, %u changes waiting",
                                                   s->pending), s->pending);
          out->tooltip = join_lines (sentence, _("Changes are kept and sent when the server can be reached"));
        }
      else
        out->tooltip = g_strdup (_("Changes are kept and sent when the server can be reached"));
      break;

    case QUORUM_SYNC_STATE_NEEDS_ATTENTION:
      out->icon_name = "dialog-warning-symbolic";
      out->css_class = "warning";
      /* Translators: the sync button's label when changes need a decision,
       * beside a count badge; about 10 characters fit */
      out->label = g_strdup (C_("sync button", "Attention"));
      sentence = g_strdup (_("Needs attention"));
      out->detail = g_strdup_printf ("%u", MAX (waiting, 1));
      out->detail_is_count = TRUE;
      out->tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u change needs your decision",
                                                   "%u changes need your decision",
                                                   MAX (waiting, 1)), MAX (waiting, 1));
      break;

    case QUORUM_SYNC_STATE_LOGIN_REQUIRED:
      out->icon_name = "system-lock-screen-symbolic";
      out->css_class = "warning";
      /* Translators: the sync button's label when the session ended; the
       * header bar has room for about 14 characters */
      out->label = g_strdup (C_("sync button", "Sign in needed"));
      sentence = g_strdup (_("Sign in needed"));
      out->tooltip = g_strdup (_("Sign in again to send and receive changes; nothing queued is lost"));
      break;

    case QUORUM_SYNC_STATE_RATE_LIMITED:
      out->icon_name = "alarm-symbolic";
      out->css_class = "warning";
      wait = quorum_sync_format_wait (s->retry_at - s->now);
      /* Translators: the sync button's label while the server makes us
       * wait, beside a countdown such as 4:59; keep it short */
      out->label = g_strdup (C_("sync button", "Rate limited"));
      out->detail = g_strdup (wait);
      /* Translators: %s is a countdown such as 4:59 */
      sentence = g_strdup_printf (_("Rate limited, retrying in %s"), wait);
      out->tooltip = join_lines (sentence, _("The server asked to wait before the next request"));
      break;

    case QUORUM_SYNC_STATE_ERROR:
    default:
      out->icon_name = "dialog-error-symbolic";
      out->css_class = "error";
      out->label = g_strdup (_("Error"));
      out->tooltip = g_strdup (s->error_message != NULL && *s->error_message
                               ? s->error_message : _("The last sync failed"));
      break;
    }
  out->name = g_strdup (sentence ? sentence : out->label);
}

void
quorum_sync_status_clear (QuorumSyncStatus *status)
{
  g_clear_pointer (&status->label, g_free);
  g_clear_pointer (&status->detail, g_free);
  g_clear_pointer (&status->name, g_free);
  g_clear_pointer (&status->tooltip, g_free);
}

char **
quorum_sync_activity_lines (const char * const *raw,
                            gint64              now_us,
                            GTimeZone          *tz,
                            guint               max)
{
  g_autofree char *today = quorum_format_day (now_us, tz);
  GPtrArray *out = g_ptr_array_new ();
  guint n = raw ? g_strv_length ((char **) raw) : 0;

  for (guint i = n; i > 0 && out->len < max; i--)
    {
      const char *line = raw[i - 1];
      const char *space = strchr (line, ' ');
      g_autofree char *stamp = space ? g_strndup (line, space - line) : NULL;
      gint64 us;

      if (*line == '\0')
        continue;
      if (stamp != NULL && quorum_time_parse_rfc3339 (stamp, &us))
        {
          g_autofree char *clock = quorum_format_clock (us, tz);
          g_autofree char *day = quorum_format_day (us, tz);

          /* Today's lines by their clock alone; older ones say their day. */
          if (g_strcmp0 (day, today) == 0)
            g_ptr_array_add (out, g_strdup_printf ("%s  %s", clock, space + 1));
          else
            g_ptr_array_add (out, g_strdup_printf ("%s %s  %s", day, clock, space + 1));
        }
      else
        g_ptr_array_add (out, g_strdup (line));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
