/* quorum-test-server.c — the object, routing, faults and the way a response
 * leaves (gzip, latency, dropped connections). */


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

static const char html_502[] =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n"
  "<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

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

void
ts_reply (TsRequest  *req,
          guint       status,
          JsonObject *object)
{
  g_clear_pointer (&req->response, json_node_unref);
  req->status = status;
  req->response = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
}

JsonObject *
ts_error_new (const char *code,
              const char *message)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  return error;
}

void
ts_field_error_add (JsonObject *error,
                    const char *field,
                    const char *message)
{
  JsonObject *fields;
  JsonArray *list;

  if (!json_object_has_member (error, "fields"))
    json_object_set_object_member (error, "fields", json_object_new ());
  fields = json_object_get_object_member (error, "fields");
  if (!json_object_has_member (fields, field))
    json_object_set_array_member (fields, field, json_array_new ());
  list = json_object_get_array_member (fields, field);
  json_array_add_string_element (list, message);
}

JsonObject *
ts_validation_error (const char *field,
                     const char *message)
{
  JsonObject *error = ts_error_new ("validation_error", "Geçersiz veri");

  if (field != NULL)
    ts_field_error_add (error, field, message);
  else
    json_object_set_object_member (error, "fields", json_object_new ());
  return error;
}

void
ts_reply_error (TsRequest  *req,
                guint       status,
                const char *code,
                const char *message)
{
  if (g_str_equal (code, "validation_error"))
    {
      JsonObject *error = ts_validation_error (NULL, NULL);

      json_object_set_string_member (error, "message", message);
      ts_reply (req, status, error);
      return;
    }
  ts_reply (req, status, ts_error_new (code, message));
}

gboolean
ts_require_body_object (TsRequest   *req,
                        JsonObject **out)
{
  if (req->body == NULL || !JSON_NODE_HOLDS_OBJECT (req->body))
    {
      ts_reply (req, 400, ts_validation_error ("non_field_errors",
                                               "Gövde bir JSON nesnesi olmalı."));
      return FALSE;
    }
  *out = json_node_get_object (req->body);
  return TRUE;
}

gboolean
ts_get_int (JsonObject *object,
            const char *member,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* RFC 3339 by hand: GLib's parser goes through a double and can lose the
 * last microsecond, which would break version equality. */
gboolean
quorum_test_server_parse_time (const char *text,
                               gint64     *out_us)
{
  int y, mo, d, h, mi, s;
  int n = 0;
  const char *p;
  gint64 frac = 0, offset = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL ||
      sscanf (text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
    return FALSE;
  p = text + 10;
  if (*p != 'T' && *p != 't')
    return FALSE;
  p++;
  if (sscanf (p, "%2d:%2d:%2d%n", &h, &mi, &s, &n) != 3 || n != 8)
    return FALSE;
  p += 8;
  if (*p == '.')
    {
      int digits = 0;

      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++, digits++)
        if (digits < 6)
          frac = frac * 10 + (*p - '0');
      for (; digits < 6; digits++)
        frac *= 10;
    }
  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int oh, om;
      int sign = *p == '-' ? -1 : 1;

      if (sscanf (p + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5 || oh > 23 || om > 59)
        return FALSE;
      offset = sign * ((gint64) oh * 3600 + om * 60);
      p += 6;
    }
  else
    return FALSE;
  if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
    return FALSE;
  dt = g_date_time_new_utc (y, mo, d, h, mi, MIN (s, 59));
  if (dt == NULL)
    return FALSE;
  *out_us = (g_date_time_to_unix (dt) - offset) * G_USEC_PER_SEC + frac;
  return TRUE;
}

char *
quorum_test_server_format_time (gint64 us)
{
  gint64 sec = us / G_USEC_PER_SEC;
  gint64 rem = us % G_USEC_PER_SEC;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  if (rem < 0)
    {
      rem += G_USEC_PER_SEC;
      sec--;
    }
  dt = g_date_time_new_from_unix_utc (sec);
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", base, (int) rem);
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
      soup_server_message_pause (req->msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, self->faults.latency_ms, unpause_cb,
                          g_object_ref (req->msg), g_object_unref);
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
apply_rate_limit (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autofree char *seconds = g_strdup_printf ("%u", self->faults.retry_after);

  ts_count (self, "rate_limited", 1);
  soup_message_headers_replace (headers, "Retry-After", seconds);
  if (self->faults.drf_errors)
    {
      JsonObject *body = json_object_new ();
      g_autofree char *detail =
        g_strdup_printf ("Request was throttled. Expected available in %u seconds.",
                         self->faults.retry_after);

      json_object_set_string_member (body, "detail", detail);
      ts_reply (req, 429, body);
    }
  else
    {
      JsonObject *body = ts_error_new ("rate_limit_exceeded", "Çok fazla istek gönderildi");

      json_object_set_int_member (body, "retry_after", self->faults.retry_after);
      ts_reply (req, 429, body);
    }
}

/* Decides a fault before the handler runs; TRUE when the request is answered. */
static gboolean
apply_faults_before (TsRequest *req)
{
  QuorumTestServer *self = req->self;

  if (self->faults.down)
    {
      JsonObject *body = ts_error_new ("server_error", "Sunucu geçici olarak hizmet dışı");

      json_object_set_string_member (body, "details", "down");
      ts_reply (req, 503, body);
      return TRUE;
    }
  if (self->faults.rate_limit_every > 0 &&
      ++self->rate_seq % self->faults.rate_limit_every == 0)
    {
      apply_rate_limit (req);
      return TRUE;
    }
  if (self->faults.error_5xx_rate > 0 && ts_draw (self) < self->faults.error_5xx_rate)
    {
      JsonObject *body = ts_error_new ("server_error", "Sunucu hatası");

      ts_count (self, "errors_5xx", 1);
      json_object_set_string_member (body, "details", "injected fault");
      ts_reply (req, 500, body);
      return TRUE;
    }
  if (self->faults.html_502_rate > 0 && ts_draw (self) < self->faults.html_502_rate)
    {
      ts_count (self, "html_502", 1);
      req->status = 502;
      req->raw_body = g_strdup (html_502);
      req->raw_type = "text/html";
      return TRUE;
    }
  return FALSE;
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
  if (apply_faults_before (req))
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

static gboolean
parse_rate (const char *value,
            double     *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || v < 0 || v > 1)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_uint (const char *value,
            guint      *out)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static gboolean
parse_seconds (const char *value,
               double     *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || v < 0)
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
quorum_test_server_set_fault (QuorumTestServer *self,
                              const char       *name,
                              const char       *value)
{
  TsFaults *f = &self->faults;
  guint u;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  if (g_str_equal (name, "latency_ms"))
    return parse_uint (value, &f->latency_ms);
  if (g_str_equal (name, "error_5xx_rate"))
    return parse_rate (value, &f->error_5xx_rate);
  if (g_str_equal (name, "html_502_rate"))
    return parse_rate (value, &f->html_502_rate);
  if (g_str_equal (name, "malformed_json_rate"))
    return parse_rate (value, &f->malformed_json_rate);
  if (g_str_equal (name, "drop_after_apply_rate"))
    return parse_rate (value, &f->drop_after_apply_rate);
  if (g_str_equal (name, "rate_limit_every"))
    {
      if (!parse_uint (value, &f->rate_limit_every))
        return FALSE;
      self->rate_seq = 0;
      return TRUE;
    }
  if (g_str_equal (name, "retry_after"))
    return parse_uint (value, &f->retry_after);
  if (g_str_equal (name, "access_lifetime"))
    return parse_seconds (value, &f->access_lifetime);
  if (g_str_equal (name, "refresh_lifetime"))
    return parse_seconds (value, &f->refresh_lifetime);
  if (g_str_equal (name, "drf_errors") && parse_uint (value, &u))
    return (f->drf_errors = u != 0, TRUE);
  if (g_str_equal (name, "down") && parse_uint (value, &u))
    return (f->down = u != 0, TRUE);
  if (g_str_equal (name, "cursor_retention"))
    return parse_uint (value, &f->cursor_retention);
  if (g_str_equal (name, "expire_cursors"))
    return (self->cursor_generation++, TRUE);
  if (g_str_equal (name, "expire_access_tokens"))
    return (self->access_valid_after = g_get_real_time (), TRUE);
  if (g_str_equal (name, "deterministic_seed") && parse_uint (value, &u))
    {
      f->seed = u;
      g_rand_set_seed (self->rand, u);
      return TRUE;
    }
  return FALSE;
}

guint64
quorum_test_server_get_counter (QuorumTestServer *self,
                                const char       *name)
{
  guint64 *value;

  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);

  value = g_hash_table_lookup (self->counters, name);
  return value != NULL ? *value : 0;
}

void
quorum_test_server_reset_counters (QuorumTestServer *self)
{
  g_return_if_fail (QUORUM_IS_TEST_SERVER (self));

  g_hash_table_remove_all (self->counters);
}

JsonObject *
quorum_test_server_dump_counters (QuorumTestServer *self)
{
  JsonObject *object = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_int_member (object, key, (gint64) *(guint64 *) value);
  json_object_set_int_member (object, "last_request_time", self->last_request_time);
  return object;
}

gint64
quorum_test_server_get_last_request_time (QuorumTestServer *self)
{
  g_return_val_if_fail (QUORUM_IS_TEST_SERVER (self), 0);

  return self->last_request_time;
}
