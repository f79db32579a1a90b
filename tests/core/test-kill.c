/* test-kill.c — an edit reported as saved survives SIGKILL (invariant 1)
 *
 * Runs quorum-cli edits in child processes, kills each at a random moment,
 * and checks that every edit that printed success is in the replica and
 * the outbox, and that the file is intact. */
#include "quorum-store.h"

#include <signal.h>

static const char *cli_path;

typedef struct {
  char      *local_id;
  GPtrArray *agendas;      /* every agenda attempted, in order */
  int        acked_agenda; /* index of the last acknowledged one, -1 none */
} Tracked;

static void
tracked_free (Tracked *t)
{
  g_free (t->local_id);
  g_ptr_array_unref (t->agendas);
  g_free (t);
}

/* Runs one command, killing it after @delay_us; returns its stdout. */
static char *
run_and_kill (const char * const *argv,
              gulong               delay_us,
              gboolean            *out_killed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_autoptr(GBytes) out = NULL;

  g_assert_no_error (error);
  g_usleep (delay_us);
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *out_killed = g_subprocess_get_if_signaled (proc);
  if (out == NULL || g_bytes_get_size (out) == 0)
    return NULL;
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static char *
acked_local_id (const char *out)
{
  g_autoptr(JsonNode) node = out ? json_from_string (out, NULL) : NULL;
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "local_id"))
    return NULL;
  return g_strdup (json_object_get_string_member (o, "local_id"));
}

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("quorum-kill-XXXXXX", &error);
  g_autoptr(GPtrArray) tracked = g_ptr_array_new_with_free_func ((GDestroyNotify) tracked_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(QuorumStore) store = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *integrity = NULL;
  guint kills = 0, acks = 0, i;
  /* under the sanitizers a run takes longer; the window scales with it */
  gulong window = g_getenv ("QUORUM_KILL_WINDOW_US") ? g_ascii_strtoull (g_getenv ("QUORUM_KILL_WINDOW_US"), NULL, 10) : 60000;

  g_assert_no_error (error);
  /* warm up: one uninterrupted run creates the file and shows the cost */
  {
    gint64 t = g_get_monotonic_time ();
    const char *argv[] = { cli_path, "--data-dir", dir, "--json", "meetings", "list", NULL };
    g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (p, NULL, &error));
    window = MAX (window, (gulong) (2 * (g_get_monotonic_time () - t)));
    g_test_message ("kill window %lu µs", window);
  }

  for (i = 0; (kills < 25 || i < 60) && i < 400; i++)
    {
      gboolean edit = tracked->len > 0 && g_rand_boolean (rand);
      g_autofree char *title = g_strdup_printf ("Öldürme testi %u", i);
      g_autofree char *agenda = g_strdup_printf ("gündem %u", i);
      g_autofree char *out = NULL;
      g_autofree char *acked = NULL;
      gboolean killed = FALSE;
      Tracked *t = NULL;

      if (edit)
        {
          t = g_ptr_array_index (tracked, g_rand_int_range (rand, 0, tracked->len));
          g_ptr_array_add (t->agendas, g_strdup (agenda));
          {
            const char *argv[] = { cli_path, "--data-dir", dir, "--json", "meetings", "edit", t->local_id,
                                   "--agenda", agenda, NULL };
            out = run_and_kill (argv, g_rand_int_range (rand, 0, window), &killed);
          }
          acked = acked_local_id (out);
          if (acked)
            {
              g_assert_cmpstr (acked, ==, t->local_id);
              t->acked_agenda = t->agendas->len - 1;
            }
        }
      else
        {
          const char *argv[] = { cli_path, "--data-dir", dir, "--json", "meetings", "add", "--title", title,
                                 "--start", "2025-03-03T09:00:00Z", "--end", "2025-03-03T10:00:00Z", NULL };
          out = run_and_kill (argv, g_rand_int_range (rand, 0, window), &killed);
          acked = acked_local_id (out);
          if (acked)
            {
              t = g_new0 (Tracked, 1);
              t->local_id = g_steal_pointer (&acked);
              t->agendas = g_ptr_array_new_with_free_func (g_free);
              t->acked_agenda = -1;
              g_ptr_array_add (tracked, t);
            }
        }
      kills += killed;
      acks += out != NULL;
    }
  g_test_message ("%u runs, %u killed mid-way, %u acknowledged", i, kills, acks);
  g_assert_cmpuint (kills, >=, 20);
  g_assert_cmpuint (tracked->len, >, 0);

  store = quorum_store_open (dir, &error);
  g_assert_no_error (error);
  integrity = quorum_store_integrity_check (store);
  g_assert_cmpstr (integrity, ==, "ok");
  outbox = quorum_store_list_outbox (store, &error);
  g_assert_no_error (error);

  for (i = 0; i < tracked->len; i++)
    {
      Tracked *t = g_ptr_array_index (tracked, i);
      g_autoptr(QuorumMeeting) m = quorum_store_get_meeting (store, t->local_id, &error);
      gboolean in_outbox = FALSE;

      g_assert_no_error (error);
      g_assert_nonnull (m);
      for (guint j = 0; j < outbox->len; j++)
        {
          QuorumChange *c = g_ptr_array_index (outbox, j);
          if (g_str_equal (c->local_id, t->local_id) && c->action == QUORUM_CHANGE_CREATE)
            {
              in_outbox = TRUE;
              /* the queued create carries the latest agenda too */
              g_assert_cmpstr (c->data->agenda, ==, m->agenda);
            }
        }
      g_assert_true (in_outbox);
      if (t->acked_agenda >= 0)
        {
          /* the acknowledged agenda, or one attempted after it */
          gboolean found = FALSE;
          for (guint j = t->acked_agenda; j < t->agendas->len; j++)
            found |= g_str_equal (g_ptr_array_index (t->agendas, j), m->agenda);
          g_assert_true (found);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (argc < 2)
    g_error ("usage: test-kill PATH-TO-quorum-cli");
  cli_path = argv[1];
  g_test_add_func ("/store/kill-9/edits-survive", test_kill);
  return g_test_run ();
}
