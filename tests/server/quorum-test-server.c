/* quorum-test-server.c — the object, routing and the way a response leaves
 * (gzip, latency, dropped connections). */


#include <stdio.h>
#include <string.h>

#include "quorum-test-server-private.h"

G_DEFINE_QUARK (quorum-test-server-error-quark, quorum_test_server_error)

G_DEFINE_FINAL_TYPE (QuorumTestServer, quorum_test_server, G_TYPE_OBJECT)

typedef void (*TsHandler) (TsRequest *req);

typedef struct {
  const char *path;
  const char *method;
  const char *counter;
  gboolean    auth;
  TsHandler   handler;
} TsRoute;

static const TsRoute routes[] = {
  { "/api/token/",             "POST", "token",        FALSE, ts_handle_token },
  { "/api/token/refresh/",     "POST", "refresh",      FALSE, ts_handle_refresh },
  { "/api/token/blacklist/",   "POST", "blacklist",    FALSE, ts_handle_blacklist },
  { "/api/v1/me/",             "GET",  "me",           TRUE,  ts_handle_me },
  { "/api/v1/sync/changes/",   "GET",  "pull",         TRUE,  ts_handle_pull },
  { "/api/v1/sync/push/",      "POST", "push",         TRUE,  ts_handle_push },
  { "/api/v1/sync/resolve/",   "POST", "resolve",      TRUE,  ts_handle_resolve },
  { "/api/v1/meetings/check/", "POST", "check",        TRUE,  ts_handle_check },
  { "/api/v1/freebusy/",       "GET",  "freebusy",     TRUE,  ts_handle_freebusy },
  { "/api/v1/integrations/",   "GET",  "integrations", TRUE,  NULL },
  { "/api/v1/health/",         "GET",  "health",       FALSE, ts_handle_health },
  { "/metrics",                "GET",  "metrics",      FALSE, ts_handle_metrics },
};

/* Helpers shared by the other files */

void
ts_count (QuorumTestServer *self,
          const char       *name,
          guint64           delta)
{
  guint64 *value = g_hash_table_lookup (self->counters, name);

  if (value == NULL)
    {
      value = g_new0 (guint64, 1);
      g_hash_table_insert (self->counters, g_strdup (name), value);
    }
  *value += delta;
}

double
ts_draw (QuorumTestServer *self)
{
  return g_rand_double (self->rand);
}

/* One clock for every entity: strictly increasing even when two commits land
 * in the same microsecond, so modified_at is a usable version. */
gint64
ts_tick (QuorumTestServer *self)
{
  self->last_time = MAX (g_get_real_time (), self->last_time + 1);
  return self->last_time;
}

/* Responses */

static GBytes *
gzip_bytes (const char *data,
            gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  if (!g_output_stream_write_all (out, data, len, NULL, NULL, NULL) ||
      !g_output_stream_close (out, NULL, NULL))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (SOUP_SERVER_MESSAGE (data));
  return G_SOURCE_REMOVE;
}

static void
record_metric (QuorumTestServer *self,
               TsRequest        *req)
{
  g_autofree char *key = g_strdup_printf ("%s\037%s\037%u", req->method,
                                          req->metric_path ? req->metric_path : "other",
                                          req->status);
  guint64 *value = g_hash_table_lookup (self->http_metrics, key);

  if (value == NULL)
    {
      value = g_new0 (guint64, 1);
      g_hash_table_insert (self->http_metrics, g_steal_pointer (&key), value);
    }
  (*value)++;
}

static void
finish (TsRequest *req,
        gboolean   control)
{
  QuorumTestServer *self = req->self;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autofree char *body = NULL;
  g_autoptr(GBytes) zipped = NULL;
  const char *type = "application/json; charset=utf-8";
  gsize len;

  if (!control)
    record_metric (self, req);
  if (self->verbose)
    {
      g_autofree char *now = quorum_test_server_format_time (g_get_real_time ());

      g_print ("%s %s %s %u%s\n", now, req->method, req->path, req->status,
               req->drop ? " (dropped)" : "");
      fflush (stdout);
    }

  if (req->drop)
    {
      g_autoptr(GIOStream) stream = NULL;

      ts_count (self, "dropped", 1);
      stream = soup_server_message_steal_connection (req->msg);
      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
      return;
    }

  if (req->raw_body != NULL)
    {
      body = g_steal_pointer (&req->raw_body);
      type = req->raw_type;
    }
  else if (req->response != NULL)
    body = json_to_string (req->response, FALSE);
  else
    body = g_strdup ("");
  len = strlen (body);

  if (!control && req->raw_body == NULL && req->response != NULL &&
      self->faults.malformed_json_rate > 0 && ts_draw (self) < self->faults.malformed_json_rate)
    {
      ts_count (self, "malformed", 1);
      len = len / 2;
    }

  soup_server_message_set_status (req->msg, req->status, NULL);
  if (!control && self->faults.connection_close)
    soup_message_headers_replace (headers, "Connection", "close");
  if (len > 1024 &&
      soup_message_headers_header_contains (soup_server_message_get_request_headers (req->msg),
                                            "Accept-Encoding", "gzip") &&
      (zipped = gzip_bytes (body, len)) != NULL)
    {
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (req->msg, type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (zipped, NULL),
                                        g_bytes_get_size (zipped));
    }
  else
    soup_server_message_set_response (req->msg, type, SOUP_MEMORY_COPY, body, len);

  if (!control && self->faults.latency_ms > 0)
    {
      g_autoptr(GSource) source = g_timeout_source_new (self->faults.latency_ms);

      /* On the server's own context: a test may run it on a thread. */
      soup_server_message_pause (req->msg);
      g_source_set_callback (source, unpause_cb, g_object_ref (req->msg), g_object_unref);
      g_source_attach (source, self->context);
    }
}

static void
parse_body (TsRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize len;

  if (body == NULL)
    return;
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    return;
  parser = json_parser_new_immutable ();
  if (!g_utf8_validate (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, NULL))
    {
      req->body_invalid = TRUE;
      return;
    }
  req->body = json_parser_steal_root (parser);
}

static const TsRoute *
find_route (const char  *path,
            const char **provider,
            const char **action,
            char       **owned)
{
  static const TsRoute integration_action = {
    "/api/v1/integrations/*/", "POST", "integrations", TRUE, NULL
  };

  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (path, routes[i].path) ||
        (g_str_equal (routes[i].path, "/metrics") && g_str_equal (path, "/metrics/")))
      return &routes[i];

  if (g_str_has_prefix (path, "/api/v1/integrations/"))
    {
      g_auto(GStrv) parts = g_strsplit (path + strlen ("/api/v1/integrations/"), "/", -1);

      if (g_strv_length (parts) == 3 && parts[0][0] != '\0' && parts[2][0] == '\0' &&
          (g_str_equal (parts[1], "reauthorize") || g_str_equal (parts[1], "sync")))
        {
          *owned = g_strdup_printf ("%s\037%s", parts[0], parts[1]);
          *strchr (*owned, '\037') = '\0';
          *provider = *owned;
          *action = *owned + strlen (*owned) + 1;
          return &integration_action;
        }
    }
  return NULL;
}

static void
dispatch (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  const char *provider = NULL, *action = NULL;
  g_autofree char *owned = NULL;
  const TsRoute *route;

  self->last_request_time = g_get_real_time ();
  ts_count (self, "requests", 1);

  route = find_route (req->path, &provider, &action, &owned);
  if (route == NULL)
    {
      ts_count (self, "not_found", 1);
      ts_reply_error (req, 404, "not_found", "Bulunamadı");
      return;
    }
  req->metric_path = route->path;
  ts_count (self, route->counter, 1);
  if (!g_str_equal (req->method, route->method))
    {
      ts_reply_error (req, 405, "method_not_allowed", "Bu yöntem desteklenmiyor");
      return;
    }
  if (ts_apply_faults_before (req))
    return;
  if (req->body_invalid)
    {
      ts_reply (req, 400, ts_validation_error ("non_field_errors", "Geçersiz JSON."));
      return;
    }
  if (route->auth && !ts_authenticate (req))
    return;

  if (route->handler != NULL)
    route->handler (req);
  else
    ts_handle_integrations (req, provider, action);

  if ((route->handler == ts_handle_push || route->handler == ts_handle_resolve) &&
      self->faults.drop_after_apply_rate > 0 &&
      ts_draw (self) < self->faults.drop_after_apply_rate)
    req->drop = TRUE;

  if (route->handler == ts_handle_push || route->handler == ts_handle_resolve ||
      route->handler == ts_handle_pull)
    {
      g_autofree char *ops = g_strdup_printf ("sync_operations:%s", route->counter);

      ts_count (self, ops, 1);
      if (req->status >= 400 && req->status != 409)
        {
          g_autofree char *errs = g_strdup_printf ("sync_errors:%s", route->counter);

          ts_count (self, errs, 1);
        }
    }
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  QuorumTestServer *self = user_data;
  TsRequest req = { 0 };
  gboolean control = g_str_has_prefix (path, "/_test/");

  req.self = self;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = query;
  req.status = 500;
  parse_body (&req);

  if (control)
    ts_handle_control (&req);
  else
    dispatch (&req);

  finish (&req, control);
  g_clear_pointer (&req.body, json_node_unref);
  g_clear_pointer (&req.response, json_node_unref);
  g_free (req.raw_body);
}

/* GObject */

static void
quorum_test_server_finalize (GObject *object)
{
  QuorumTestServer *self = QUORUM_TEST_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->context, g_main_context_unref);
  ts_store_finalize (self);
  ts_auth_finalize (self);
  g_clear_pointer (&self->push_seen, g_hash_table_unref);
  g_clear_pointer (&self->resolve_seen, g_hash_table_unref);
  g_clear_pointer (&self->audit, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->counters, g_hash_table_unref);
  g_clear_pointer (&self->http_metrics, g_hash_table_unref);

  G_OBJECT_CLASS (quorum_test_server_parent_class)->finalize (object);
}

static void
quorum_test_server_class_init (QuorumTestServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_test_server_finalize;
}

static void
quorum_test_server_init (QuorumTestServer *self)
{
  self->faults.retry_after = 2;
  self->faults.access_lifetime = 900;
  self->faults.refresh_lifetime = 86400;
  self->faults.seed = 20250201;
  self->rand = g_rand_new_with_seed (self->faults.seed);
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->http_metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->push_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) json_object_unref);
  self->resolve_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_object_unref);
  self->audit = g_ptr_array_new_with_free_func (g_free);
  ts_store_init (self);
  ts_auth_init (self);
}

QuorumTestServer *
quorum_test_server_new (void)
{
  return g_object_new (QUORUM_TYPE_TEST_SERVER, NULL);
}

gboolean
quorum_test_server_listen (QuorumTestServer *self,
                           guint16           port,
                           GError          **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), FALSE);

  if (self->soup == NULL)
    {
      self->soup = soup_server_new ("server-header", "quorum-test-server ", NULL);
      soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  return soup_server_listen (self->soup, address, 0, error);
}

void
quorum_test_server_disconnect (QuorumTestServer *self)
{
  g_return_if_fail (QUORUM_IS_TEST_SERVER (self));

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}

guint16
quorum_test_server_get_port (QuorumTestServer *self)
{
  g_autoptr(GSList) uris = NULL;
  guint16 port = 0;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);

  if (self->soup == NULL)
    return 0;
  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return port;
}

char *
quorum_test_server_get_base_url (QuorumTestServer *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u", quorum_test_server_get_port (self));
}

void
quorum_test_server_set_verbose (QuorumTestServer *self,
                                gboolean          verbose)
{
  self->verbose = verbose;
}

