/* api-test-util.c — the raw HTTP peer and waiting helpers */
#include "api-test-util.h"

#include <string.h>

struct _RawServer {
  GSocketService *service;
  guint16         port;
  RawAnswerFunc   answer;
  gpointer        user_data;
  GMutex          lock;
  GPtrArray      *seen;       /* "case path" strings */
  char           *last_head;
};

static char *
read_head (GInputStream *in,
           gsize        *content_length)
{
  g_autoptr(GString) head = g_string_new (NULL);
  const char *cl;

  *content_length = 0;
  while (head->len < 65536)
    {
      char c;
      gssize n = g_input_stream_read (in, &c, 1, NULL, NULL);
      if (n <= 0)
        return NULL;
      g_string_append_c (head, c);
      if (g_str_has_suffix (head->str, "\r\n\r\n"))
        break;
    }
  cl = strcasestr (head->str, "\r\ncontent-length:");
  if (cl != NULL)
    *content_length = g_ascii_strtoull (cl + strlen ("\r\ncontent-length:"), NULL, 10);
  return g_string_free (g_steal_pointer (&head), FALSE);
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  RawServer *server = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *head = NULL;
  g_auto(GStrv) line = NULL;
  g_autofree char *case_name = NULL;
  const char *path, *rest;
  g_autoptr(GBytes) answer = NULL;
  gsize content_length;

  /* One request per connection: every answer says Connection: close,
   * which the contract allows and which keeps the peer simple. */
  head = read_head (in, &content_length);
  if (head == NULL)
    return TRUE;
  if (content_length > 0 && content_length < 16 * 1024 * 1024)
    {
      g_autofree guint8 *body = g_malloc (content_length);
      g_input_stream_read_all (in, body, content_length, NULL, NULL, NULL);
    }

  line = g_strsplit (head, " ", 3);
  if (g_strv_length (line) < 3)
    return TRUE;
  path = line[1];
  rest = strchr (path + 1, '/');
  case_name = rest ? g_strndup (path + 1, rest - path - 1) : g_strdup (path + 1);
  if (rest == NULL)
    rest = "/";

  g_mutex_lock (&server->lock);
  g_ptr_array_add (server->seen, g_strdup_printf ("%s %s", case_name, rest));
  g_free (server->last_head);
  server->last_head = g_strdup (head);
  g_mutex_unlock (&server->lock);

  answer = server->answer (case_name, line[0], rest, server->user_data);
  if (answer != NULL)
    g_output_stream_write_all (out, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                               NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

RawServer *
raw_server_new (RawAnswerFunc answer,
                gpointer      user_data)
{
  RawServer *server = g_new0 (RawServer, 1);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&server->lock);
  server->seen = g_ptr_array_new_with_free_func (g_free);
  server->answer = answer;
  server->user_data = user_data;
  server->service = g_threaded_socket_service_new (8);
  server->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server->service),
                                                      NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "run", G_CALLBACK (on_run), server);
  g_socket_service_start (server->service);
  return server;
}

void
raw_server_free (RawServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_ptr_array_unref (server->seen);
  g_free (server->last_head);
  g_mutex_clear (&server->lock);
  g_free (server);
}

guint16
raw_server_get_port (RawServer *server)
{
  return server->port;
}

guint
raw_server_count (RawServer  *server,
                  const char *case_name,
                  const char *path_suffix)
{
  guint n = 0;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->seen->len; i++)
    {
      const char *entry = g_ptr_array_index (server->seen, i);
      const char *space = strchr (entry, ' ');

      if (case_name != NULL &&
          (strlen (case_name) != (gsize) (space - entry) ||
           strncmp (entry, case_name, space - entry) != 0))
        continue;
      if (path_suffix == NULL || g_str_has_suffix (space + 1, path_suffix))
        n++;
    }
  g_mutex_unlock (&server->lock);
  return n;
}

char *
raw_server_last_head (RawServer *server)
{
  char *head;

  g_mutex_lock (&server->lock);
  head = g_strdup (server->last_head);
  g_mutex_unlock (&server->lock);
  return head;
}

GBytes *
raw_http (guint       status,
          const char *extra_headers,
          const char *body,
          gssize      body_len)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gsize len = body == NULL ? 0 : body_len < 0 ? strlen (body) : (gsize) body_len;
  gboolean has_type = extra_headers && strcasestr (extra_headers, "content-type:") != NULL;
  gboolean has_length = extra_headers && (strcasestr (extra_headers, "content-length:") != NULL ||
                                          strcasestr (extra_headers, "transfer-encoding:") != NULL);

  g_string_append_printf (s, "HTTP/1.1 %u Whatever\r\nConnection: close\r\n", status);
  if (!has_type)
    g_string_append (s, "Content-Type: application/json\r\n");
  if (!has_length)
    g_string_append_printf (s, "Content-Length: %" G_GSIZE_FORMAT "\r\n", len);
  if (extra_headers != NULL)
    g_string_append (s, extra_headers);
  g_string_append (s, "\r\n");
  if (len > 0)
    g_string_append_len (s, body, len);
  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static char *
b64url (const char *text)
{
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  for (char *p = b64; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return b64;
}

char *
test_make_jwt (gint64 exp,
               guint  n)
{
  g_autofree char *payload = g_strdup_printf ("{\"exp\": %" G_GINT64_FORMAT ", \"n\": %u}", exp, n);
  g_autofree char *header = b64url ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  g_autofree char *body = b64url (payload);

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJl", header, body);
}

void
test_wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}
