/* bench-util.c — helpers shared by the benchmark programs */
#include "bench-util.h"

#include <glib/gstdio.h>
#include <locale.h>

double
bench_now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_quantile (GArray *samples,
                double  q)
{
  guint i;

  if (samples->len == 0)
    return 0;
  g_array_sort (samples, cmp_double);
  /* nearest rank: p99 of 100 samples is the 99th, not an interpolation */
  i = (guint) MIN ((double) samples->len - 1, MAX (0.0, q * samples->len - 1 + 0.999999));
  return g_array_index (samples, double, i);
}

double
bench_median (GArray *samples)
{
  return bench_quantile (samples, 0.5);
}

char *
bench_format_seconds (double s)
{
  if (s >= 1)
    return g_strdup_printf ("%.2f s", s);
  if (s >= 1e-3)
    return g_strdup_printf ("%.3f ms", s * 1e3);
  return g_strdup_printf ("%.1f µs", s * 1e6);
}

char *
bench_make_tmp_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("quorum-bench-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (tmpl, &error);

  if (dir == NULL)
    g_error ("cannot make a scratch folder: %s", error->message);
  return dir;
}

void
bench_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      bench_rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

void
bench_isolate_env (const char *dir)
{
  g_autofree char *logs = g_build_filename (dir, "logs", NULL);

  /* µs and Turkish titles print right in a UTF-8 locale */
  setlocale (LC_ALL, "");
  g_setenv ("QUORUM_LOG_DIR", logs, TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

void
bench_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

void
bench_store_result (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

const char *
bench_arg_str (int         argc,
               char      **argv,
               const char *name,
               const char *fallback)
{
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], name))
      return argv[i + 1];
  return fallback;
}

guint64
bench_arg_uint (int         argc,
                char      **argv,
                const char *name,
                guint64     fallback)
{
  const char *v = bench_arg_str (argc, argv, name, NULL);
  guint64 n;

  if (v == NULL)
    return fallback;
  if (!g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT64, &n, NULL))
    g_error ("%s: not a number: %s", name, v);
  return n;
}

gboolean
bench_arg_flag (int         argc,
                char      **argv,
                const char *name)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], name))
      return TRUE;
  return FALSE;
}
