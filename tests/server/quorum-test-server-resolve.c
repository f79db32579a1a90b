/* quorum-test-server-resolve.c — POST /api/v1/sync/resolve/: the four
 * resolutions, staleness against server_version, re-creation of meetings
 * deleted on the server, and idempotency of successful answers. */


#include "quorum-test-server-private.h"

static void
audit (QuorumTestServer *self,
       TsUser           *user,
       gint64            meeting_id,
       const char       *resolution,
       gint64            created_id)
{
  g_autofree char *now = quorum_test_server_format_time (g_get_real_time ());

  g_ptr_array_add (self->audit,
                   g_strdup_printf ("%s user=%" G_GINT64_FORMAT " meeting=%" G_GINT64_FORMAT
                                    " resolution=%s created=%" G_GINT64_FORMAT,
                                    now, user->id, meeting_id, resolution, created_id));
}

static JsonObject *
answer_new (TsMeeting *data,
            TsMeeting *created)
{
  JsonObject *answer = json_object_new ();

  json_object_set_string_member (answer, "status", "applied");
  if (data != NULL && !data->deleted)
    json_object_set_object_member (answer, "data", ts_meeting_to_json (data));
  else
    json_object_set_null_member (answer, "data");
  if (created != NULL)
    json_object_set_object_member (answer, "created", ts_meeting_to_json (created));
  else
    json_object_set_null_member (answer, "created");
  json_object_set_boolean_member (answer, "duplicate", FALSE);
  return answer;
}

/* keep_local / merge over a live meeting: an update by its organizer. */
static JsonObject *
resolve_over (TsRequest  *req,
              TsMeeting  *m,
              JsonObject *local,
              gboolean    ignore,
              guint      *status)
{
  TsMeeting *draft = NULL;
  JsonObject *error;

  if (m->organizer_id != req->user->id)
    {
      *status = 403;
      return ts_error_new ("permission_denied", "Bu toplantıyı yalnızca düzenleyeni değiştirebilir");
    }
  error = ts_meeting_prepare (req->self, m, m->organizer_id, local, TRUE, ignore, m->id, 0,
                              &draft, status);
  if (error != NULL)
    return error;
  m = ts_meeting_commit (req->self, draft);
  *status = 200;
  return answer_new (m, NULL);
}

/* A new meeting made of @m (live or deleted) with @local over it, organised
 * by the resolving user; never checked against @m itself. */
static JsonObject *
resolve_copy (TsRequest  *req,
              TsMeeting  *m,
              JsonObject *local,
              gboolean    ignore,
              guint      *status)
{
  TsMeeting *draft = NULL;
  JsonObject *error;
  TsMeeting *created;

  error = ts_meeting_prepare (req->self, m, req->user->id, local, TRUE, ignore, m->id, 0,
                              &draft, status);
  if (error != NULL)
    return error;
  draft->id = 0;
  draft->organizer_id = req->user->id;
  created = ts_meeting_commit (req->self, draft);
  *status = 200;
  return answer_new (m, created);
}

void
ts_handle_resolve (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  JsonObject *body, *local = NULL, *answer, *seen;
  JsonNode *local_node;
  const char *client_id, *change_id, *resolution, *version_text;
  g_autofree char *key = NULL;
  gboolean ignore;
  gint64 meeting_id, version;
  TsMeeting *m;
  guint status = 500;
  g_autoptr(JsonObject) empty = json_object_new ();

  if (!ts_require_body_object (req, &body))
    return;
  client_id = ts_member_string (body, "client_id");
  change_id = ts_member_string (body, "change_id");
  resolution = ts_member_string (body, "resolution");
  version_text = ts_member_string (body, "server_version");
  local_node = json_object_get_member (body, "local_changes");
  ignore = ts_member_bool (body, "ignore_unavailable");

  if (client_id == NULL || change_id == NULL)
    {
      ts_reply (req, 400, ts_validation_error (client_id ? "change_id" : "client_id", "Bu alan zorunludur."));
      return;
    }
  key = ts_seen_key (client_id, change_id);
  if ((seen = g_hash_table_lookup (self->resolve_seen, key)) != NULL)
    {
      answer = ts_copy_object (seen);
      json_object_set_boolean_member (answer, "duplicate", TRUE);
      ts_count (self, "resolve_duplicates", 1);
      ts_reply (req, 200, answer);
      return;
    }

  if (resolution == NULL ||
      !(g_str_equal (resolution, "keep_server") || g_str_equal (resolution, "keep_local") ||
        g_str_equal (resolution, "merge") || g_str_equal (resolution, "keep_both")))
    {
      ts_reply (req, 400, ts_validation_error ("resolution", "Geçerli bir çözüm seçin."));
      return;
    }
  if (!ts_get_int (body, "meeting_id", &meeting_id))
    {
      ts_reply (req, 400, ts_validation_error ("meeting_id", "Geçerli bir tam sayı girin."));
      return;
    }
  if (local_node != NULL && !JSON_NODE_HOLDS_NULL (local_node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (local_node))
        {
          ts_reply (req, 400, ts_validation_error ("local_changes", "Bir nesne bekleniyordu."));
          return;
        }
      local = json_node_get_object (local_node);
    }
  if (local == NULL)
    local = empty;
  if ((m = ts_meeting_lookup (self, meeting_id)) == NULL)
    {
      ts_reply_error (req, 404, "not_found", "Toplantı bulunamadı");
      return;
    }

  if (g_str_equal (resolution, "keep_server"))
    {
      answer = answer_new (m, NULL);
      status = 200;
    }
  else if (version_text == NULL || !quorum_test_server_parse_time (version_text, &version))
    {
      ts_reply (req, 400, ts_validation_error ("server_version", "Geçerli bir sürüm gerekli."));
      return;
    }
  else if (version != m->modified_at)
    {
      JsonObject *conflict = ts_error_new ("sync_conflict", "Veri çakışması tespit edildi");
      JsonArray *conflicts = json_array_new ();

      json_array_add_object_element (conflicts, ts_conflict_entry (change_id, m, version_text));
      json_object_set_array_member (conflict, "conflicts", conflicts);
      ts_reply (req, 409, conflict);
      return;
    }
  else if (g_str_equal (resolution, "keep_both") || m->deleted)
    answer = resolve_copy (req, m, local, ignore, &status);
  else
    answer = resolve_over (req, m, local, ignore, &status);

  if (status != 200)
    {
      ts_reply (req, status, answer);
      return;
    }
  {
    JsonNode *created = json_object_get_member (answer, "created");

    audit (self, req->user, meeting_id, resolution,
           JSON_NODE_HOLDS_OBJECT (created)
             ? json_object_get_int_member (json_node_get_object (created), "id") : 0);
  }
  ts_count (self, "resolve_applied", 1);
  g_hash_table_insert (self->resolve_seen, g_steal_pointer (&key), ts_copy_object (answer));
  ts_reply (req, 200, answer);
}
