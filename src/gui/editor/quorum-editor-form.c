/* quorum-editor-form.c — dates and times as typed */
#include "config.h"
#include "quorum-editor-form.h"
#include "quorum-meeting.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

G_DEFINE_QUARK (quorum-editor-error-quark, quorum_editor_error)

static int
digits_value (const char *text,
              int         n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    v = v * 10 + (text[i] - '0');
  return v;
}

gboolean
quorum_editor_parse_clock (const char *text,
                           int        *out_minutes)
{
  int h = 0, m = 0, digits = 0;
  const char *p;

  if (text == NULL)
    return FALSE;
  while (*text == ' ')
    text++;
  p = text;
  while (g_ascii_isdigit (*p) && digits < 4)
    {
      digits++;
      p++;
    }
  if (digits == 0)
    return FALSE;
  if (*p == ':' || *p == '.')
    {
      const char *q = p + 1;

      if (digits > 2 || !g_ascii_isdigit (q[0]) || !g_ascii_isdigit (q[1]))
        return FALSE;
      h = digits_value (text, digits);
      m = (q[0] - '0') * 10 + (q[1] - '0');
      p = q + 2;
    }
  else if (digits <= 2)
    h = digits_value (text, digits);
  else
    {
      int v = digits_value (text, digits);

      h = v / 100;
      m = v % 100;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0' || h > 23 || m > 59)
    return FALSE;
  *out_minutes = h * 60 + m;
  return TRUE;
}

gboolean
quorum_editor_compose_times (const char *date,
                             const char *start,
                             const char *end,
                             GTimeZone  *tz,
                             gint64     *out_start,
                             gint64     *out_end,
                             GError    **error)
{
  int y, mo, d, s_min, e_min;
  char tail;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) s = NULL;
  g_autoptr(GDateTime) e = NULL;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 ||
      (day = g_date_time_new (tz, y, mo, d, 0, 0, 0)) == NULL)
    {
      g_set_error (error, QUORUM_EDITOR_ERROR, QUORUM_EDITOR_ERROR_DATE,
                   _("Enter the date as YYYY-MM-DD"));
      return FALSE;
    }
  if (!quorum_editor_parse_clock (start, &s_min) || !quorum_editor_parse_clock (end, &e_min))
    {
      g_set_error (error, QUORUM_EDITOR_ERROR, QUORUM_EDITOR_ERROR_TIME,
                   _("Enter times as HH:MM"));
      return FALSE;
    }
  s = g_date_time_new (tz, y, mo, d, s_min / 60, s_min % 60, 0);
  e = g_date_time_new (tz, y, mo, d, e_min / 60, e_min % 60, 0);
  if (e_min <= s_min)
    {
      GDateTime *next = g_date_time_add_days (e, 1);

      g_date_time_unref (e);
      e = next;
    }
  *out_start = g_date_time_to_unix (s) * G_USEC_PER_SEC;
  *out_end = g_date_time_to_unix (e) * G_USEC_PER_SEC;
  return TRUE;
}

void
quorum_editor_split_times (gint64      start,
                           gint64      end,
                           GTimeZone  *tz,
                           char      **out_date,
                           char      **out_start,
                           char      **out_end)
{
  g_autoptr(GDateTime) su = g_date_time_new_from_unix_utc (start / G_USEC_PER_SEC);
  g_autoptr(GDateTime) eu = g_date_time_new_from_unix_utc (end / G_USEC_PER_SEC);
  g_autoptr(GDateTime) s = g_date_time_to_timezone (su, tz);
  g_autoptr(GDateTime) e = g_date_time_to_timezone (eu, tz);

  *out_date = g_date_time_format (s, "%Y-%m-%d");
  *out_start = g_date_time_format (s, "%H:%M");
  *out_end = g_date_time_format (e, "%H:%M");
}

GStrv
quorum_editor_status_choices (const char *current)
{
  static const char *all[] = { "PENDING", "APPROVED", "COMPLETED", "CANCELLED" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean listed = FALSE;

  if (current == NULL)
    {
      g_strv_builder_add_many (builder, "PENDING", "APPROVED", NULL);
      return g_strv_builder_end (builder);
    }
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (all[i], current) || quorum_meeting_status_move_ok (current, all[i]))
      {
        g_strv_builder_add (builder, all[i]);
        listed |= g_str_equal (all[i], current);
      }
  /* A status this client does not know still reads as it is. */
  if (!listed)
    g_strv_builder_add (builder, current);
  return g_strv_builder_end (builder);
}
