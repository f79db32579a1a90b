/* quorum-test-server-faults.c — faults decided before a handler runs, the
 * knobs that set them, and the counters tests read. */
#include "quorum-test-server-private.h"

static const char html_502[] =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n"
  "<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

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

/* TRUE when a fault answered the request. */
gboolean
ts_apply_faults_before (TsRequest *req)
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
  if (g_str_equal (name, "connection_close") && parse_uint (value, &u))
    return (f->connection_close = u != 0, TRUE);
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
