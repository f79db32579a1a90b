/* main.c — quorum-test-server, the standalone program: for demos and for
 * end-to-end tests that drive the CLI against a real HTTP server. */


#include <glib-unix.h>
#include <stdio.h>

#include "quorum-test-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(QuorumTestServer) server = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) users = NULL;
  g_auto(GStrv) faults = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *url = NULL;
  gint port = 0, generate = 0, seed = 1;
  gboolean demo = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 = any free port)", "N" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the chosen port here once listening", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed the Turkish demo organisation", NULL },
    { "user", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &users, "Add a user (repeatable)", "NAME:PASSWORD" },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Set a fault or knob (repeatable)", "NAME=VALUE" },
    { "generate", 'g', 0, G_OPTION_ARG_INT, &generate, "Generate N meetings", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed for --generate (default 1)", "S" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not log requests", NULL },
    { NULL }
  };

  context = g_option_context_new ("— a faithful test implementation of the meeting server API");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || generate < 0)
    {
      g_printerr ("--port must be 0..65535 and --generate not negative\n");
      return 2;
    }

  server = quorum_test_server_new ();
  quorum_test_server_set_verbose (server, !quiet);
  if (demo)
    quorum_test_server_seed_demo (server);
  for (guint i = 0; users != NULL && users[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (users[i], ":", 2);

      if (g_strv_length (parts) != 2 || parts[0][0] == '\0' ||
          quorum_test_server_add_user (server, parts[0], parts[1], NULL, NULL) == 0)
        {
          g_printerr ("bad or repeated --user %s (want NAME:PASSWORD)\n", users[i]);
          return 2;
        }
    }
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (faults[i], "=", 2);

      if (g_strv_length (parts) != 2 ||
          !quorum_test_server_set_fault (server, parts[0], parts[1]))
        {
          g_printerr ("unknown fault or bad value: %s\n", faults[i]);
          return 2;
        }
    }
  if (generate > 0)
    quorum_test_server_generate_meetings (server, generate, seed);

  if (!quorum_test_server_listen (server, port, &error))
    {
      g_printerr ("cannot listen: %s\n", error->message);
      return 1;
    }
  /* Written once listening, atomically (a script polling for the file never
   * reads half a number) and before the "listening" line, so a reader of
   * stdout may rely on the file. */
  if (port_file != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u\n", quorum_test_server_get_port (server));

      if (!g_file_set_contents (port_file, text, -1, &error))
        {
          g_printerr ("cannot write %s: %s\n", port_file, error->message);
          return 1;
        }
    }

  url = quorum_test_server_get_base_url (server);
  g_print ("quorum-test-server listening on %s (%u meetings)\n", url,
           quorum_test_server_count_meetings (server));
  if (demo)
    g_print ("demo logins: ayse/ayse123 mehmet/mehmet123 zeynep/zeynep123 ahmet/ahmet123 "
             "elif/elif123 mustafa/mustafa123 fatma/fatma123 emre/emre123 selin/selin123 "
             "burak/burak123 deniz/deniz123 ozlem/ozlem123\n");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_print ("quorum-test-server stopping\n");
  return 0;
}
