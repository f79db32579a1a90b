/* test-keyring.c — tokens in the real Secret Service (gnome-keyring in a
 * D-Bus session, PLATFORM.md's headless recipe), and nowhere on disk in
 * the clear.  Skips when no session bus or keyring is reachable. */
#include "api-test-util.h"
#include "quorum-test-server.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

static const SecretSchema schema = {
  QUORUM_TOKEN_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static gboolean
keyring_available (void)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session bus");
      return FALSE;
    }
  if (!secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "quorum probe", "probe",
                                   NULL, &error, "server", "probe", "username", "probe", NULL))
    {
      g_autofree char *why = g_strdup_printf ("no usable keyring: %s", error->message);
      g_test_skip (why);
      return FALSE;
    }
  secret_password_clear_sync (&schema, NULL, NULL, "server", "probe", "username", "probe", NULL);
  return TRUE;
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Does any file under @dir contain @needle? */
static gboolean
dir_contains (const char *dir,
              const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (dir_contains (path, needle))
            return TRUE;
          continue;
        }
      if (g_file_get_contents (path, &contents, &length, NULL) &&
          g_strstr_len (contents, length, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_keyring_roundtrip (void)
{
  g_autoptr(QuorumTestServer) server = NULL;
  g_autoptr(QuorumTokenStore) store = NULL;
  g_autoptr(QuorumApi) api = NULL;
  g_autoptr(QuorumAuth) auth = NULL;
  g_autoptr(QuorumApi) api2 = NULL;
  g_autoptr(QuorumAuth) auth2 = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) secret_node = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *insecure_dir = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  JsonObject *pair;

  if (!keyring_available ())
    return;

  server = quorum_test_server_new ();
  quorum_test_server_listen (server, 0, &error);
  g_assert_no_error (error);
  quorum_test_server_add_user (server, "ayse", "ayse123", "Ayşe Yılmaz", "ayse@example.org");
  base_url = quorum_test_server_get_base_url (server);
  data_dir = g_dir_make_tmp ("quorum-keyring-XXXXXX", &error);
  g_assert_no_error (error);

  store = quorum_token_store_new_secret ();
  g_assert_true (quorum_token_store_is_secure (store));
  api = quorum_api_new (base_url, &error);
  g_assert_no_error (error);
  auth = quorum_auth_new (api, store, "ayse");

  /* login */
  quorum_auth_login_async (auth, "ayse123", NULL, store_result, &r1);
  g_assert_true (quorum_auth_login_finish (auth, wait_result (&r1), &error));
  g_assert_no_error (error);

  /* The keyring holds the pair under server + username. */
  secret = secret_password_lookup_sync (&schema, NULL, &error,
                                        "server", base_url, "username", "ayse", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  secret_node = json_from_string (secret, &error);
  g_assert_no_error (error);
  pair = json_node_get_object (secret_node);
  access = g_strdup (json_object_get_string_member (pair, "access"));
  refresh = g_strdup (json_object_get_string_member (pair, "refresh"));
  g_assert_true (strlen (access) > 20 && strlen (refresh) > 20);

  /* status: a fresh client finds the tokens and is signed in. */
  api2 = quorum_api_new (base_url, &error);
  auth2 = quorum_auth_new (api2, store, "ayse");
  quorum_auth_load_async (auth2, NULL, store_result, &r2);
  g_assert_true (quorum_auth_load_finish (auth2, wait_result (&r2), &error));
  g_assert_true (quorum_auth_get_logged_in (auth2));
  quorum_api_me_async (api2, NULL, store_result, &r3);
  user = quorum_api_me_finish (api2, wait_result (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "ayse");

  /* No token in the clear in the data dir or the user's folders.  The
   * scan itself is checked: it finds a token where one was written. */
  write_file (data_dir, "settings.ini", "[account]\nserver=x\n");
  g_assert_false (dir_contains (data_dir, access));
  g_assert_false (dir_contains (data_dir, refresh));
  g_assert_false (dir_contains (g_get_user_data_dir (), refresh));
  g_assert_false (dir_contains (g_get_user_config_dir (), refresh));
  g_assert_false (dir_contains (g_get_user_cache_dir (), refresh));
  insecure_dir = g_dir_make_tmp ("quorum-insecure-XXXXXX", &error);
  write_file (insecure_dir, "tokens.json", secret);
  g_assert_true (dir_contains (insecure_dir, refresh));

  /* logout: blacklisted on the server, gone from the keyring. */
  quorum_test_server_reset_counters (server);
  quorum_auth_logout_async (auth2, NULL, store_result, &r4);
  g_assert_true (quorum_auth_logout_finish (auth2, wait_result (&r4), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (quorum_test_server_get_counter (server, "blacklist"), ==, 1);
  g_clear_pointer (&secret, secret_password_free);
  secret = secret_password_lookup_sync (&schema, NULL, &error,
                                        "server", base_url, "username", "ayse", NULL);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_assert_false (quorum_auth_get_logged_in (auth2));

  {
    g_autofree char *p1 = g_build_filename (data_dir, "settings.ini", NULL);
    g_autofree char *p2 = g_build_filename (insecure_dir, "tokens.json", NULL);
    g_unlink (p1);
    g_unlink (p2);
    g_rmdir (data_dir);
    g_rmdir (insecure_dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/keyring/login-status-logout", test_keyring_roundtrip);
  return g_test_run ();
}
