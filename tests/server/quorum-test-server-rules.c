/* quorum-test-server-rules.c — the meeting rules of server-api.md §4:
 * field validation, status moves, room double booking and participant
 * availability. */


#include <stdlib.h>

#include "quorum-test-server-private.h"

#define MAX_DURATION_US ((gint64) 24 * 3600 * G_USEC_PER_SEC)

static const char * const statuses[] = { "PENDING", "APPROVED", "COMPLETED", "CANCELLED", NULL };
static const char * const types[] = { "SCHEDULED", "UNSCHEDULED", "EXTERNAL", "INTERNAL", NULL };
static const char * const priorities[] = { "LOW", "MEDIUM", "HIGH", NULL };

static const char *
enum_lookup (const char * const *table,
             const char         *value)
{
  for (guint i = 0; table[i] != NULL; i++)
    if (g_str_equal (table[i], value))
      return table[i];
  return NULL;
}

static gboolean
status_move_allowed (const char *from,
                     const char *to)
{
  if (g_str_equal (from, to))
    return TRUE;
  if (g_str_equal (from, "PENDING"))
    return g_str_equal (to, "APPROVED") || g_str_equal (to, "CANCELLED");
  if (g_str_equal (from, "APPROVED"))
    return g_str_equal (to, "COMPLETED") || g_str_equal (to, "CANCELLED");
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Returns the string member, or NULL (with a field error) when the member is
 * present but not a string. @present tells whether it was there at all. */
static const char *
get_string (JsonObject *fields,
            const char *member,
            JsonObject *error,
            gboolean   *present)
{
  JsonNode *node = json_object_get_member (fields, member);

  *present = node != NULL;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ts_field_error_add (error, member, "Geçerli bir metin girin.");
      return NULL;
    }
  return json_node_get_string (node);
}

static void
replace_string (char       **slot,
                const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
apply_enum (JsonObject          *fields,
            const char          *member,
            const char * const  *table,
            const char         **slot,
            JsonObject          *error)
{
  gboolean present;
  const char *value = get_string (fields, member, error, &present);
  const char *known;

  if (value == NULL)
    return;
  known = enum_lookup (table, value);
  if (known == NULL)
    {
      g_autofree char *message = g_strdup_printf ("\"%s\" geçerli bir seçim değil.", value);

      ts_field_error_add (error, member, message);
      return;
    }
  *slot = known;
}

static void
apply_time (JsonObject *fields,
            const char *member,
            gint64     *slot,
            JsonObject *error)
{
  gboolean present;
  const char *value = get_string (fields, member, error, &present);

  if (value == NULL)
    return;
  if (!quorum_test_server_parse_time (value, slot))
    ts_field_error_add (error, member,
                        "Geçersiz tarih/saat biçimi. RFC 3339 biçiminde bir zaman girin.");
}

static void
apply_participants (QuorumTestServer *self,
                    JsonObject       *fields,
                    TsMeeting        *draft,
                    JsonObject       *error)
{
  JsonNode *node = json_object_get_member (fields, "participant_ids");
  JsonArray *array;
  g_autoptr(GArray) ids = NULL;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ts_field_error_add (error, "participant_ids", "Bir liste bekleniyordu.");
      return;
    }
  array = json_node_get_array (node);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      TsUser *user;
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        {
          ts_field_error_add (error, "participant_ids", "Geçerli bir tam sayı girin.");
          return;
        }
      id = json_node_get_int (element);
      user = ts_user_lookup (self, id);
      if (user == NULL || !user->is_active)
        {
          g_autofree char *message =
            g_strdup_printf ("Geçersiz pk \"%" G_GINT64_FORMAT "\" - nesne mevcut değil.", id);

          ts_field_error_add (error, "participant_ids", message);
          return;
        }
      g_array_append_val (ids, id);
    }
  /* The server sorts and removes repeats: the client may send any order. */
  g_array_sort (ids, compare_ids);
  for (guint i = 1; i < ids->len;)
    if (g_array_index (ids, gint64, i) == g_array_index (ids, gint64, i - 1))
      g_array_remove_index (ids, i);
    else
      i++;
  if (ids->len > 200)
    {
      ts_field_error_add (error, "participant_ids", "En fazla 200 katılımcı olabilir.");
      return;
    }
  g_array_unref (draft->participants);
  draft->participants = g_steal_pointer (&ids);
}

static void
apply_room (QuorumTestServer *self,
            JsonObject       *fields,
            TsMeeting        *draft,
            JsonObject       *error)
{
  JsonNode *node = json_object_get_member (fields, "room_id");
  TsRoom *room;
  gint64 id;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      draft->room_id = 0;
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      ts_field_error_add (error, "room_id", "Geçerli bir tam sayı girin.");
      return;
    }
  id = json_node_get_int (node);
  room = ts_room_lookup (self, id);
  if (room == NULL || !room->is_active)
    {
      g_autofree char *message =
        g_strdup_printf ("Geçersiz pk \"%" G_GINT64_FORMAT "\" - nesne mevcut değil.", id);

      ts_field_error_add (error, "room_id", message);
      return;
    }
  draft->room_id = id;
}

static void
apply_text (JsonObject *fields,
            const char *member,
            char      **slot,
            glong       max_chars,
            JsonObject *error)
{
  gboolean present;
  const char *value = get_string (fields, member, error, &present);

  if (value == NULL)
    return;
  /* Characters, not bytes: "Ş" is one character of a 200-character title. */
  if (max_chars > 0 && g_utf8_strlen (value, -1) > max_chars)
    {
      g_autofree char *message =
        g_strdup_printf ("Bu alan en fazla %ld karakter olabilir.", max_chars);

      ts_field_error_add (error, member, message);
      return;
    }
  replace_string (slot, value);
}

static JsonObject *
check_clashes (QuorumTestServer *self,
               const TsMeeting  *draft,
               gboolean          ignore_unavailable,
               gint64            exclude_a,
               gint64            exclude_b)
{
  g_autofree const TsMeeting **first = NULL;
  const TsMeeting *room_clash = NULL;
  guint n = draft->participants->len;
  gboolean any = FALSE;

  if (g_str_equal (draft->status, "CANCELLED"))
    return NULL;
  first = g_new0 (const TsMeeting *, MAX (n, 1));

  for (guint i = 0; i < self->meetings->len; i++)
    {
      const TsMeeting *other = g_ptr_array_index (self->meetings, i);

      if (other->deleted || other->id == exclude_a || other->id == exclude_b ||
          other->id == draft->id || g_str_equal (other->status, "CANCELLED") ||
          !(other->start < draft->end && draft->start < other->end))
        continue;
      if (draft->room_id > 0 && other->room_id == draft->room_id && room_clash == NULL)
        room_clash = other;
      if (!ignore_unavailable)
        for (guint p = 0; p < n; p++)
          if (first[p] == NULL &&
              bsearch (&g_array_index (draft->participants, gint64, p),
                       other->participants->data, other->participants->len,
                       sizeof (gint64), compare_ids) != NULL)
            {
              first[p] = other;
              any = TRUE;
            }
    }

  if (room_clash != NULL)
    {
      JsonObject *error = ts_error_new ("meeting_conflict", "Toplantı çakışması tespit edildi");
      JsonObject *details = json_object_new ();

      json_object_set_object_member (details, "existing_meeting", ts_meeting_summary (room_clash));
      json_object_set_object_member (error, "conflict_details", details);
      return error;
    }
  if (any)
    {
      JsonObject *error = ts_error_new ("participant_unavailable", "Katılımcı(lar) müsait değil");
      JsonArray *list = json_array_new ();

      for (guint p = 0; p < n; p++)
        if (first[p] != NULL)
          {
            JsonObject *entry = json_object_new ();
            gint64 id = g_array_index (draft->participants, gint64, p);
            TsUser *user = ts_user_lookup (self, id);

            json_object_set_int_member (entry, "id", id);
            json_object_set_string_member (entry, "name", user ? user->name : "");
            json_object_set_object_member (entry, "conflict_meeting", ts_meeting_summary (first[p]));
            json_array_add_object_element (list, entry);
          }
      json_object_set_array_member (error, "unavailable_participants", list);
      return error;
    }
  return NULL;
}

JsonObject *
ts_meeting_prepare (QuorumTestServer *self,
                    const TsMeeting  *base,
                    gint64            organizer_id,
                    JsonObject       *fields,
                    gboolean          check,
                    gboolean          ignore_unavailable,
                    gint64            exclude_a,
                    gint64            exclude_b,
                    TsMeeting       **out_draft,
                    guint            *out_status)
{
  g_autoptr(TsMeeting) draft = base ? ts_meeting_copy (base) : ts_meeting_new ();
  g_autoptr(JsonObject) error = ts_validation_error (NULL, NULL);
  JsonObject *clash;
  gboolean creating = base == NULL;

  if (creating)
    {
      draft->organizer_id = organizer_id;
      for (const char * const *m = (const char * const[]) { "title", "start_time", "end_time", NULL };
           *m != NULL; m++)
        if (!json_object_has_member (fields, *m))
          ts_field_error_add (error, *m, "Bu alan zorunludur.");
    }

  apply_text (fields, "title", &draft->title, 200, error);
  apply_text (fields, "description", &draft->description, 5000, error);
  apply_text (fields, "agenda", &draft->agenda, 5000, error);
  apply_text (fields, "external_location", &draft->external_location, 0, error);
  apply_time (fields, "start_time", &draft->start, error);
  apply_time (fields, "end_time", &draft->end, error);
  apply_enum (fields, "status", statuses, &draft->status, error);
  apply_enum (fields, "meeting_type", types, &draft->meeting_type, error);
  apply_enum (fields, "priority", priorities, &draft->priority, error);
  apply_room (self, fields, draft, error);
  apply_participants (self, fields, draft, error);

  if (json_object_has_member (fields, "title") && draft->title[0] == '\0')
    ts_field_error_add (error, "title", "Bu alan boş bırakılamaz.");
  if (draft->start >= draft->end &&
      json_object_has_member (fields, "start_time") | json_object_has_member (fields, "end_time"))
    ts_field_error_add (error, "end_time", "Bitiş zamanı başlangıç zamanından sonra olmalı.");
  else if (draft->end - draft->start > MAX_DURATION_US)
    ts_field_error_add (error, "end_time", "Toplantı en fazla 24 saat sürebilir.");
  if (creating && !g_str_equal (draft->status, "PENDING") && !g_str_equal (draft->status, "APPROVED"))
    ts_field_error_add (error, "status", "Yeni bir toplantı PENDING veya APPROVED olmalı.");
  if (!creating && !status_move_allowed (base->status, draft->status))
    {
      g_autofree char *message = g_strdup_printf ("%s durumundan %s durumuna geçilemez.",
                                                  base->status, draft->status);

      ts_field_error_add (error, "status", message);
    }

  if (json_object_get_size (json_object_get_object_member (error, "fields")) > 0)
    {
      *out_status = 400;
      return g_steal_pointer (&error);
    }
  if (check && (clash = check_clashes (self, draft, ignore_unavailable, exclude_a, exclude_b)) != NULL)
    {
      *out_status = 409;
      return clash;
    }
  *out_draft = g_steal_pointer (&draft);
  return NULL;
}
