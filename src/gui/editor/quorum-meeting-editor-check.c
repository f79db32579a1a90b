/* quorum-meeting-editor-check.c — the availability line, asked of the
 * server or the replica */
#include "config.h"
#include "quorum-meeting-editor-check.h"
#include "quorum-meeting-editor-participants.h"
#include "quorum-meeting-editor-rooms.h"
#include "quorum-account-model.h"
#include "quorum-sync-status.h"
#include "quorum-format.h"

/* Long enough that typing "10:30" sends one request, short enough to feel live. */
#define CHECK_DELAY_MS 400

static char *
last_sync_clock (QuorumMeetingEditor *self)
{
  g_autofree char *last = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 us = self->engine ? quorum_sync_engine_get_last_success (self->engine) : 0;

  if (us <= 0)
    {
      last = quorum_store_get_state (self->store, "last_success");
      us = quorum_sync_parse_last_success (last);
    }
  return us > 0 ? quorum_format_clock (us, tz) : NULL;
}

static void
set_overlap (QuorumMeetingEditor *self,
             const char          *text,
             const char          *css_class)
{
  /* Plain text always: meeting titles come from the server or other users. */
  gtk_widget_remove_css_class (self->overlap_label, "inline-error");
  gtk_widget_remove_css_class (self->overlap_label, "dim-label");
  gtk_widget_set_visible (self->overlap_label, text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->overlap_label), text);
  if (css_class != NULL)
    gtk_widget_add_css_class (self->overlap_label, css_class);
}

/* Offline, or when the server gave no answer: the replica, and when it
 * was last brought up to date. */
static void
show_replica_answer (QuorumMeetingEditor *self)
{
  g_autoptr(GPtrArray) busy = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *as_of = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const QuorumMeeting *other;
  gint64 start, end, room = _quorum_meeting_editor_selected_room (self);

  g_clear_pointer (&self->availability, quorum_availability_free);
  if (room == 0 || !_quorum_meeting_editor_current_times (self, &start, &end))
    {
      self->check_source = NULL;
      set_overlap (self, NULL, NULL);
      _quorum_meeting_editor_refresh_chips (self);
      _quorum_meeting_editor_rebuild_rooms (self);
      return;
    }
  busy = quorum_store_list_busy (self->store, 0, room, start, end, NULL);
  other = _quorum_meeting_editor_first_conflict (self, busy);
  as_of = last_sync_clock (self);
  if (other != NULL)
    when = quorum_format_range (other->start_time, other->end_time, tz);
  text = quorum_availability_replica_text (other ? other->title : NULL, when, as_of);
  self->check_source = "replica";
  set_overlap (self, text, other ? "inline-error" : NULL);
  _quorum_meeting_editor_refresh_chips (self);
  _quorum_meeting_editor_rebuild_rooms (self);
}

/* The API to ask when signed in and the last round reached the server;
 * NULL means the replica answers. */
static QuorumApi *
online_api (QuorumMeetingEditor *self)
{
  QuorumAccount *account;
  QuorumAuth *auth;

  if (self->engine == NULL || self->read_only)
    return NULL;
  account = quorum_sync_engine_get_account (self->engine);
  if (!quorum_sync_is_online (quorum_account_is_configured (account),
                              quorum_sync_engine_get_state (self->engine)))
    return NULL;
  auth = quorum_account_get_auth (account);
  if (auth == NULL || !quorum_auth_get_logged_in (auth))
    return NULL;
  return quorum_account_get_api (account);
}

void
_quorum_meeting_editor_cancel_check (QuorumMeetingEditor *self)
{
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

static char *
name_for_text (gint64   id,
               gpointer user_data)
{
  return _quorum_meeting_editor_user_label (user_data, id);
}

static void
apply_availability (QuorumMeetingEditor *self,
                    QuorumAvailability  *availability,
                    const QuorumMeeting *checked)
{
  g_autofree char *text = NULL;

  if (availability->fallback)
    {
      quorum_availability_free (availability);
      show_replica_answer (self);
      return;
    }
  g_clear_pointer (&self->availability, quorum_availability_free);
  self->availability = availability;
  self->checked_room = checked->room_id;
  self->checked_start = checked->start_time;
  self->checked_end = checked->end_time;
  text = quorum_availability_text (availability, _quorum_meeting_editor_selected_room (self) != 0,
                                   self->participants->len,
                                   name_for_text, self);
  self->check_source = "server";
  set_overlap (self, text, quorum_availability_is_problem (availability) ? "inline-error" : NULL);
  _quorum_meeting_editor_refresh_chips (self);
  _quorum_meeting_editor_rebuild_rooms (self);
}

typedef struct {
  QuorumMeetingEditor *self;          /* a reference: the answer may outlive the window */
  GCancellable        *cancellable;
  JsonObject          *people_body;   /* the draft without its room, or NULL */
  QuorumMeeting       *draft;         /* what is asked about */
  QuorumAvailability  *availability;  /* after the first answer */
} CheckCall;

static void
check_call_free (CheckCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_clear_pointer (&call->people_body, json_object_unref);
  g_clear_pointer (&call->draft, quorum_meeting_free);
  g_clear_pointer (&call->availability, quorum_availability_free);
  g_free (call);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckCall *call = user_data;
  QuorumMeetingEditor *self = call->self;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GError) error = NULL;

  quorum_api_check_finish (QUORUM_API (source), result, &error);
  /* A newer edit (or closing the window) cancelled this one. */
  if (g_cancellable_is_cancelled (call->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_call_free (call);
      return;
    }
  if (error != NULL)
    g_debug ("check: %s", error->message);

  if (call->availability == NULL)
    {
      call->availability = quorum_availability_new_from_check (error, tz);
      if (call->people_body != NULL && quorum_availability_needs_people_check (call->availability))
        {
          g_autoptr(JsonObject) body = g_steal_pointer (&call->people_body);
          GCancellable *cancellable = call->cancellable;

          quorum_api_check_async (QUORUM_API (source), body, cancellable, on_check_done, call);
          return;
        }
    }
  else
    quorum_availability_add_people_check (call->availability, error, tz);

  if (self->check_cancellable == call->cancellable)
    g_clear_object (&self->check_cancellable);
  apply_availability (self, g_steal_pointer (&call->availability), call->draft);
  check_call_free (call);
}

static JsonObject *
check_body (QuorumMeetingEditor *self,
            const QuorumMeeting *draft)
{
  JsonObject *body = quorum_meeting_to_json (draft, QUORUM_FIELD_ALL, FALSE);
  g_autofree char *title = g_strstrip (g_strdup (draft->title ? draft->title : ""));

  /* The question is about time, room and people; a title not typed yet
   * must not turn it into a validation error (saving still asks for one). */
  if (*title == '\0')
    json_object_set_string_member (body, "title", "-");
  if (self->original != NULL && self->original->id > 0)
    json_object_set_int_member (body, "id", self->original->id);
  return body;
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  QuorumMeetingEditor *self = user_data;
  QuorumApi *api = online_api (self);
  g_autoptr(QuorumMeeting) draft = NULL;
  g_autoptr(JsonObject) body = NULL;
  GCancellable *cancellable;
  CheckCall *call;

  self->check_timeout = 0;
  draft = api ? _quorum_meeting_editor_collect (self, NULL) : NULL;
  if (draft == NULL)
    {
      show_replica_answer (self);
      return G_SOURCE_REMOVE;
    }
  body = check_body (self, draft);
  call = g_new0 (CheckCall, 1);
  call->self = g_object_ref (self);
  self->check_cancellable = g_cancellable_new ();
  call->cancellable = g_object_ref (self->check_cancellable);
  if (draft->room_id != 0 && draft->participant_ids && draft->participant_ids->len > 0)
    {
      call->people_body = check_body (self, draft);
      json_object_set_null_member (call->people_body, "room_id");
    }
  call->draft = g_steal_pointer (&draft);
  cancellable = call->cancellable;
  quorum_api_check_async (api, body, cancellable, on_check_done, call);
  return G_SOURCE_REMOVE;
}

/* After every edit of time, room or participants: online, a check a
 * moment after the typing stops, replacing the one in flight; offline,
 * the replica at once. */
void
_quorum_meeting_editor_update_availability (QuorumMeetingEditor *self)
{
  gint64 start, end;

  _quorum_meeting_editor_cancel_check (self);
  self->was_online = online_api (self) != NULL;
  if (!self->was_online || !_quorum_meeting_editor_current_times (self, &start, &end) ||
      (_quorum_meeting_editor_selected_room (self) == 0 && self->participants->len == 0))
    {
      show_replica_answer (self);
      return;
    }
  /* The last answer is about another draft: the chips fall back to the
   * replica until the new one comes. */
  g_clear_pointer (&self->availability, quorum_availability_free);
  self->check_source = "checking";
  set_overlap (self, quorum_availability_checking_text (), "dim-label");
  _quorum_meeting_editor_refresh_chips (self);
  self->check_timeout = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

void
_quorum_meeting_editor_engine_state_changed (QuorumMeetingEditor *self)
{
  /* Only a change between online and offline asks again. */
  if ((online_api (self) != NULL) != self->was_online)
    _quorum_meeting_editor_update_availability (self);
}

const char *
quorum_meeting_editor_get_overlap_text (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return gtk_widget_get_visible (self->overlap_label) ? gtk_label_get_text (GTK_LABEL (self->overlap_label)) : NULL;
}

gboolean
quorum_meeting_editor_is_checking (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), FALSE);
  return self->check_timeout != 0 || self->check_cancellable != NULL;
}

const char *
quorum_meeting_editor_get_check_source (QuorumMeetingEditor *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_EDITOR (self), NULL);
  return self->check_source;
}
