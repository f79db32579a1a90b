/* quorum-test-server-json.c — replies, error bodies of §2, JSON member
 * access and the server's own RFC 3339 handling. */
#include <stdio.h>

#include "quorum-test-server-private.h"

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

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm): a page
 * of 1000 meetings formats 3000 times, too many for GDateTime + strftime. */
static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

char *
quorum_test_server_format_time (gint64 us)
{
  gint64 sec = us / G_USEC_PER_SEC;
  gint64 rem = us % G_USEC_PER_SEC;
  gint64 days, secs_of_day;
  int y, m, d;

  if (rem < 0)
    {
      rem += G_USEC_PER_SEC;
      sec--;
    }
  days = sec / 86400;
  secs_of_day = sec % 86400;
  if (secs_of_day < 0)
    {
      secs_of_day += 86400;
      days--;
    }
  civil_from_days (days, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m, d,
                          (int) (secs_of_day / 3600), (int) (secs_of_day / 60 % 60),
                          (int) (secs_of_day % 60), (int) rem);
}
