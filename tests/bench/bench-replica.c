/* bench-replica.c — a large replica: reads, local edits, the agenda model
 *
 * Fills a replica with --meetings meetings (default 1,000,000: about 800
 * on every weekday for five years, 10,000 users, 1,000 rooms) through the
 * store's own row writer inside one transaction, then prints:
 *   - quorum_store_list_meetings for a week and for a day, the busy list
 *     of one participant over a week, and title searches (median and p99
 *     of random windows), with the EXPLAIN QUERY PLAN of each statement
 *     the store really ran;
 *   - local create and edit latency (one transaction each, WAL with
 *     synchronous=FULL, so every commit waits for the disk);
 *   - the agenda model (when built with the GUI): time to its first page.
 * The replica itself comes from bench-fill.c (bench-agenda fills the same).
 *
 *   bench-replica [--meetings N] [--samples N] [--edits N] [--data-dir DIR]
 *
 * With --data-dir the replica is kept and reused by the next run (filling
 * a million rows takes a while); the edits add to it.
 */
#include "bench-util.h"
#include "bench-fill.h"
#include "quorum-store-private.h"
#include "quorum-meeting.h"

#include <glib/gstdio.h>
#ifdef HAVE_AGENDA_MODEL
#include "quorum-agenda-model.h"
#endif

#define DAY_US     BENCH_DAY_US
#define WEEK_US    BENCH_WEEK_US
#define BASE_US    BENCH_BASE_US
#define PER_DAY    BENCH_PER_DAY
#define N_USERS    BENCH_N_USERS
#define N_ROOMS    BENCH_N_ROOMS

static guint n_weeks;

/* Every statement the store prepares while a query runs, for its plan. */
static int
on_trace (unsigned type,
          void    *data,
          void    *p,
          void    *x)
{
  GPtrArray *seen = data;
  const char *sql = sqlite3_sql (p);

  if (sql && !g_ptr_array_find_with_equal_func (seen, sql, g_str_equal, NULL))
    g_ptr_array_add (seen, g_strdup (sql));
  return 0;
}

static void
print_plans (QuorumStore *store,
             GPtrArray   *seen)
{
  for (guint i = 0; i < seen->len; i++)
    {
      const char *sql = g_ptr_array_index (seen, i);
      g_autofree char *plan = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_prefix (sql, "SELECT"))
        continue;
      plan = store_explain (store, sql);
      lines = g_strsplit (g_strstrip (plan), "\n", -1);
      for (guint j = 0; lines[j]; j++)
        g_print ("      plan: %s\n", lines[j]);
    }
}

typedef GPtrArray *(*QueryFunc) (QuorumStore *store, GRand *rand);

static void
run_query (QuorumStore *store,
           const char  *what,
           QueryFunc    query,
           guint        samples)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *med = NULL, *p99 = NULL;
  guint64 rows = 0;

  for (guint i = 0; i < samples; i++)
    {
      g_autoptr(GPtrArray) out = NULL;
      double t;

      if (i == 0)
        sqlite3_trace_v2 (store->db, SQLITE_TRACE_STMT, on_trace, seen);
      t = bench_now ();
      out = query (store, rand);
      t = bench_now () - t;
      if (i == 0)
        sqlite3_trace_v2 (store->db, 0, NULL, NULL);
      if (out == NULL)
        g_error ("%s failed", what);
      rows += out->len;
      g_array_append_val (times, t);
    }
  med = bench_format_seconds (bench_median (times));
  p99 = bench_format_seconds (bench_quantile (times, 0.99));
  g_print ("  %-40s median %10s  p99 %10s  (%u runs, %.0f rows each on average)\n",
           what, med, p99, samples, (double) rows / samples);
  print_plans (store, seen);
}

static GPtrArray *
q_week (QuorumStore *store, GRand *rand)
{
  gint64 from = BASE_US - 3 * G_TIME_SPAN_HOUR + g_rand_int_range (rand, 0, n_weeks) * WEEK_US;
  return quorum_store_list_meetings (store, from, from + WEEK_US, NULL);
}

static GPtrArray *
q_day (QuorumStore *store, GRand *rand)
{
  gint64 from = BASE_US - 3 * G_TIME_SPAN_HOUR + g_rand_int_range (rand, 0, n_weeks * 7) * DAY_US;
  return quorum_store_list_meetings (store, from, from + DAY_US, NULL);
}

static GPtrArray *
q_busy (QuorumStore *store, GRand *rand)
{
  gint64 from = BASE_US - 3 * G_TIME_SPAN_HOUR + g_rand_int_range (rand, 0, n_weeks) * WEEK_US;
  return quorum_store_list_busy (store, g_rand_int_range (rand, 1, N_USERS + 1), 0, from, from + WEEK_US, NULL);
}

static GPtrArray *
q_room (QuorumStore *store, GRand *rand)
{
  gint64 from = BASE_US - 3 * G_TIME_SPAN_HOUR + g_rand_int_range (rand, 0, n_weeks) * WEEK_US;
  return quorum_store_list_busy (store, 0, g_rand_int_range (rand, 1, N_ROOMS + 1), from, from + WEEK_US, NULL);
}

static GPtrArray *
q_search_common (QuorumStore *store, GRand *rand)
{
  return quorum_store_search_meetings (store, "bütçe", 200, NULL);
}

static GPtrArray *
q_search_rare (QuorumStore *store, GRand *rand)
{
  /* one title in about 12,000: the scan goes deep before 200 turn up */
  g_autofree char *text = g_strdup_printf ("Sprint planlama %u", g_rand_int_range (rand, 1, 1000));
  return quorum_store_search_meetings (store, text, 200, NULL);
}

static GPtrArray *
q_search_none (QuorumStore *store, GRand *rand)
{
  return quorum_store_search_meetings (store, "olmayan toplantı", 200, NULL);
}

static void
print_latency (const char *what,
               GArray     *times)
{
  g_autofree char *med = bench_format_seconds (bench_median (times));
  g_autofree char *p99 = bench_format_seconds (bench_quantile (times, 0.99));
  g_autofree char *max = bench_format_seconds (bench_quantile (times, 1.0));

  g_print ("  %-40s median %10s  p99 %10s  max %10s  (%u runs)\n", what, med, p99, max, times->len);
}

static void
edits (QuorumStore *store,
       guint        n_meetings,
       guint        n)
{
  g_autoptr(GArray) create = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autofree char *sync = NULL;

  {
    sqlite3_stmt *stmt = store_prepare (store, "PRAGMA synchronous", NULL);
    if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
      sync = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_print ("\nlocal edits (one transaction each, journal WAL, synchronous=%s (2 = FULL))\n", sync);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumMeeting) m = bench_fill_meeting (rand, g_rand_int_range (rand, 0, n_meetings / PER_DAY));
      g_autoptr(QuorumMeeting) made = NULL;
      g_autoptr(GError) error = NULL;
      double t = bench_now ();

      made = quorum_store_create_meeting (store, m, FALSE, &error);
      t = bench_now () - t;
      if (made == NULL)
        g_error ("create: %s", error->message);
      g_array_append_val (create, t);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumMeeting) values = quorum_meeting_new ();
      g_autoptr(QuorumMeeting) done = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("%u", g_rand_int_range (rand, 1, n_meetings + 1));
      double t;

      /* a title no earlier run gave it, or the edit is a no-op that
       * never opens a write (a reused replica saw the same ids) */
      g_free (values->title);
      values->title = g_strdup_printf ("Düzenlendi %" G_GINT64_FORMAT "-%u", g_get_real_time (), i);
      t = bench_now ();
      done = quorum_store_edit_meeting (store, id, values, QUORUM_FIELD_TITLE, FALSE, &error);
      t = bench_now () - t;
      if (done == NULL)
        g_error ("edit %s: %s", id, error->message);
      if (!g_str_equal (done->title, values->title) || g_strcmp0 (done->sync_state, "pending") != 0)
        g_error ("edit %s did not take", id);
      g_array_append_val (edit, t);
    }
  print_latency ("quorum_store_create_meeting", create);
  print_latency ("quorum_store_edit_meeting (title)", edit);
}

#ifdef HAVE_AGENDA_MODEL
static void
agenda (QuorumStore *store,
        guint        samples)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) more = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  guint items = 0, queries = 0;

  g_print ("\nagenda model (QuorumAgendaModel, pages of whole days, at least %d rows, no display)\n",
           QUORUM_AGENDA_PAGE_ROWS);
  for (guint i = 0; i < samples; i++)
    {
      g_autoptr(QuorumAgendaModel) model = NULL;
      gint64 anchor = BASE_US + g_rand_int_range (rand, 0, n_weeks * 7) * DAY_US;
      double t = bench_now ();

      model = quorum_agenda_model_new (store, tz);
      quorum_agenda_model_set_anchor (model, anchor);
      t = bench_now () - t;
      g_array_append_val (first, t);
      items += g_list_model_get_n_items (G_LIST_MODEL (model));
      queries += quorum_agenda_model_get_n_queries (model);
      t = bench_now ();
      quorum_agenda_model_load_more (model);
      t = bench_now () - t;
      g_array_append_val (more, t);
    }
  print_latency ("first page (new + set_anchor)", first);
  g_print ("    %.0f rows (meetings and day headings) and %.1f queries per first page\n",
           (double) items / samples, (double) queries / samples);
  print_latency ("next page (load_more)", more);

  {
    /* Past the last meeting: the model looks ahead a year, window by window. */
    g_autoptr(QuorumAgendaModel) model = quorum_agenda_model_new (store, tz);
    double t = bench_now ();
    g_autofree char *s = NULL;

    quorum_agenda_model_set_anchor (model, bench_fill_day_start (n_weeks * 5) + 30 * DAY_US);
    t = bench_now () - t;
    s = bench_format_seconds (t);
    g_print ("  %-40s %10s  (%u queries, %u rows)\n", "empty agenda (a year of empty windows)", s,
             quorum_agenda_model_get_n_queries (model), g_list_model_get_n_items (G_LIST_MODEL (model)));
  }
}
#endif

int
main (int    argc,
      char **argv)
{
  guint n = bench_arg_uint (argc, argv, "--meetings", 1000000);
  guint samples = bench_arg_uint (argc, argv, "--samples", 100);
  guint n_edits = bench_arg_uint (argc, argv, "--edits", 200);
  const char *keep = bench_arg_str (argc, argv, "--data-dir", NULL);
  g_autofree char *tmp = bench_make_tmp_dir ("replica");
  g_autofree char *dir = keep ? g_strdup (keep) : g_build_filename (tmp, "replica", NULL);
  g_autoptr(QuorumStore) store = NULL;
  gint64 count;

  bench_isolate_env (tmp);
  n_weeks = MAX (1, n / PER_DAY / 5);
  store = bench_fill_open (dir, n);
  count = quorum_store_count_meetings (store);
  {
    GStatBuf st;
    g_stat (quorum_store_get_path (store), &st);
    g_print ("replica: %" G_GINT64_FORMAT " meetings over %u weeks, %.0f MB\n",
             count, n_weeks, st.st_size / 1e6);
  }

  g_print ("\nqueries (random windows between 2024-01-01 and week %u)\n", n_weeks);
  run_query (store, "list_meetings, one week", q_week, samples);
  run_query (store, "list_meetings, one day", q_day, samples);
  run_query (store, "list_busy, one participant, one week", q_busy, samples);
  run_query (store, "list_busy, one room, one week", q_room, samples);
  run_query (store, "search \"bütçe\" (common, limit 200)", q_search_common, MAX (1, samples / 10));
  run_query (store, "search one exact title (rare)", q_search_rare, MAX (1, samples / 10));
  run_query (store, "search without a match", q_search_none, MAX (1, samples / 10));

#ifdef HAVE_AGENDA_MODEL
  agenda (store, MAX (1, samples / 5));
#else
  g_print ("\nagenda model: not built (-Dgui=false)\n");
#endif

  edits (store, n, n_edits);

  g_clear_object (&store);
  bench_rm_rf (tmp);
  return 0;
}
