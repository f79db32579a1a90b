/* quorum-availability.c — the editor's availability line and chip marks */
#include "config.h"
#include "quorum-availability.h"
#include "quorum-api-error.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

static void
person_free (gpointer data)
{
  QuorumUnavailablePerson *p = data;

  g_free (p->name);
  g_free (p->meeting.title);
  g_free (p->meeting.when);
  g_free (p);
}

/* Moves the people of a participant_unavailable model into @self. */
static void
take_people (QuorumAvailability *self,
             QuorumErrorModel   *model)
{
  g_ptr_array_set_size (self->busy, 0);
  g_ptr_array_set_free_func (model->people, NULL);
  for (guint i = 0; i < model->people->len; i++)
    g_ptr_array_add (self->busy, g_ptr_array_index (model->people, i));
  g_ptr_array_set_size (model->people, 0);
  /* An answer without a readable list says nothing about anyone. */
  self->people_known = self->busy->len > 0;
}

static QuorumErrorModel *
model_of (const GError *error,
          GTimeZone    *tz)
{
  const QuorumApiErrorInfo *info = quorum_api_error_get_info (error);

  return quorum_error_model_new_from_object (info ? info->body : NULL, tz);
}

static char *
invalid_text_of (const GError     *error,
                 QuorumErrorModel *model)
{
  const QuorumApiErrorInfo *info = quorum_api_error_get_info (error);
  g_autofree char *reasons = NULL;

  if (model->field_errors->len > 0)
    {
      g_ptr_array_add (model->field_errors, NULL);
      reasons = g_strjoinv ("; ", (char **) model->field_errors->pdata);
      g_ptr_array_remove_index (model->field_errors, model->field_errors->len - 1);
    }
  else if (info && info->message && *info->message)
    reasons = g_strdup (info->message);
  if (reasons == NULL)
    return g_strdup (_("The server did not check the room and people: it refused the meeting as it is."));
  /* Translators: %s is the server's reasons, e.g. "title: This field is required." */
  return g_strdup_printf (_("The server did not check the room and people: %s"), reasons);
}

QuorumAvailability *
quorum_availability_new_from_check (const GError *error,
                                    GTimeZone    *tz)
{
  QuorumAvailability *self = g_new0 (QuorumAvailability, 1);
  g_autoptr(QuorumErrorModel) model = NULL;

  self->busy = g_ptr_array_new_with_free_func (person_free);
  if (error == NULL)
    {
      self->people_known = TRUE;
      return self;
    }
  if (error->domain != QUORUM_API_ERROR)
    {
      self->fallback = TRUE;
      return self;
    }
  switch (error->code)
    {
    case QUORUM_API_ERROR_MEETING_CONFLICT:
      model = model_of (error, tz);
      self->room_booked = TRUE;
      if (model->has_existing)
        {
          self->room_meeting = model->existing;
          memset (&model->existing, 0, sizeof model->existing);
        }
      break;
    case QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE:
      model = model_of (error, tz);
      take_people (self, model);
      break;
    case QUORUM_API_ERROR_VALIDATION:
      model = model_of (error, tz);
      self->invalid = TRUE;
      self->invalid_text = invalid_text_of (error, model);
      break;
    default:
      /* Network, server, auth, rate limit, 403/404 ...: no answer about
       * availability, so the replica speaks. */
      self->fallback = TRUE;
      break;
    }
  return self;
}

void
quorum_availability_add_people_check (QuorumAvailability *self,
                                      const GError       *error,
                                      GTimeZone          *tz)
{
  g_return_if_fail (self != NULL);

  if (error == NULL)
    {
      g_ptr_array_set_size (self->busy, 0);
      self->people_known = TRUE;
    }
  else if (g_error_matches (error, QUORUM_API_ERROR, QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE))
    {
      g_autoptr(QuorumErrorModel) model = model_of (error, tz);

      take_people (self, model);
    }
}

gboolean
quorum_availability_needs_people_check (const QuorumAvailability *self)
{
  return self->room_booked && !self->people_known;
}

gboolean
quorum_availability_is_problem (const QuorumAvailability *self)
{
  return self->invalid || self->room_booked || (self->people_known && self->busy->len > 0);
}

static char *
person_name (const QuorumUnavailablePerson *p,
             QuorumNameFunc                 user_name,
             gpointer                       user_data)
{
  if (p->name != NULL && *p->name != '\0')
    return g_strdup (p->name);
  if (user_name != NULL)
    return user_name (p->user_id, user_data);
  return g_strdup_printf (_("Unknown (#%lld)"), (long long) p->user_id);
}

static void
append_sentence (GString    *out,
                 const char *sentence)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, sentence);
}

char *
quorum_availability_text (const QuorumAvailability *self,
                          gboolean                  has_room,
                          guint                     n_participants,
                          QuorumNameFunc            user_name,
                          gpointer                  user_data)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean people_free = self->people_known && self->busy->len == 0 && n_participants > 0;

  g_return_val_if_fail (!self->fallback, NULL);

  if (self->invalid)
    return g_strdup (self->invalid_text);

  if (has_room && self->room_booked)
    {
      g_autofree char *s = NULL;

      if (self->room_meeting.title != NULL && self->room_meeting.when && *self->room_meeting.when)
        /* Translators: the room is taken by “title” (day, 10:00–11:00) */
        s = g_strdup_printf (_("The room is booked by “%s” (%s)."),
                             self->room_meeting.title, self->room_meeting.when);
      else if (self->room_meeting.title != NULL)
        s = g_strdup_printf (_("The room is booked by “%s”."), self->room_meeting.title);
      else
        s = g_strdup (_("The room is booked then."));
      append_sentence (out, s);
    }
  else if (has_room && people_free)
    return g_strdup (_("The room and everyone are free then."));
  else if (has_room)
    append_sentence (out, _("The room is free then."));

  if (people_free)
    append_sentence (out, _("Everyone is free then."));
  for (guint i = 0; self->people_known && i < self->busy->len; i++)
    {
      const QuorumUnavailablePerson *p = g_ptr_array_index (self->busy, i);
      g_autofree char *name = person_name (p, user_name, user_data);
      g_autofree char *s = NULL;

      if (p->meeting.when && *p->meeting.when)
        /* Translators: a person is in “another meeting” (day, 10:30–11:30) */
        s = g_strdup_printf (_("%s is in “%s” (%s)."), name, p->meeting.title, p->meeting.when);
      else
        s = g_strdup_printf (_("%s is in “%s”."), name, p->meeting.title);
      append_sentence (out, s);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
quorum_availability_chip_state (const QuorumAvailability *self,
                                gint64                    user_id,
                                const char               *replica_state)
{
  if (self == NULL || self->fallback || !self->people_known)
    return replica_state;
  for (guint i = 0; i < self->busy->len; i++)
    if (((QuorumUnavailablePerson *) g_ptr_array_index (self->busy, i))->user_id == user_id)
      return "busy";
  return "free";
}

void
quorum_availability_free (QuorumAvailability *self)
{
  if (self == NULL)
    return;
  g_free (self->invalid_text);
  g_free (self->room_meeting.title);
  g_free (self->room_meeting.when);
  g_clear_pointer (&self->busy, g_ptr_array_unref);
  g_free (self);
}

char *
quorum_availability_replica_text (const char *title,
                                  const char *when,
                                  const char *as_of)
{
  if (title != NULL)
    /* Translators: the room is taken by “title” at a time; "as of" the last sync */
    return as_of ? g_strdup_printf (_("The room is booked by “%s” (%s), as of %s."), title, when, as_of)
                 : g_strdup_printf (_("The room is booked by “%s” (%s), as far as this computer knows."),
                                    title, when);
  return as_of ? g_strdup_printf (_("The room is free then, as of %s."), as_of)
               : g_strdup (_("The room is free then, as far as this computer knows."));
}

const char *
quorum_availability_checking_text (void)
{
  return _("Checking…");
}
