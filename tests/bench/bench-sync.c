/* bench-sync.c — first sync of a large organisation, and where its time goes
 *
 * An in-process test server holds --meetings meetings (default 200,000).
 * A fresh replica signs in (file token store) and one QuorumSyncEngine
 * round pulls everything; the figure printed is what a user waits for.
 * Then the same feed is taken apart:
 *   server   — every page fetched raw (libsoup, no client parsing)
 *   parse    — quorum_api_parse_body over those raw pages
 *   api      — QuorumApi pulls (HTTP + parse + typed pages), kept in memory
 *   apply    — quorum_store_apply_pull_page of those pages into a new replica
 * The round runs the steps one after another (the pull does not overlap
 * fetching the next page with applying this one), so server + api-only +
 * apply ≈ round.
 *
 *   bench-sync [--meetings N] [--users N] [--rooms N] [--limit N] [--apply-only]
 *
 * --apply-only skips the round and the raw fetch (for profiling the store).
 */
#include "bench-util.h"
#include "quorum-test-server.h"
#include "quorum-api-private.h"
#include "quorum-account.h"
#include "quorum-store-sync.h"
#include "quorum-sync-engine.h"

#include <libsoup/soup.h>

static guint page_limit = 1000;

static void
print_row (const char *what,
           double      seconds,
           guint       meetings,
           double      round)
{
  g_autofree char *t = bench_format_seconds (seconds);

  g_print ("  %-34s %12s  %9.0f meetings/s  %5.1f %% of the round\n",
           what, t, seconds > 0 ? meetings / seconds : 0, round > 0 ? 100 * seconds / round : 0);
}

static QuorumTestServer *
make_server (guint n_meetings,
             guint n_users,
             guint n_rooms)
{
  QuorumTestServer *server = quorum_test_server_new ();
  g_autoptr(GError) error = NULL;
  double t;

  for (guint i = 1; i <= n_users; i++)
    {
      g_autofree char *login = g_strdup_printf ("user%u", i);
      g_autofree char *name = g_strdup_printf ("Kullanıcı %u", i);
      g_autofree char *email = g_strdup_printf ("user%u@example.com", i);
      quorum_test_server_add_user (server, login, "secret123", name, email);
    }
  for (guint i = 1; i <= n_rooms; i++)
    {
      g_autofree char *name = g_strdup_printf ("Toplantı Odası %u", i);
      quorum_test_server_add_room (server, name, 4 + i % 20, "2", "projector");
    }
  t = bench_now ();
  quorum_test_server_generate_meetings (server, n_meetings, 1);
  g_print ("server: %u meetings, %u users, %u rooms generated in %.2f s\n",
           quorum_test_server_count_meetings (server), n_users, n_rooms, bench_now () - t);
  if (!quorum_test_server_listen (server, 0, &error))
    g_error ("listen: %s", error->message);
  return server;
}

/* The headline: sign in, then one round into an empty replica. */
static double
first_round (QuorumTestServer *server,
             const char       *dir,
             QuorumAccount   **out_account,
             guint             expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) login = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autofree char *url = quorum_test_server_get_base_url (server);
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(QuorumSyncEngine) engine = NULL;
  double t, elapsed;
  gint64 count;

  if (store == NULL)
    g_error ("open: %s", error->message);
  account = quorum_account_new (store);
  quorum_account_login_async (account, url, "user1", "secret123", TRUE, NULL, bench_store_result, &login);
  bench_wait (&login);
  if (!quorum_account_login_finish (account, login, &error))
    g_error ("login: %s", error->message);

  engine = quorum_sync_engine_new (account);
  t = bench_now ();
  quorum_sync_engine_sync_async (engine, NULL, bench_store_result, &done);
  bench_wait (&done);
  elapsed = bench_now () - t;
  if (!quorum_sync_engine_sync_finish (engine, done, &error))
    g_error ("sync: %s", error->message);

  count = quorum_store_count_meetings (store);
  if (count != expected)
    g_error ("the round left %" G_GINT64_FORMAT " meetings in the replica, not %u", count, expected);
  g_print ("\nfirst sync round (QuorumSyncEngine, empty replica, pages of %u)\n", page_limit);
  g_print ("  %u entities pulled, %" G_GINT64_FORMAT " meetings in the replica\n",
           quorum_sync_engine_get_pulled (engine), count);
  print_row ("round total", elapsed, expected, elapsed);
  *out_account = g_steal_pointer (&account);
  return elapsed;
}

/* Raw pages: what the server costs, without any client parsing. */
static GPtrArray *
fetch_raw (QuorumTestServer *server,
           const char       *access,
           double           *out_seconds,
           double           *out_cursor_seconds)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = quorum_test_server_get_base_url (server);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", access);
  g_autofree char *cursor = NULL;
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double total = 0, cursors = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(GString) uri = g_string_new (url);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonObject *o;
      double t;

      g_string_append_printf (uri, "/api/v1/sync/changes/?limit=%u", page_limit);
      if (cursor)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
          g_string_append_printf (uri, "&cursor=%s", escaped);
        }
      msg = soup_message_new ("GET", uri->str);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      t = bench_now ();
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, bench_store_result, &res);
      bench_wait (&res);
      body = soup_session_send_and_read_finish (session, res, &error);
      total += bench_now () - t;
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("raw pull: %s (HTTP %u)", error ? error->message : "bad status", soup_message_get_status (msg));

      /* Only to find the next cursor; counted apart. */
      t = bench_now ();
      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
        g_error ("raw pull: %s", error->message);
      o = json_node_get_object (json_parser_get_root (parser));
      more = json_object_get_boolean_member (o, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (o, "cursor", NULL));
      cursors += bench_now () - t;
      g_ptr_array_add (pages, g_steal_pointer (&body));
    }
  *out_seconds = total;
  *out_cursor_seconds = cursors;
  return pages;
}

static double
parse_raw (GPtrArray *raw)
{
  double t = bench_now ();

  for (guint i = 0; i < raw->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (raw, i), &size);
      g_autoptr(JsonNode) node = quorum_api_parse_body (data, size, &error);

      if (node == NULL)
        g_error ("parse: %s", error->message);
    }
  return bench_now () - t;
}

/* Typed pages through the client's own API, kept for the apply step. */
static GPtrArray *
fetch_api (QuorumApi *api,
           double    *out_seconds)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_api_pull_page_free);
  g_autofree char *cursor = NULL;
  double t = bench_now ();

  for (;;)
    {
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GError) error = NULL;
      QuorumApiPullPage *page;

      quorum_api_pull_async (api, cursor, page_limit, NULL, bench_store_result, &res);
      bench_wait (&res);
      page = quorum_api_pull_finish (api, res, &error);
      if (page == NULL)
        g_error ("api pull: %s", error->message);
      g_ptr_array_add (pages, page);
      if (!page->has_more || page->cursor == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (page->cursor);
    }
  *out_seconds = bench_now () - t;
  return pages;
}

static double
apply_pages (const char *dir,
             GPtrArray  *pages,
             guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (dir, &error);
  double t;
  gint64 count;

  if (store == NULL || !quorum_store_begin_full_pull (store, &error))
    g_error ("apply: %s", error->message);
  t = bench_now ();
  for (guint i = 0; i < pages->len; i++)
    if (!quorum_store_apply_pull_page (store, g_ptr_array_index (pages, i), NULL, &error))
      g_error ("apply: %s", error->message);
  t = bench_now () - t;
  count = quorum_store_count_meetings (store);
  if (count != expected)
    g_error ("apply left %" G_GINT64_FORMAT " meetings, not %u", count, expected);
  return t;
}

int
main (int    argc,
      char **argv)
{
  guint n = bench_arg_uint (argc, argv, "--meetings", 200000);
  guint n_users = bench_arg_uint (argc, argv, "--users", 200);
  guint n_rooms = bench_arg_uint (argc, argv, "--rooms", 40);
  g_autofree char *tmp = bench_make_tmp_dir ("sync");
  g_autofree char *dir_round = g_build_filename (tmp, "round", NULL);
  g_autofree char *dir_apply = g_build_filename (tmp, "apply", NULL);
  g_autoptr(QuorumTestServer) server = NULL;
  g_autoptr(QuorumAccount) account = NULL;
  g_autoptr(QuorumApiTokens) tokens = NULL;
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  double round, server_s, cursor_s, parse_s, api_s, apply_s;
  gsize bytes = 0;
  gboolean apply_only = bench_arg_flag (argc, argv, "--apply-only");

  page_limit = bench_arg_uint (argc, argv, "--limit", 1000);
  bench_isolate_env (tmp);
  server = make_server (n, n_users, n_rooms);
  n = quorum_test_server_count_meetings (server);

  if (apply_only)
    {
      g_autoptr(GAsyncResult) login = NULL;
      g_autoptr(QuorumStore) store = quorum_store_open (dir_round, &error);
      g_autofree char *url = quorum_test_server_get_base_url (server);

      account = quorum_account_new (store);
      quorum_account_login_async (account, url, "user1", "secret123", TRUE, NULL, bench_store_result, &login);
      bench_wait (&login);
      if (!quorum_account_login_finish (account, login, &error))
        g_error ("login: %s", error->message);
      pages = fetch_api (quorum_account_get_api (account), &api_s);
      apply_s = apply_pages (dir_apply, pages, n);
      g_print ("\n");
      print_row ("client: SQLite apply of the pages", apply_s, n, 0);
      g_clear_object (&account);
      g_clear_object (&server);
      bench_rm_rf (tmp);
      return 0;
    }

  round = first_round (server, dir_round, &account, n);

  /* The breakdown uses the signed-in account's token and api. */
  quorum_api_login_async (quorum_account_get_api (account), "user1", "secret123", NULL, bench_store_result, &res);
  bench_wait (&res);
  tokens = quorum_api_login_finish (quorum_account_get_api (account), res, &error);
  if (tokens == NULL)
    g_error ("login: %s", error->message);

  raw = fetch_raw (server, tokens->access, &server_s, &cursor_s);
  for (guint i = 0; i < raw->len; i++)
    bytes += g_bytes_get_size (g_ptr_array_index (raw, i));
  parse_s = parse_raw (raw);
  pages = fetch_api (quorum_account_get_api (account), &api_s);
  apply_s = apply_pages (dir_apply, pages, n);

  g_print ("\nbreakdown (%u pages, %.1f MB of JSON)\n", raw->len, bytes / 1e6);
  print_row ("server: pages over HTTP, raw", server_s, n, round);
  print_row ("client: JSON parse (parse_body)", parse_s, n, round);
  print_row ("client: QuorumApi pull (all above)", api_s, n, round);
  print_row ("client: typed pages, less server", MAX (0, api_s - server_s), n, round);
  print_row ("client: SQLite apply of the pages", apply_s, n, round);
  print_row ("round less (api pull + apply)", MAX (0, round - api_s - apply_s), n, round);
  g_print ("  (finding the cursors of the raw pages took %.2f s, not counted)\n", cursor_s);

  g_clear_object (&account);
  g_clear_object (&server);
  bench_rm_rf (tmp);
  return 0;
}
