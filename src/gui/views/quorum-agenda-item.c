/* quorum-agenda-item.c — agenda rows and day grouping */
#include "quorum-agenda-item.h"
#include "quorum-week-layout.h"

struct _QuorumAgendaItem {
  GObject               parent_instance;
  QuorumAgendaItemKind  kind;
  gint64                day;
  QuorumMeeting        *meeting;
};

G_DEFINE_FINAL_TYPE (QuorumAgendaItem, quorum_agenda_item, G_TYPE_OBJECT)

static void
quorum_agenda_item_finalize (GObject *object)
{
  QuorumAgendaItem *self = QUORUM_AGENDA_ITEM (object);

  g_clear_pointer (&self->meeting, quorum_meeting_free);
  G_OBJECT_CLASS (quorum_agenda_item_parent_class)->finalize (object);
}

static void
quorum_agenda_item_class_init (QuorumAgendaItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_agenda_item_finalize;
}

static void
quorum_agenda_item_init (QuorumAgendaItem *self)
{
}

QuorumAgendaItem *
quorum_agenda_item_new_day (gint64 day_start)
{
  QuorumAgendaItem *self = g_object_new (QUORUM_TYPE_AGENDA_ITEM, NULL);

  self->kind = QUORUM_AGENDA_ITEM_DAY;
  self->day = day_start;
  return self;
}

QuorumAgendaItem *
quorum_agenda_item_new_meeting (gint64         day_start,
                                QuorumMeeting *meeting)
{
  QuorumAgendaItem *self = g_object_new (QUORUM_TYPE_AGENDA_ITEM, NULL);

  self->kind = QUORUM_AGENDA_ITEM_MEETING;
  self->day = day_start;
  self->meeting = meeting;
  return self;
}

QuorumAgendaItemKind
quorum_agenda_item_get_kind (QuorumAgendaItem *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_ITEM (self), QUORUM_AGENDA_ITEM_DAY);
  return self->kind;
}

gint64
quorum_agenda_item_get_day (QuorumAgendaItem *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_ITEM (self), 0);
  return self->day;
}

const QuorumMeeting *
quorum_agenda_item_get_meeting (QuorumAgendaItem *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_ITEM (self), NULL);
  return self->meeting;
}

void
quorum_agenda_group (GPtrArray  *items,
                     gint64     *last_day,
                     GPtrArray  *meetings,
                     gboolean    show_cancelled,
                     GTimeZone  *tz)
{
  for (guint i = 0; i < meetings->len; i++)
    {
      QuorumMeeting *m = g_ptr_array_index (meetings, i);
      gint64 day;

      if (!show_cancelled && g_strcmp0 (m->status, "CANCELLED") == 0)
        continue;
      day = quorum_day_start (m->start_time, tz);
      if (day != *last_day)
        {
          g_ptr_array_add (items, quorum_agenda_item_new_day (day));
          *last_day = day;
        }
      g_ptr_array_add (items, quorum_agenda_item_new_meeting (day, quorum_meeting_copy (m)));
    }
}

typedef struct {
  gint64         day;
  QuorumMeeting *meeting;
} DayKey;

static int
compare_day_key (gconstpointer a,
                 gconstpointer b)
{
  const DayKey *x = a, *y = b;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  if (x->meeting->start_time != y->meeting->start_time)
    return x->meeting->start_time < y->meeting->start_time ? -1 : 1;
  return g_strcmp0 (x->meeting->local_id, y->meeting->local_id);
}

void
quorum_agenda_sort_search_results (GPtrArray *meetings,
                                   GTimeZone *tz)
{
  g_autofree DayKey *keys = NULL;

  g_return_if_fail (meetings != NULL);
  if (meetings->len < 2)
    return;
  /* Each day once, not in every comparison (a time zone lookup each). */
  keys = g_new (DayKey, meetings->len);
  for (guint i = 0; i < meetings->len; i++)
    {
      keys[i].meeting = g_ptr_array_index (meetings, i);
      keys[i].day = quorum_day_start (keys[i].meeting->start_time, tz);
    }
  qsort (keys, meetings->len, sizeof (DayKey), compare_day_key);
  for (guint i = 0; i < meetings->len; i++)
    meetings->pdata[i] = keys[i].meeting;
}
