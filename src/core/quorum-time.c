/* quorum-time.c — RFC 3339 parsing and formatting */
#include "quorum-time.h"

#include <stdio.h>
#include <string.h>

gint64
quorum_time_now (void)
{
  return g_get_real_time ();
}

gboolean
quorum_time_parse_rfc3339 (const char *text,
                           gint64     *out_us)
{
  g_autoptr(GDateTime) dt = NULL;
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  /* Shortest legal form "2025-02-01T10:00:00Z"; GDateTime also accepts
   * forms RFC 3339 forbids (no offset = local time), so demand one. */
  if (len < 20 || len > 64 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
    return FALSE;
  if (!(text[len - 1] == 'Z' || text[len - 1] == 'z' ||
        (len > 6 && (text[len - 6] == '+' || text[len - 6] == '-') && text[len - 3] == ':')))
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  *out_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

char *
quorum_time_format_rfc3339 (gint64 us)
{
  gint64 secs = us / G_USEC_PER_SEC;
  gint64 frac = us % G_USEC_PER_SEC;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  if (frac < 0)
    {
      frac += G_USEC_PER_SEC;
      secs -= 1;
    }
  dt = g_date_time_new_from_unix_utc (secs);
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000000Z");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base, frac);
}

gboolean
quorum_time_parse_user (const char *text,
                        GTimeZone  *tz,
                        gint64     *out_us)
{
  int y, m, d;
  char tail;

  if (text == NULL)
    return FALSE;
  if (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    {
      g_autoptr(GTimeZone) local = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
      g_autoptr(GDateTime) dt = g_date_time_new (local, y, m, d, 0, 0, 0);

      if (dt == NULL)
        return FALSE;
      *out_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
      return TRUE;
    }
  if (quorum_time_parse_rfc3339 (text, out_us))
    return TRUE;

  /* A wall-clock time without an offset is the user's own zone. */
  {
    int hh, mm, ss = 0, n = 0;
    char sep;

    if (sscanf (text, "%4d-%2d-%2d%c%2d:%2d%n", &y, &m, &d, &sep, &hh, &mm, &n) == 6 &&
        (sep == 'T' || sep == ' '))
      {
        g_autoptr(GTimeZone) local = NULL;
        g_autoptr(GDateTime) dt = NULL;

        if (text[n] == ':' && sscanf (text + n, ":%2d%c", &ss, &tail) != 1)
          return FALSE;
        if (text[n] != '\0' && text[n] != ':')
          return FALSE;
        local = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
        dt = g_date_time_new (local, y, m, d, hh, mm, ss);
        if (dt == NULL)
          return FALSE;
        *out_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
        return TRUE;
      }
  }
  return FALSE;
}
