/* quorum-error-model.c — dialogs' view models from the server's error objects */
#include "config.h"
#include "quorum-error-model.h"
#include "quorum-time.h"

#include <glib/gi18n.h>

/* Typed reads that tolerate anything: a member of the wrong type is absent. */
static const char *
get_string (JsonObject *o,
            const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gint64
get_int (JsonObject *o,
         const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (n);
}

static JsonObject *
get_object (JsonObject *o,
            const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return (n && JSON_NODE_HOLDS_OBJECT (n)) ? json_node_get_object (n) : NULL;
}

static JsonArray *
get_array (JsonObject *o,
           const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return (n && JSON_NODE_HOLDS_ARRAY (n)) ? json_node_get_array (n) : NULL;
}

static void
meeting_ref_init (QuorumMeetingRef *ref,
                  JsonObject       *o,
                  GTimeZone        *tz)
{
  const char *title = get_string (o, "title");
  gint64 s = 0, e = 0;

  ref->id = get_int (o, "id");
  ref->title = g_strdup (title ? title : _("Untitled meeting"));
  if (quorum_time_parse_rfc3339 (get_string (o, "start_time"), &s) &&
      quorum_time_parse_rfc3339 (get_string (o, "end_time"), &e))
    {
      ref->start_time = s;
      ref->end_time = e;
      ref->when = quorum_format_range (s, e, tz);
    }
  else
    ref->when = g_strdup ("");
}

static void
meeting_ref_clear (QuorumMeetingRef *ref)
{
  g_clear_pointer (&ref->title, g_free);
  g_clear_pointer (&ref->when, g_free);
}

static void
person_free (gpointer data)
{
  QuorumUnavailablePerson *p = data;

  g_free (p->name);
  meeting_ref_clear (&p->meeting);
  g_free (p);
}

static void
add_field_errors (QuorumErrorModel *self,
                  JsonObject       *fields)
{
  g_autoptr(GList) names = fields ? json_object_get_members (fields) : NULL;

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *n = json_object_get_member (fields, l->data);
      g_autoptr(GString) line = g_string_new (l->data);

      g_string_append (line, ": ");
      if (JSON_NODE_HOLDS_ARRAY (n))
        {
          JsonArray *a = json_node_get_array (n);

          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              JsonNode *m = json_array_get_element (a, i);

              if (JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
                g_string_append_printf (line, "%s%s", i ? " " : "", json_node_get_string (m));
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        g_string_append (line, json_node_get_string (n));
      g_ptr_array_add (self->field_errors, g_string_free (g_steal_pointer (&line), FALSE));
    }
}

static char *
with_server_message (const char *ours,
                     const char *server)
{
  if (server == NULL || *server == '\0')
    return g_strdup (ours);
  /* Translators: our explanation, then the server's own words in quotes */
  return g_strdup_printf (_("%s\nThe server said: “%s”"), ours, server);
}

QuorumErrorModel *
quorum_error_model_new_from_object (JsonObject *error,
                                    GTimeZone  *tz)
{
  QuorumErrorModel *self = g_new0 (QuorumErrorModel, 1);
  const char *code = get_string (error, "code");
  const char *message = get_string (error, "message");

  self->code = g_strdup (code ? code : "");
  self->people = g_ptr_array_new_with_free_func (person_free);
  self->field_errors = g_ptr_array_new_with_free_func (g_free);
  self->kind = QUORUM_ERROR_KIND_OTHER;

  if (g_strcmp0 (code, "meeting_conflict") == 0)
    {
      JsonObject *existing = get_object (get_object (error, "conflict_details"), "existing_meeting");

      self->kind = QUORUM_ERROR_KIND_MEETING_CONFLICT;
      self->heading = g_strdup (_("The room is already booked"));
      self->has_existing = existing != NULL;
      meeting_ref_init (&self->existing, existing, tz);
      self->body = with_server_message (_("Another meeting holds the room at an overlapping time. "
                                          "Pick another time or another room."), message);
      self->can_pick_time = TRUE;
      self->can_pick_room = TRUE;
    }
  else if (g_strcmp0 (code, "participant_unavailable") == 0)
    {
      JsonArray *list = get_array (error, "unavailable_participants");

      self->kind = QUORUM_ERROR_KIND_PARTICIPANT_UNAVAILABLE;
      self->heading = g_strdup (_("Some participants are busy"));
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        {
          JsonNode *n = json_array_get_element (list, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          QuorumUnavailablePerson *p;
          const char *name;

          if (o == NULL)
            continue;
          p = g_new0 (QuorumUnavailablePerson, 1);
          p->user_id = get_int (o, "id");
          name = get_string (o, "name");
          p->name = name ? g_strdup (name)
                         : g_strdup_printf (_("Unknown (#%lld)"), (long long) p->user_id);
          meeting_ref_init (&p->meeting, get_object (o, "conflict_meeting"), tz);
          g_ptr_array_add (self->people, p);
        }
      self->body = with_server_message (_("They are in other meetings at that time. "
                                          "Pick another time, remove them, or book anyway."), message);
      self->can_pick_time = TRUE;
      self->can_remove_people = self->people->len > 0;
      self->can_book_anyway = TRUE;
    }
  else if (g_strcmp0 (code, "validation_error") == 0)
    {
      self->kind = QUORUM_ERROR_KIND_VALIDATION;
      self->heading = g_strdup (_("The server refused the meeting"));
      add_field_errors (self, get_object (error, "fields"));
      self->body = with_server_message (_("Correct the meeting and save it again."), message);
    }
  else if (g_strcmp0 (code, "permission_denied") == 0)
    {
      self->kind = QUORUM_ERROR_KIND_PERMISSION_DENIED;
      self->heading = g_strdup (_("Not allowed"));
      self->body = with_server_message (_("Only the organizer may change this meeting."), message);
    }
  else if (g_strcmp0 (code, "not_found") == 0)
    {
      self->kind = QUORUM_ERROR_KIND_NOT_FOUND;
      self->heading = g_strdup (_("The meeting no longer exists"));
      self->body = with_server_message (_("It was removed on the server."), message);
    }
  else
    {
      self->heading = g_strdup (_("The server refused the change"));
      self->body = with_server_message (_("The change could not be applied."), message);
    }

  if (self->existing.title == NULL)
    meeting_ref_init (&self->existing, NULL, tz);
  return self;
}

QuorumErrorModel *
quorum_error_model_new (const char *error_json,
                        GTimeZone  *tz)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;

  if (error_json != NULL && json_parser_load_from_data (parser, error_json, -1, NULL))
    root = json_parser_get_root (parser);
  return quorum_error_model_new_from_object (root && JSON_NODE_HOLDS_OBJECT (root)
                                             ? json_node_get_object (root) : NULL, tz);
}

void
quorum_error_model_set_existing_owner (QuorumErrorModel *self,
                                       gint64            organizer_id,
                                       gint64            user_id)
{
  self->can_open_existing = self->has_existing && self->existing.id > 0 &&
                            user_id > 0 && organizer_id == user_id;
}

void
quorum_error_model_free (QuorumErrorModel *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->heading);
  g_free (self->body);
  meeting_ref_clear (&self->existing);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->field_errors, g_ptr_array_unref);
  g_free (self);
}

/* Actions */

static QuorumMeeting *
copy_meeting (const QuorumMeeting *m)
{
  QuorumMeeting *copy = quorum_meeting_copy (m);

  if (copy->participant_ids == NULL)
    copy->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return copy;
}

QuorumMeetingField
quorum_error_action_move (const QuorumMeeting *meeting,
                          gint64               new_start,
                          QuorumMeeting      **out_values)
{
  QuorumMeeting *v = copy_meeting (meeting);
  gint64 duration = meeting->end_time - meeting->start_time;

  v->start_time = new_start;
  v->end_time = new_start + duration;
  *out_values = v;
  return QUORUM_FIELD_START_TIME | QUORUM_FIELD_END_TIME;
}

QuorumMeetingField
quorum_error_action_set_room (const QuorumMeeting *meeting,
                              gint64               room_id,
                              QuorumMeeting      **out_values)
{
  QuorumMeeting *v = copy_meeting (meeting);

  v->room_id = room_id;
  *out_values = v;
  return QUORUM_FIELD_ROOM_ID;
}

QuorumMeetingField
quorum_error_action_remove_people (const QuorumErrorModel *self,
                                   const QuorumMeeting    *meeting,
                                   QuorumMeeting         **out_values)
{
  QuorumMeeting *v = copy_meeting (meeting);

  for (guint i = 0; i < self->people->len; i++)
    {
      const QuorumUnavailablePerson *p = g_ptr_array_index (self->people, i);

      for (guint j = v->participant_ids->len; j > 0; j--)
        if (g_array_index (v->participant_ids, gint64, j - 1) == p->user_id)
          g_array_remove_index (v->participant_ids, j - 1);
    }
  *out_values = v;
  return QUORUM_FIELD_PARTICIPANT_IDS;
}

/* Sync conflicts */

static void
row_free (gpointer data)
{
  QuorumConflictRow *row = data;

  g_free (row->mine);
  g_free (row->theirs);
  g_free (row);
}

QuorumConflictModel *
quorum_conflict_model_new (const QuorumConflict *conflict,
                           GTimeZone            *tz,
                           QuorumNameFunc        room_name,
                           QuorumNameFunc        user_name,
                           gpointer              user_data)
{
  QuorumConflictModel *self = g_new0 (QuorumConflictModel, 1);
  const QuorumMeeting *local = conflict->local;
  const QuorumMeeting *server = conflict->server;
  QuorumMeetingField fields = conflict->fields;

  self->conflict_id = conflict->id;
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->server_deleted = server == NULL;
  self->local_deleted = conflict->local_deleted;
  self->title = g_strdup (local && local->title ? local->title
                          : server && server->title ? server->title : _("Untitled meeting"));

  if (fields == 0 && local != NULL && server != NULL)
    fields = quorum_meeting_diff (local, server);
  /* A deletion on either side is shown as its own line, not per field. */
  if (local == NULL || server == NULL || conflict->local_deleted)
    fields = 0;

  for (guint bit = 0; bit < QUORUM_N_FIELDS; bit++)
    {
      QuorumMeetingField f = (QuorumMeetingField) (1u << bit);
      QuorumConflictRow *row;

      if ((fields & f) == 0)
        continue;
      row = g_new0 (QuorumConflictRow, 1);
      row->field = f;
      row->label = quorum_format_field_label (f);
      row->mine = quorum_format_field_value (local, f, tz, room_name, user_name, user_data);
      row->theirs = quorum_format_field_value (server, f, tz, room_name, user_name, user_data);
      g_ptr_array_add (self->rows, row);
    }
  return self;
}

void
quorum_conflict_model_free (QuorumConflictModel *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}
