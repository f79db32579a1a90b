/* quorum-test-server-control.c — /_test/ endpoints: the same knobs as the C
 * API, for tests that run the server (or the client) as a subprocess. Never
 * counted, never subject to faults, no authentication. */


#include <string.h>

#include "quorum-test-server-private.h"

static void
reply_ok (TsRequest *req)
{
  JsonObject *answer = json_object_new ();

  json_object_set_boolean_member (answer, "ok", TRUE);
  ts_reply (req, 200, answer);
}

static void
reply_id (TsRequest *req,
          gint64     id)
{
  JsonObject *answer;

  if (id <= 0)
    {
      ts_reply (req, 400, ts_validation_error ("non_field_errors", "Geçersiz veri."));
      return;
    }
  answer = json_object_new ();
  json_object_set_int_member (answer, "id", id);
  ts_reply (req, 200, answer);
}

static const char *
string_or (JsonObject *body,
           const char *member,
           const char *fallback)
{
  const char *value = ts_member_string (body, member);

  return value != NULL ? value : fallback;
}

static void
control_fault (TsRequest  *req,
               JsonObject *body)
{
  const char *name = ts_member_string (body, "name");
  JsonNode *value = json_object_get_member (body, "value");
  g_autofree char *text = NULL;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (value));
      else if (type == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      else if (type == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          text = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (value)));
        }
      else if (type == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (value) ? "1" : "0");
    }
  if (name == NULL || text == NULL ||
      !quorum_test_server_set_fault (req->self, name, text))
    {
      ts_reply (req, 400, ts_validation_error ("name", "Bilinmeyen hata adı veya değer."));
      return;
    }
  reply_ok (req);
}

static void
control_meeting (TsRequest  *req,
                 const char *rest,
                 JsonObject *body)
{
  g_auto(GStrv) parts = g_strsplit (rest, "/", -1);
  guint64 id;
  gboolean ok;

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT64, &id, NULL))
    {
      ts_reply_error (req, 404, "not_found", "Bulunamadı");
      return;
    }
  if (g_strv_length (parts) == 2 && parts[1][0] == '\0')
    ok = quorum_test_server_update_meeting (req->self, id, body);
  else if (g_strv_length (parts) == 3 && g_str_equal (parts[1], "delete") && parts[2][0] == '\0')
    ok = quorum_test_server_delete_meeting (req->self, id);
  else
    {
      ts_reply_error (req, 404, "not_found", "Bulunamadı");
      return;
    }
  if (ok)
    reply_ok (req);
  else
    ts_reply (req, 400, ts_validation_error ("non_field_errors", "Toplantı yok veya veri geçersiz."));
}

static void
control_post (TsRequest  *req,
              const char *what,
              JsonObject *body)
{
  QuorumTestServer *self = req->self;
  gint64 a = 0, b = 0;

  if (g_str_equal (what, "fault/"))
    control_fault (req, body);
  else if (g_str_equal (what, "reset_counters/"))
    {
      quorum_test_server_reset_counters (self);
      reply_ok (req);
    }
  else if (g_str_equal (what, "users/"))
    reply_id (req, quorum_test_server_add_user (self, string_or (body, "username", ""),
                                                string_or (body, "password", ""),
                                                ts_member_string (body, "name"),
                                                ts_member_string (body, "email")));
  else if (g_str_equal (what, "rooms/"))
    reply_id (req, (ts_get_int (body, "capacity", &a), TRUE) && ts_member_string (body, "name")
                     ? quorum_test_server_add_room (self, ts_member_string (body, "name"), (gint) a,
                                                    ts_member_string (body, "floor"),
                                                    ts_member_string (body, "equipment"))
                     : 0);
  else if (g_str_equal (what, "meetings/"))
    reply_id (req, ts_get_int (body, "organizer_id", &a)
                     ? quorum_test_server_insert_meeting (self, a, body) : 0);
  else if (g_str_has_prefix (what, "meetings/"))
    control_meeting (req, what + strlen ("meetings/"), body);
  else if (g_str_equal (what, "generate/"))
    {
      if (!ts_get_int (body, "n", &a) || a < 0 || a > G_MAXUINT)
        {
          ts_reply (req, 400, ts_validation_error ("n", "Bir sayı girin."));
          return;
        }
      ts_get_int (body, "seed", &b);
      quorum_test_server_generate_meetings (self, (guint) a, (guint32) b);
      reply_ok (req);
    }
  else if (g_str_equal (what, "external_busy/"))
    {
      gint64 start, end;

      if (!ts_get_int (body, "user_id", &a) || ts_user_lookup (self, a) == NULL ||
          !quorum_test_server_parse_time (ts_member_string (body, "start"), &start) ||
          !quorum_test_server_parse_time (ts_member_string (body, "end"), &end))
        {
          ts_reply (req, 400, ts_validation_error ("non_field_errors", "user_id, start, end gerekli."));
          return;
        }
      quorum_test_server_add_external_busy (self, a, string_or (body, "source", "google"), start, end);
      reply_ok (req);
    }
  else if (g_str_has_prefix (what, "users/") && g_str_has_suffix (what, "/active/"))
    {
      guint64 id = g_ascii_strtoull (what + strlen ("users/"), NULL, 10);

      if (!quorum_test_server_set_user_active (self, id, ts_member_bool (body, "active")))
        ts_reply_error (req, 404, "not_found", "Bulunamadı");
      else
        reply_ok (req);
    }
  else
    ts_reply_error (req, 404, "not_found", "Bulunamadı");
}

void
ts_handle_control (TsRequest *req)
{
  const char *what = req->path + strlen ("/_test/");
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *body = empty;

  if (g_str_equal (req->method, "GET"))
    {
      if (g_str_equal (what, "counters/"))
        ts_reply (req, 200, quorum_test_server_dump_counters (req->self));
      else if (g_str_equal (what, "meetings/"))
        {
          /* A bare array, like quorum_test_server_dump_meetings(). */
          req->status = 200;
          req->response = json_node_init_array (json_node_alloc (),
                                                quorum_test_server_dump_meetings (req->self));
          json_array_unref (json_node_get_array (req->response));
        }
      else if (g_str_equal (what, "audit/"))
        {
          JsonObject *answer = json_object_new ();
          JsonArray *lines = json_array_new ();

          for (guint i = 0; i < req->self->audit->len; i++)
            json_array_add_string_element (lines, g_ptr_array_index (req->self->audit, i));
          json_object_set_array_member (answer, "audit", lines);
          ts_reply (req, 200, answer);
        }
      else
        ts_reply_error (req, 404, "not_found", "Bulunamadı");
      return;
    }
  if (!g_str_equal (req->method, "POST"))
    {
      ts_reply_error (req, 405, "method_not_allowed", "Bu yöntem desteklenmiyor");
      return;
    }
  if (req->body_invalid || (req->body != NULL && !JSON_NODE_HOLDS_OBJECT (req->body)))
    {
      ts_reply (req, 400, ts_validation_error ("non_field_errors", "Geçersiz JSON."));
      return;
    }
  if (req->body != NULL)
    body = json_node_get_object (req->body);
  control_post (req, what, body);
}
