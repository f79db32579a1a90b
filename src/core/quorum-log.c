/* quorum-log.c — sync.log and error.log */
#include "quorum-log.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static GMutex log_lock;

char *
quorum_log_get_dir (void)
{
  const char *env = g_getenv ("QUORUM_LOG_DIR");

  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_state_dir (), "quorum", "logs", NULL);
}

static gboolean
is_b64url (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '=';
}

/* A JWT: three base64url runs joined by dots, the first two long. */
static gsize
jwt_length (const char *p)
{
  gsize i = 0, seg = 0, seglen = 0, longsegs = 0;

  for (;; i++)
    {
      if (is_b64url (p[i]))
        seglen++;
      else if (p[i] == '.' && seglen > 0 && seg < 2)
        {
          longsegs += seglen >= 8;
          seg++;
          seglen = 0;
        }
      else
        break;
    }
  longsegs += seglen >= 8;
  return (seg == 2 && seglen > 0 && longsegs >= 2) ? i : 0;
}

char *
quorum_log_redact (const char *line)
{
  static const char * const secret_keys[] = { "password", "access", "refresh", "token", "secret" };
  GString *out = g_string_new (NULL);
  const char *p = line ? line : "";

  while (*p)
    {
      gsize n;

      if (g_ascii_strncasecmp (p, "Bearer ", 7) == 0)
        {
          g_string_append (out, "Bearer [redacted]");
          p += 7;
          while (*p && !g_ascii_isspace (*p) && *p != '"')
            p++;
          continue;
        }
      if ((p == line || !is_b64url (p[-1])) && (n = jwt_length (p)) > 0)
        {
          g_string_append (out, "[redacted]");
          p += n;
          continue;
        }
      if (*p == '"')
        {
          gboolean hit = FALSE;
          for (guint k = 0; k < G_N_ELEMENTS (secret_keys) && !hit; k++)
            {
              gsize kl = strlen (secret_keys[k]);
              if (g_ascii_strncasecmp (p + 1, secret_keys[k], kl) == 0 && p[1 + kl] == '"')
                {
                  const char *q = p + 2 + kl;
                  while (*q == ' ' || *q == ':')
                    q++;
                  if (*q == '"')
                    {
                      g_string_append_len (out, p, q - p);
                      g_string_append (out, "\"[redacted]\"");
                      q++;
                      while (*q && *q != '"')
                        q += (*q == '\\' && q[1]) ? 2 : 1;
                      p = *q ? q + 1 : q;
                      hit = TRUE;
                    }
                }
            }
          if (hit)
            continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static void
rotate (const char *path)
{
  for (int i = QUORUM_LOG_KEEP - 1; i >= 1; i--)
    {
      g_autofree char *from = g_strdup_printf ("%s.%d", path, i);
      g_autofree char *to = g_strdup_printf ("%s.%d", path, i + 1);
      g_rename (from, to);
    }
  {
    g_autofree char *first = g_strdup_printf ("%s.1", path);
    g_rename (path, first);
  }
}

static void
append (const char *name,
        const char *format,
        va_list     args)
{
  g_autofree char *dir = quorum_log_get_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *clean = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  GStatBuf st;
  FILE *f;

  g_strdelimit (message, "\r\n", ' ');
  clean = quorum_log_redact (message);

  g_mutex_lock (&log_lock);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    {
      if (g_stat (path, &st) == 0 && st.st_size > QUORUM_LOG_MAX_SIZE)
        rotate (path);
      f = g_fopen (path, "a");
      if (f)
        {
          g_chmod (path, 0600);
          fprintf (f, "%s %s\n", stamp, clean);
          fclose (f);
        }
    }
  g_mutex_unlock (&log_lock);
  g_debug ("%s: %s", name, clean);
}

void
quorum_log_sync (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  append ("sync.log", format, args);
  va_end (args);
}

void
quorum_log_error (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  append ("error.log", format, args);
  va_end (args);
}

char **
quorum_log_tail (guint n)
{
  g_autofree char *dir = quorum_log_get_dir ();
  g_autofree char *path = g_build_filename (dir, "sync.log", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new ();
  guint len, start;

  if (g_file_get_contents (path, &text, NULL, NULL))
    {
      lines = g_strsplit (text, "\n", -1);
      len = g_strv_length (lines);
      if (len > 0 && lines[len - 1][0] == '\0')
        len--;
      start = len > n ? len - n : 0;
      for (guint i = start; i < len; i++)
        g_ptr_array_add (out, g_strdup (lines[i]));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
