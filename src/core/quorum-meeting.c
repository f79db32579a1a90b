/* quorum-meeting.c — the meeting value: fields, JSON form, compare, validation */
#include "quorum-meeting.h"
#include "quorum-time.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (quorum-meeting-error-quark, quorum_meeting_error)
G_DEFINE_BOXED_TYPE (QuorumMeeting, quorum_meeting, quorum_meeting_copy, quorum_meeting_free)

/* Contract order (server-api.md §4), which is also the order of output. */
static const struct {
  QuorumMeetingField field;
  const char *name;
} field_names[QUORUM_N_FIELDS] = {
  { QUORUM_FIELD_TITLE, "title" },
  { QUORUM_FIELD_DESCRIPTION, "description" },
  { QUORUM_FIELD_AGENDA, "agenda" },
  { QUORUM_FIELD_START_TIME, "start_time" },
  { QUORUM_FIELD_END_TIME, "end_time" },
  { QUORUM_FIELD_STATUS, "status" },
  { QUORUM_FIELD_MEETING_TYPE, "meeting_type" },
  { QUORUM_FIELD_PRIORITY, "priority" },
  { QUORUM_FIELD_ROOM_ID, "room_id" },
  { QUORUM_FIELD_EXTERNAL_LOCATION, "external_location" },
  { QUORUM_FIELD_PARTICIPANT_IDS, "participant_ids" },
};

static const char * const statuses[] = { "PENDING", "APPROVED", "COMPLETED", "CANCELLED", NULL };
static const char * const types[] = { "SCHEDULED", "UNSCHEDULED", "EXTERNAL", "INTERNAL", NULL };
static const char * const priorities[] = { "LOW", "MEDIUM", "HIGH", NULL };

QuorumMeeting *
quorum_meeting_new (void)
{
  QuorumMeeting *self = g_new0 (QuorumMeeting, 1);

  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->agenda = g_strdup ("");
  self->status = g_strdup ("PENDING");
  self->meeting_type = g_strdup ("SCHEDULED");
  self->priority = g_strdup ("MEDIUM");
  self->external_location = g_strdup ("");
  self->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

QuorumMeeting *
quorum_meeting_copy (const QuorumMeeting *self)
{
  QuorumMeeting *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (QuorumMeeting, 1);
  copy->local_id = g_strdup (self->local_id);
  copy->id = self->id;
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->agenda = g_strdup (self->agenda);
  copy->start_time = self->start_time;
  copy->end_time = self->end_time;
  copy->status = g_strdup (self->status);
  copy->meeting_type = g_strdup (self->meeting_type);
  copy->priority = g_strdup (self->priority);
  copy->room_id = self->room_id;
  copy->external_location = g_strdup (self->external_location);
  copy->organizer_id = self->organizer_id;
  copy->participant_ids = g_array_copy (self->participant_ids);
  copy->modified_at = g_strdup (self->modified_at);
  copy->sync_state = g_strdup (self->sync_state);
  return copy;
}

void
quorum_meeting_free (QuorumMeeting *self)
{
  if (self == NULL)
    return;
  g_free (self->local_id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->agenda);
  g_free (self->status);
  g_free (self->meeting_type);
  g_free (self->priority);
  g_free (self->external_location);
  g_clear_pointer (&self->participant_ids, g_array_unref);
  g_free (self->modified_at);
  g_free (self->sync_state);
  g_free (self);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

void
quorum_meeting_set_participants (QuorumMeeting *self,
                                 const gint64  *ids,
                                 guint          n_ids)
{
  guint out = 0;

  g_array_set_size (self->participant_ids, 0);
  if (n_ids > 0)
    g_array_append_vals (self->participant_ids, ids, n_ids);
  g_array_sort (self->participant_ids, compare_ids);
  for (guint i = 0; i < self->participant_ids->len; i++)
    {
      gint64 v = g_array_index (self->participant_ids, gint64, i);
      if (out == 0 || g_array_index (self->participant_ids, gint64, out - 1) != v)
        g_array_index (self->participant_ids, gint64, out++) = v;
    }
  g_array_set_size (self->participant_ids, out);
}

gboolean
quorum_meeting_takes_part (const QuorumMeeting *self,
                           gint64               user_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (user_id <= 0)
    return FALSE;
  if (self->organizer_id == user_id)
    return TRUE;
  /* participant_ids is kept sorted (quorum_meeting_set_participants) */
  return self->participant_ids != NULL && self->participant_ids->len > 0 &&
         bsearch (&user_id, self->participant_ids->data, self->participant_ids->len,
                  sizeof (gint64), compare_ids) != NULL;
}

const char *
quorum_meeting_field_name (QuorumMeetingField field)
{
  for (guint i = 0; i < QUORUM_N_FIELDS; i++)
    if (field_names[i].field == field)
      return field_names[i].name;
  return NULL;
}

QuorumMeetingField
quorum_meeting_field_from_name (const char *name)
{
  for (guint i = 0; i < QUORUM_N_FIELDS; i++)
    if (g_strcmp0 (field_names[i].name, name) == 0)
      return field_names[i].field;
  return 0;
}

JsonNode *
quorum_meeting_fields_to_json (QuorumMeetingField mask)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < QUORUM_N_FIELDS; i++)
    if (mask & field_names[i].field)
      json_array_add_string_element (array, field_names[i].name);
  json_node_take_array (node, array);
  return node;
}

static gboolean
participants_equal (GArray *a,
                    GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  return a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

QuorumMeetingField
quorum_meeting_diff (const QuorumMeeting *a,
                     const QuorumMeeting *b)
{
  QuorumMeetingField diff = 0;

  if (g_strcmp0 (a->title, b->title) != 0)
    diff |= QUORUM_FIELD_TITLE;
  if (g_strcmp0 (a->description, b->description) != 0)
    diff |= QUORUM_FIELD_DESCRIPTION;
  if (g_strcmp0 (a->agenda, b->agenda) != 0)
    diff |= QUORUM_FIELD_AGENDA;
  if (a->start_time != b->start_time)
    diff |= QUORUM_FIELD_START_TIME;
  if (a->end_time != b->end_time)
    diff |= QUORUM_FIELD_END_TIME;
  if (g_strcmp0 (a->status, b->status) != 0)
    diff |= QUORUM_FIELD_STATUS;
  if (g_strcmp0 (a->meeting_type, b->meeting_type) != 0)
    diff |= QUORUM_FIELD_MEETING_TYPE;
  if (g_strcmp0 (a->priority, b->priority) != 0)
    diff |= QUORUM_FIELD_PRIORITY;
  if (a->room_id != b->room_id)
    diff |= QUORUM_FIELD_ROOM_ID;
  if (g_strcmp0 (a->external_location, b->external_location) != 0)
    diff |= QUORUM_FIELD_EXTERNAL_LOCATION;
  if (!participants_equal (a->participant_ids, b->participant_ids))
    diff |= QUORUM_FIELD_PARTICIPANT_IDS;
  return diff;
}

static void
set_str (char       **dst,
         const char  *src)
{
  if (*dst == src)
    return;
  g_free (*dst);
  *dst = g_strdup (src);
}

void
quorum_meeting_apply (QuorumMeeting       *dst,
                      const QuorumMeeting *src,
                      QuorumMeetingField   mask)
{
  if (mask & QUORUM_FIELD_TITLE)
    set_str (&dst->title, src->title);
  if (mask & QUORUM_FIELD_DESCRIPTION)
    set_str (&dst->description, src->description);
  if (mask & QUORUM_FIELD_AGENDA)
    set_str (&dst->agenda, src->agenda);
  if (mask & QUORUM_FIELD_START_TIME)
    dst->start_time = src->start_time;
  if (mask & QUORUM_FIELD_END_TIME)
    dst->end_time = src->end_time;
  if (mask & QUORUM_FIELD_STATUS)
    set_str (&dst->status, src->status);
  if (mask & QUORUM_FIELD_MEETING_TYPE)
    set_str (&dst->meeting_type, src->meeting_type);
  if (mask & QUORUM_FIELD_PRIORITY)
    set_str (&dst->priority, src->priority);
  if (mask & QUORUM_FIELD_ROOM_ID)
    dst->room_id = src->room_id;
  if (mask & QUORUM_FIELD_EXTERNAL_LOCATION)
    set_str (&dst->external_location, src->external_location);
  if ((mask & QUORUM_FIELD_PARTICIPANT_IDS) && dst->participant_ids != src->participant_ids)
    {
      g_array_set_size (dst->participant_ids, 0);
      g_array_append_vals (dst->participant_ids, src->participant_ids->data,
                           src->participant_ids->len);
    }
}

/* JSON */

static gboolean
malformed (GError    **error,
           const char *member)
{
  g_set_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_MALFORMED,
               "meeting member “%s” has the wrong type or value", member);
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            char       **dst,
            gboolean    *present,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return malformed (error, member);
  set_str (dst, json_node_get_string (node));
  return TRUE;
}

/* An integer id, or null (→ 0) when @nullable. */
static gboolean
get_id (JsonObject *object,
        const char *member,
        gboolean    nullable,
        gint64     *dst,
        gboolean   *present,
        GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    {
      *dst = 0;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) <= 0)
    return malformed (error, member);
  *dst = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_time (JsonObject *object,
          const char *member,
          gint64     *dst,
          gboolean   *present,
          GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !quorum_time_parse_rfc3339 (json_node_get_string (node), dst))
    return malformed (error, member);
  return TRUE;
}

static gboolean
get_participants (JsonObject    *object,
                  QuorumMeeting *self,
                  gboolean      *present,
                  GError       **error)
{
  JsonNode *node = json_object_get_member (object, "participant_ids");
  g_autoptr(GArray) ids = NULL;
  JsonArray *array;
  guint n;

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return malformed (error, "participant_ids");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      gint64 v;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64 ||
          (v = json_node_get_int (e)) <= 0)
        return malformed (error, "participant_ids");
      g_array_append_val (ids, v);
    }
  quorum_meeting_set_participants (self, (const gint64 *) (gpointer) ids->data, ids->len);
  return TRUE;
}

gboolean
quorum_meeting_update_from_json (QuorumMeeting      *self,
                                 JsonObject         *object,
                                 QuorumMeetingField *out_mask,
                                 GError            **error)
{
  QuorumMeetingField mask = 0;
  gboolean present;

#define STR(member, field, dst) \
  G_STMT_START { \
    if (!get_string (object, member, dst, &present, error)) return FALSE; \
    if (present) mask |= field; \
  } G_STMT_END

  STR ("title", QUORUM_FIELD_TITLE, &self->title);
  STR ("description", QUORUM_FIELD_DESCRIPTION, &self->description);
  STR ("agenda", QUORUM_FIELD_AGENDA, &self->agenda);
  STR ("status", QUORUM_FIELD_STATUS, &self->status);
  STR ("meeting_type", QUORUM_FIELD_MEETING_TYPE, &self->meeting_type);
  STR ("priority", QUORUM_FIELD_PRIORITY, &self->priority);
  STR ("external_location", QUORUM_FIELD_EXTERNAL_LOCATION, &self->external_location);
#undef STR

  if (!get_time (object, "start_time", &self->start_time, &present, error))
    return FALSE;
  if (present)
    mask |= QUORUM_FIELD_START_TIME;
  if (!get_time (object, "end_time", &self->end_time, &present, error))
    return FALSE;
  if (present)
    mask |= QUORUM_FIELD_END_TIME;
  if (!get_id (object, "room_id", TRUE, &self->room_id, &present, error))
    return FALSE;
  if (present)
    mask |= QUORUM_FIELD_ROOM_ID;
  if (!get_participants (object, self, &present, error))
    return FALSE;
  if (present)
    mask |= QUORUM_FIELD_PARTICIPANT_IDS;

  if (out_mask)
    *out_mask = mask;
  return TRUE;
}

QuorumMeeting *
quorum_meeting_from_json (JsonObject *object,
                          GError    **error)
{
  g_autoptr(QuorumMeeting) self = quorum_meeting_new ();
  QuorumMeetingField mask = 0;
  gboolean present;

  if (object == NULL)
    {
      g_set_error_literal (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_MALFORMED,
                           "meeting is not an object");
      return NULL;
    }
  if (!get_id (object, "id", FALSE, &self->id, &present, error))
    return NULL;
  if (!get_id (object, "organizer_id", TRUE, &self->organizer_id, &present, error))
    return NULL;
  /* quorum_meeting_to_json writes null for a version not known yet (a
   * copy that never reached the server), so null reads back as none. */
  if (json_object_has_member (object, "modified_at") &&
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, "modified_at")))
    g_clear_pointer (&self->modified_at, g_free);
  else if (!get_string (object, "modified_at", &self->modified_at, &present, error))
    return NULL;
  if (!quorum_meeting_update_from_json (self, object, &mask, error))
    return NULL;
  if ((mask & (QUORUM_FIELD_TITLE | QUORUM_FIELD_START_TIME | QUORUM_FIELD_END_TIME)) !=
      (QUORUM_FIELD_TITLE | QUORUM_FIELD_START_TIME | QUORUM_FIELD_END_TIME))
    {
      g_set_error_literal (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_MALFORMED,
                           "meeting lacks title, start_time or end_time");
      return NULL;
    }
  return g_steal_pointer (&self);
}

static void
add_id_or_null (JsonObject *object,
                const char *member,
                gint64      id)
{
  if (id > 0)
    json_object_set_int_member (object, member, id);
  else
    json_object_set_null_member (object, member);
}

static void
add_time (JsonObject *object,
          const char *member,
          gint64      us)
{
  g_autofree char *text = quorum_time_format_rfc3339 (us);

  json_object_set_string_member (object, member, text);
}

JsonObject *
quorum_meeting_to_json (const QuorumMeeting *self,
                        QuorumMeetingField   mask,
                        gboolean             with_identity)
{
  JsonObject *object = json_object_new ();

  if (with_identity)
    add_id_or_null (object, "id", self->id);
  if (mask & QUORUM_FIELD_TITLE)
    json_object_set_string_member (object, "title", self->title);
  if (mask & QUORUM_FIELD_DESCRIPTION)
    json_object_set_string_member (object, "description", self->description);
  if (mask & QUORUM_FIELD_AGENDA)
    json_object_set_string_member (object, "agenda", self->agenda);
  if (mask & QUORUM_FIELD_START_TIME)
    add_time (object, "start_time", self->start_time);
  if (mask & QUORUM_FIELD_END_TIME)
    add_time (object, "end_time", self->end_time);
  if (mask & QUORUM_FIELD_STATUS)
    json_object_set_string_member (object, "status", self->status);
  if (mask & QUORUM_FIELD_MEETING_TYPE)
    json_object_set_string_member (object, "meeting_type", self->meeting_type);
  if (mask & QUORUM_FIELD_PRIORITY)
    json_object_set_string_member (object, "priority", self->priority);
  if (mask & QUORUM_FIELD_ROOM_ID)
    add_id_or_null (object, "room_id", self->room_id);
  if (mask & QUORUM_FIELD_EXTERNAL_LOCATION)
    json_object_set_string_member (object, "external_location", self->external_location);
  if (with_identity)
    add_id_or_null (object, "organizer_id", self->organizer_id);
  if (mask & QUORUM_FIELD_PARTICIPANT_IDS)
    {
      JsonArray *array = json_array_sized_new (self->participant_ids->len);
      for (guint i = 0; i < self->participant_ids->len; i++)
        json_array_add_int_element (array, g_array_index (self->participant_ids, gint64, i));
      json_object_set_array_member (object, "participant_ids", array);
    }
  if (with_identity)
    {
      if (self->modified_at)
        json_object_set_string_member (object, "modified_at", self->modified_at);
      else
        json_object_set_null_member (object, "modified_at");
    }
  return object;
}

char *
quorum_meeting_to_json_string (const QuorumMeeting *self,
                               QuorumMeetingField   mask,
                               gboolean             with_identity)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, quorum_meeting_to_json (self, mask, with_identity));
  return json_to_string (node, FALSE);
}

QuorumMeeting *
quorum_meeting_from_json_string (const char *json,
                                 GError    **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_MALFORMED,
                           "meeting is not an object");
      return NULL;
    }
  return quorum_meeting_from_json (json_node_get_object (node), error);
}

/* Validation */

gboolean
quorum_meeting_status_valid (const char *status)
{
  return status != NULL && g_strv_contains (statuses, status);
}

gboolean
quorum_meeting_type_valid (const char *type)
{
  return type != NULL && g_strv_contains (types, type);
}

gboolean
quorum_meeting_priority_valid (const char *priority)
{
  return priority != NULL && g_strv_contains (priorities, priority);
}

gboolean
quorum_meeting_status_move_ok (const char *from,
                               const char *to)
{
  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  if (g_strcmp0 (from, "PENDING") == 0)
    return g_strcmp0 (to, "APPROVED") == 0 || g_strcmp0 (to, "CANCELLED") == 0;
  if (g_strcmp0 (from, "APPROVED") == 0)
    return g_strcmp0 (to, "COMPLETED") == 0 || g_strcmp0 (to, "CANCELLED") == 0;
  return FALSE;
}

static gboolean
invalid (GError    **error,
         const char *field,
         const char *message)
{
  g_set_error (error, QUORUM_MEETING_ERROR, QUORUM_MEETING_ERROR_INVALID,
               "%s: %s", field, message);
  return FALSE;
}

gboolean
quorum_meeting_validate (const QuorumMeeting *self,
                         GError             **error)
{
  glong len;

  if (self->title == NULL || !g_utf8_validate (self->title, -1, NULL))
    return invalid (error, "title", _("must be valid text"));
  len = g_utf8_strlen (self->title, -1);
  if (len < 1)
    return invalid (error, "title", _("must not be empty"));
  if (len > QUORUM_TITLE_MAX)
    return invalid (error, "title", _("must be at most 200 characters"));
  if (self->description && (!g_utf8_validate (self->description, -1, NULL) ||
                            g_utf8_strlen (self->description, -1) > QUORUM_TEXT_MAX))
    return invalid (error, "description", _("must be at most 5000 characters"));
  if (self->agenda && (!g_utf8_validate (self->agenda, -1, NULL) ||
                       g_utf8_strlen (self->agenda, -1) > QUORUM_TEXT_MAX))
    return invalid (error, "agenda", _("must be at most 5000 characters"));
  if (self->external_location && !g_utf8_validate (self->external_location, -1, NULL))
    return invalid (error, "external_location", _("must be valid text"));
  if (self->start_time >= self->end_time)
    return invalid (error, "end_time", _("must be after the start time"));
  if (self->end_time - self->start_time > QUORUM_MAX_DURATION)
    return invalid (error, "end_time", _("must be at most 24 hours after the start time"));
  if (!quorum_meeting_status_valid (self->status))
    return invalid (error, "status", _("must be PENDING, APPROVED, COMPLETED or CANCELLED"));
  if (!quorum_meeting_type_valid (self->meeting_type))
    return invalid (error, "meeting_type", _("must be SCHEDULED, UNSCHEDULED, EXTERNAL or INTERNAL"));
  if (!quorum_meeting_priority_valid (self->priority))
    return invalid (error, "priority", _("must be LOW, MEDIUM or HIGH"));
  if (self->room_id < 0)
    return invalid (error, "room_id", _("must be a positive id"));
  if (self->participant_ids->len > QUORUM_PARTICIPANTS_MAX)
    return invalid (error, "participant_ids", _("must name at most 200 people"));
  for (guint i = 0; i < self->participant_ids->len; i++)
    {
      gint64 v = g_array_index (self->participant_ids, gint64, i);
      if (v <= 0 || (i > 0 && g_array_index (self->participant_ids, gint64, i - 1) >= v))
        return invalid (error, "participant_ids", _("must be unique positive ids"));
    }
  return TRUE;
}

/* A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then a
 * 12-bit counter that keeps ids made in the same millisecond in order,
 * then 62 random bits.  local_id is the key of the meetings table and of
 * two indexes; ids that grow with time land at the end of those B-trees
 * instead of all over them, which made a 200,000-meeting first pull write
 * several times fewer database pages (docs/benchmarks.md). */
char *
quorum_new_local_id (void)
{
  static GMutex lock;
  static guint64 last_ms;
  static guint32 counter;
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint32 seq;
  guint64 rand_b = ((guint64) g_random_int () << 32) | g_random_int ();

  g_mutex_lock (&lock);
  if (ms <= last_ms)
    {
      /* same millisecond (or a clock step back): count on from the last */
      ms = last_ms;
      if (++counter > 0xfff)
        {
          ms = ++last_ms;
          counter = 0;
        }
    }
  else
    {
      last_ms = ms;
      counter = g_random_int_range (0, 0x400);   /* leaves room to count */
    }
  seq = counter;
  g_mutex_unlock (&lock);

  return g_strdup_printf ("local_%08x-%04x-7%03x-%04x-%012" G_GINT64_MODIFIER "x",
                          (guint32) (ms >> 16), (guint) (ms & 0xffff), seq,
                          (guint) (0x8000 | ((rand_b >> 48) & 0x3fff)),
                          rand_b & G_GUINT64_CONSTANT (0xffffffffffff));
}
