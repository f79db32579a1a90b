/* test-server-util.c — HTTP over loopback for the server's self-tests. */
#include <stdarg.h>

#include "test-server-util.h"

typedef struct {
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} Wait;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

void
ts_response_free (TsResponse *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_error (&r->error);
  g_free (r);
}

TsResponse *
ts_http (SoupSession *session,
         const char  *base_url,
         const char  *method,
         const char  *path,
         const char  *token,
         const char  *body)
{
  return ts_http_full (session, base_url, method, path, token, body, NULL, NULL);
}

TsResponse *
ts_http_full (SoupSession *session,
              const char  *base_url,
              const char  *method,
              const char  *path,
              const char  *token,
              const char  *body,
              const char  *header,
              const char  *value)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  TsResponse *r = g_new0 (TsResponse, 1);
  Wait wait = { 0 };

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, value);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  r->error = wait.error;
  r->body = wait.bytes;
  if (r->error == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (r->body, &len);

      r->status = soup_message_get_status (msg);
      r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
      if (len > 0 && json_parser_load_from_data (parser, data, len, NULL))
        r->json = json_parser_steal_root (parser);
    }
  return r;
}

TsResponse *
ts_http_printf (SoupSession *session,
                const char  *base_url,
                const char  *method,
                const char  *path,
                const char  *token,
                const char  *format,
                ...)
{
  g_autofree char *body = NULL;
  va_list args;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);
  return ts_http (session, base_url, method, path, token, body);
}

JsonObject *
ts_response_object (TsResponse *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

const char *
ts_response_code (TsResponse *r)
{
  return json_object_get_string_member_with_default (ts_response_object (r), "code", NULL);
}

char *
ts_login (TsFixture  *f,
          const char *user,
          const char *password,
          char      **refresh)
{
  g_autoptr(TsResponse) r =
    ts_http_printf (f->session, f->url, "POST", "/api/token/", NULL,
                    "{\"username\": \"%s\", \"password\": \"%s\"}", user, password);

  g_assert_cmpuint (r->status, ==, 200);
  if (refresh != NULL)
    *refresh = g_strdup (json_object_get_string_member (ts_response_object (r), "refresh"));
  return g_strdup (json_object_get_string_member (ts_response_object (r), "access"));
}

void
ts_fixture_setup (TsFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = quorum_test_server_new ();
  g_assert_cmpint (quorum_test_server_add_user (f->server, "alice", "secret", "Alice Şen", "alice@example.org"), ==, 1);
  g_assert_cmpint (quorum_test_server_add_user (f->server, "bob", "hunter2", "Bob Öz", "bob@example.org"), ==, 2);
  g_assert_cmpint (quorum_test_server_add_user (f->server, "carol", "pw", "Carol Ak", "carol@example.org"), ==, 3);
  g_assert_cmpint (quorum_test_server_add_room (f->server, "Oda 1", 8, "2", "Projektör"), ==, 1);
  g_assert_cmpint (quorum_test_server_add_room (f->server, "Oda 2", 4, "3", ""), ==, 2);
  g_assert_true (quorum_test_server_listen (f->server, 0, &error));
  g_assert_no_error (error);
  f->url = quorum_test_server_get_base_url (f->server);
  f->session = soup_session_new ();
  f->token = ts_login (f, "alice", "secret", NULL);
  f->bob_token = ts_login (f, "bob", "hunter2", NULL);
  quorum_test_server_reset_counters (f->server);
}

void
ts_fixture_teardown (TsFixture     *f,
                     gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->token, g_free);
  g_clear_pointer (&f->bob_token, g_free);
}
