/* quorum-test-server-misc.c — scheduling help (check, freebusy),
 * integrations, health, metrics and the /_test/ control endpoints. */


#include <string.h>

#include "quorum-test-server-private.h"

#define MAX_FREEBUSY_US ((gint64) 62 * 24 * 3600 * G_USEC_PER_SEC)

void
ts_handle_check (TsRequest *req)
{
  JsonObject *body, *error, *answer;
  TsMeeting *base = NULL, *draft = NULL;
  g_autoptr(TsMeeting) owned = NULL;
  gint64 id = 0;
  guint status;

  if (!ts_require_body_object (req, &body))
    return;
  if (json_object_has_member (body, "id") && !JSON_NODE_HOLDS_NULL (json_object_get_member (body, "id")))
    {
      if (!ts_get_int (body, "id", &id))
        {
          ts_reply (req, 400, ts_validation_error ("id", "Geçerli bir tam sayı girin."));
          return;
        }
      base = ts_meeting_lookup (req->self, id);
      if (base == NULL || base->deleted)
        {
          ts_reply_error (req, 404, "not_found", "Toplantı bulunamadı");
          return;
        }
      if (base->organizer_id != req->user->id)
        {
          ts_reply_error (req, 403, "permission_denied", "Bu toplantıyı yalnızca düzenleyeni değiştirebilir");
          return;
        }
    }
  error = ts_meeting_prepare (req->self, base, req->user->id, body, TRUE,
                              ts_member_bool (body, "ignore_unavailable"), id, 0, &draft, &status);
  if (error != NULL)
    {
      ts_reply (req, status, error);
      return;
    }
  owned = draft;
  answer = json_object_new ();
  json_object_set_boolean_member (answer, "ok", TRUE);
  ts_reply (req, 200, answer);
}

static gboolean
parse_ids (const char *text,
           GArray     *out)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, G_MAXINT64, &id, NULL))
        return FALSE;
      g_array_append_val (out, id);
    }
  return TRUE;
}

static int
compare_busy (gconstpointer a,
              gconstpointer b)
{
  JsonObject *x = json_node_get_object (*(JsonNode **) a);
  JsonObject *y = json_node_get_object (*(JsonNode **) b);

  return g_strcmp0 (json_object_get_string_member (x, "start"),
                    json_object_get_string_member (y, "start"));
}

static void
add_busy (GPtrArray  *list,
          gint64      start,
          gint64      end,
          TsMeeting  *m,
          const char *source)
{
  JsonObject *busy = json_object_new ();
  g_autofree char *s = quorum_test_server_format_time (start);
  g_autofree char *e = quorum_test_server_format_time (end);

  json_object_set_string_member (busy, "start", s);
  json_object_set_string_member (busy, "end", e);
  if (m != NULL)
    {
      json_object_set_int_member (busy, "meeting_id", m->id);
      json_object_set_string_member (busy, "title", m->title);
    }
  else
    {
      json_object_set_null_member (busy, "meeting_id");
      json_object_set_null_member (busy, "title");
    }
  json_object_set_string_member (busy, "source", source);
  g_ptr_array_add (list, json_node_init_object (json_node_alloc (), busy));
  json_object_unref (busy);
}

static JsonArray *
to_sorted_array (GPtrArray *list)
{
  JsonArray *array = json_array_sized_new (list->len);

  g_ptr_array_sort (list, compare_busy);
  for (guint i = 0; i < list->len; i++)
    json_array_add_element (array, g_ptr_array_index (list, i));
  g_ptr_array_set_free_func (list, NULL);
  return array;
}

static gboolean
involves (const TsMeeting *m,
          gint64           user_id)
{
  if (m->organizer_id == user_id)
    return TRUE;
  for (guint i = 0; i < m->participants->len; i++)
    if (g_array_index (m->participants, gint64, i) == user_id)
      return TRUE;
  return FALSE;
}

void
ts_handle_freebusy (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  g_autoptr(GArray) user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) room_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *start_text = req->query ? g_hash_table_lookup (req->query, "start") : NULL;
  const char *end_text = req->query ? g_hash_table_lookup (req->query, "end") : NULL;
  g_autofree char *start_out = NULL, *end_out = NULL;
  JsonObject *answer;
  JsonArray *users, *rooms;
  gint64 start, end;

  if (!parse_ids (req->query ? g_hash_table_lookup (req->query, "user_ids") : NULL, user_ids))
    {
      ts_reply (req, 400, ts_validation_error ("user_ids", "Virgülle ayrılmış kimlikler girin."));
      return;
    }
  if (!parse_ids (req->query ? g_hash_table_lookup (req->query, "room_ids") : NULL, room_ids))
    {
      ts_reply (req, 400, ts_validation_error ("room_ids", "Virgülle ayrılmış kimlikler girin."));
      return;
    }
  if (!quorum_test_server_parse_time (start_text, &start))
    {
      ts_reply (req, 400, ts_validation_error ("start", "Geçerli bir zaman girin."));
      return;
    }
  if (!quorum_test_server_parse_time (end_text, &end))
    {
      ts_reply (req, 400, ts_validation_error ("end", "Geçerli bir zaman girin."));
      return;
    }
  if (end <= start)
    {
      ts_reply (req, 400, ts_validation_error ("end", "Bitiş başlangıçtan sonra olmalı."));
      return;
    }
  if (end - start > MAX_FREEBUSY_US)
    {
      ts_reply (req, 400, ts_validation_error ("end", "Aralık en fazla 62 gün olabilir."));
      return;
    }

  users = json_array_new ();
  for (guint u = 0; u < user_ids->len; u++)
    {
      gint64 id = g_array_index (user_ids, gint64, u);
      TsUser *user = ts_user_lookup (self, id);
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      JsonObject *entry = json_object_new ();

      for (guint i = 0; i < self->meetings->len; i++)
        {
          TsMeeting *m = g_ptr_array_index (self->meetings, i);

          if (!m->deleted && !g_str_equal (m->status, "CANCELLED") &&
              m->start < end && start < m->end && involves (m, id))
            add_busy (list, m->start, m->end, m, "meeting");
        }
      for (guint i = 0; user != NULL && i < user->external->len; i++)
        {
          TsBusy *b = &g_array_index (user->external, TsBusy, i);

          if (b->start < end && start < b->end)
            add_busy (list, b->start, b->end, NULL, b->source);
        }
      json_object_set_int_member (entry, "user_id", id);
      json_object_set_array_member (entry, "busy", to_sorted_array (list));
      json_array_add_object_element (users, entry);
    }

  rooms = json_array_new ();
  for (guint r = 0; r < room_ids->len; r++)
    {
      gint64 id = g_array_index (room_ids, gint64, r);
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      JsonObject *entry = json_object_new ();

      for (guint i = 0; i < self->meetings->len; i++)
        {
          TsMeeting *m = g_ptr_array_index (self->meetings, i);

          if (!m->deleted && !g_str_equal (m->status, "CANCELLED") && m->room_id == id &&
              m->start < end && start < m->end)
            add_busy (list, m->start, m->end, m, "meeting");
        }
      json_object_set_int_member (entry, "room_id", id);
      json_object_set_array_member (entry, "busy", to_sorted_array (list));
      json_array_add_object_element (rooms, entry);
    }

  start_out = quorum_test_server_format_time (start);
  end_out = quorum_test_server_format_time (end);
  answer = json_object_new ();
  json_object_set_string_member (answer, "start", start_out);
  json_object_set_string_member (answer, "end", end_out);
  json_object_set_array_member (answer, "users", users);
  json_object_set_array_member (answer, "rooms", rooms);
  ts_reply (req, 200, answer);
}

static JsonObject *
integration (const char *provider,
             const char *status,
             const char *error_code,
             const char *error_message)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *last = quorum_test_server_format_time (g_get_real_time () - 15 * 60 * G_USEC_PER_SEC);

  json_object_set_string_member (entry, "provider", provider);
  json_object_set_string_member (entry, "status", status);
  json_object_set_string_member (entry, "last_sync", last);
  if (error_code != NULL)
    {
      JsonObject *error = ts_error_new (error_code, error_message);

      json_object_set_string_member (error, "details", "Connection refused");
      json_object_set_object_member (entry, "error", error);
    }
  else
    json_object_set_null_member (entry, "error");
  return entry;
}

void
ts_handle_integrations (TsRequest  *req,
                        const char *provider,
                        const char *action)
{
  JsonObject *answer = json_object_new ();

  if (provider == NULL)
    {
      JsonArray *list = json_array_new ();

      json_array_add_object_element (list, integration ("google", "ok", NULL, NULL));
      json_array_add_object_element (list, integration ("outlook", "error", "outlook_sync_failed",
                                                        "Outlook senkronizasyonu başarısız"));
      json_object_set_array_member (answer, "integrations", list);
      ts_reply (req, 200, answer);
      return;
    }
  if (!g_str_equal (provider, "google") && !g_str_equal (provider, "outlook"))
    {
      json_object_unref (answer);
      ts_reply_error (req, 404, "not_found", "Bilinmeyen takvim sağlayıcısı");
      return;
    }
  if (g_str_equal (action, "reauthorize"))
    {
      g_autofree char *state = g_uuid_string_random ();
      g_autofree char *url =
        g_strdup_printf ("https://accounts.example.org/oauth/authorize?provider=%s&user=%" G_GINT64_FORMAT "&state=%s",
                         provider, req->user->id, state);

      json_object_set_string_member (answer, "authorization_url", url);
      ts_reply (req, 200, answer);
      return;
    }
  json_object_set_string_member (answer, "status", "queued");
  ts_reply (req, 202, answer);
}

void
ts_handle_health (TsRequest *req)
{
  JsonObject *answer = json_object_new ();
  g_autofree char *now = quorum_test_server_format_time (g_get_real_time ());

  json_object_set_string_member (answer, "status", "ok");
  json_object_set_string_member (answer, "server_time", now);
  ts_reply (req, 200, answer);
}

void
ts_handle_metrics (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (self->http_metrics),
                                       (GCompareFunc) g_strcmp0);
  const char *ops[] = { "push", "pull", "resolve" };

  g_string_append (text, "# HELP http_requests_total Total HTTP requests.\n"
                         "# TYPE http_requests_total counter\n");
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_auto(GStrv) parts = g_strsplit (l->data, "\037", 3);

      g_string_append_printf (text,
                              "http_requests_total{method=\"%s\",path=\"%s\",status=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              parts[0], parts[1], parts[2],
                              *(guint64 *) g_hash_table_lookup (self->http_metrics, l->data));
    }
  g_string_append (text, "# HELP sync_operations_total Sync operations handled.\n"
                         "# TYPE sync_operations_total counter\n");
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *name = g_strdup_printf ("sync_operations:%s", ops[i]);

      g_string_append_printf (text, "sync_operations_total{operation=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              ops[i], quorum_test_server_get_counter (self, name));
    }
  g_string_append (text, "# HELP sync_errors_total Sync operations that failed.\n"
                         "# TYPE sync_errors_total counter\n");
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *name = g_strdup_printf ("sync_errors:%s", ops[i]);

      g_string_append_printf (text, "sync_errors_total{operation=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              ops[i], quorum_test_server_get_counter (self, name));
    }
  req->status = 200;
  req->raw_body = g_string_free (g_steal_pointer (&text), FALSE);
  req->raw_type = "text/plain; version=0.0.4; charset=utf-8";
}
