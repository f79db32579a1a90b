/* test-tls.c — https with an extra CA file, and certificates nobody vouches
 * for (which must fail, never be accepted silently).  The certificates in
 * data/ were made for these tests only: a CA, a server certificate it
 * signed for 127.0.0.1 and localhost, and an unrelated CA. */
#include "api-test-util.h"

#include <libsoup/soup.h>

static guint16 port;

static void
on_health (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  static const char body[] = "{\"status\": \"ok\", \"server_time\": \"2025-01-30T20:26:00.000000Z\"}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, sizeof body - 1);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "api", "data", name, NULL);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Asks /api/v1/health/ over https; returns the error, NULL on success. */
static GError *
health_error (const char *host,
              const char *ca_name)
{
  g_autofree char *url = g_strdup_printf ("https://%s:%u", host, port);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApi) api = quorum_api_new (url, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(QuorumApiHealth) health = NULL;

  g_assert_no_error (error);
  quorum_api_set_timeout (api, 10);
  if (ca_name != NULL)
    {
      g_autofree char *ca = data_path (ca_name);
      g_assert_true (quorum_api_set_ca_file (api, ca, &error));
      g_assert_no_error (error);
    }
  quorum_api_health_async (api, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  health = quorum_api_health_finish (api, result, &error);
  if (health != NULL)
    g_assert_cmpstr (health->status, ==, "ok");
  return g_steal_pointer (&error);
}

static void
test_untrusted_refused (void)
{
  g_autoptr(GError) error = health_error ("127.0.0.1", NULL);
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TLS);
}

static void
test_other_ca_refused (void)
{
  g_autoptr(GError) error = health_error ("127.0.0.1", "test-other-ca.pem");
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TLS);
}

static void
test_extra_ca_trusted (void)
{
  g_autoptr(GError) by_ip = health_error ("127.0.0.1", "test-ca.pem");
  g_autoptr(GError) by_name = health_error ("localhost", "test-ca.pem");

  g_assert_no_error (by_ip);
  g_assert_no_error (by_name);
}

static void
test_bad_ca_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumApi) api = quorum_api_new ("https://127.0.0.1", &error);
  g_autofree char *not_pem = data_path ("missing.pem");

  g_assert_false (quorum_api_set_ca_file (api, not_pem, &error));
  g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TLS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  GSList *uris;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return g_test_run ();
    }

  cert_path = data_path ("test-server.pem");
  key_path = data_path ("test-server-key.pem");
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, "/api/v1/health/", on_health, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/tls/untrusted-refused", test_untrusted_refused);
  g_test_add_func ("/tls/other-ca-refused", test_other_ca_refused);
  g_test_add_func ("/tls/extra-ca-trusted", test_extra_ca_trusted);
  g_test_add_func ("/tls/bad-ca-file", test_bad_ca_file);
  return g_test_run ();
}
