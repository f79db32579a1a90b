/* quorum-agenda-model.c — paged agenda rows over the replica */
#include "quorum-agenda-model.h"
#include "quorum-week-layout.h"

struct _QuorumAgendaModel {
  GObject      parent_instance;
  QuorumStore *store;
  GTimeZone   *tz;
  GPtrArray   *items;          /* QuorumAgendaItem*: the rows the view has */
  GPtrArray   *queue;          /* read but not handed over yet (owned refs) */
  gint64       anchor;         /* local midnight */
  gint64       loaded_until;   /* end of the last window read */
  gint64       last_day;       /* day of the last heading */
  char        *search;
  gboolean     show_cancelled;
  guint        n_queries;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QuorumAgendaModel, quorum_agenda_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return QUORUM_TYPE_AGENDA_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return QUORUM_AGENDA_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  QuorumAgendaModel *self = QUORUM_AGENDA_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
quorum_agenda_model_finalize (GObject *object)
{
  QuorumAgendaModel *self = QUORUM_AGENDA_MODEL (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  G_OBJECT_CLASS (quorum_agenda_model_parent_class)->finalize (object);
}

static void
quorum_agenda_model_class_init (QuorumAgendaModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_agenda_model_finalize;
}

static void
quorum_agenda_model_init (QuorumAgendaModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  /* Also owns its rows; moved out of it with remove_range, which then must
   * not unref them: see take_queued(). */
  self->queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_day = G_MININT64;
}

static gboolean
searching (QuorumAgendaModel *self)
{
  return self->search != NULL && *self->search != '\0';
}

/* Reads one window [from, to) into the queue; returns how many rows came. */
static guint
read_window (QuorumAgendaModel *self,
             gint64             from,
             gint64             to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) starting = g_ptr_array_new ();
  guint before = self->queue->len;

  self->n_queries++;
  meetings = quorum_store_list_meetings (self->store, from, to, &error);
  if (meetings == NULL)
    {
      g_warning ("Agenda: cannot read meetings: %s", error->message);
      return 0;
    }
  /* The store returns meetings overlapping the window; list each under the
   * day it starts, so one crossing midnight into the next window is not
   * listed twice. */
  for (guint i = 0; i < meetings->len; i++)
    {
      QuorumMeeting *m = g_ptr_array_index (meetings, i);

      if (m->start_time >= from && m->start_time < to)
        g_ptr_array_add (starting, m);
    }
  quorum_agenda_group (self->queue, &self->last_day, starting, self->show_cancelled, self->tz);
  return self->queue->len - before;
}

/* Appends the next page without telling the view: whole days from
 * loaded_until until the page holds QUORUM_AGENDA_PAGE_ROWS rows or the
 * horizon is reached.  The first window is one day and each next one
 * twice as long (up to QUORUM_AGENDA_PAGE_MAX_DAYS): a busy replica (800
 * meetings a day) reads one day, about 8 ms on the main thread, where a
 * week took 40-50 ms and showed as a late frame while scrolling; a
 * sparse one still reaches the horizon in a dozen queries. */
static gboolean
windows_left (QuorumAgendaModel *self)
{
  return self->store != NULL && !searching (self) &&
         self->loaded_until < quorum_day_add (self->anchor, QUORUM_AGENDA_HORIZON_DAYS, self->tz);
}

static guint
read_page (QuorumAgendaModel *self)
{
  guint before = self->queue->len;
  guint days = 1;

  while (self->queue->len - before < QUORUM_AGENDA_PAGE_ROWS && windows_left (self))
    {
      gint64 horizon = quorum_day_add (self->anchor, QUORUM_AGENDA_HORIZON_DAYS, self->tz);
      gint64 from = self->loaded_until;
      gint64 to = MIN (quorum_day_add (from, days, self->tz), horizon);

      read_window (self, from, to);
      self->loaded_until = to;
      days = MIN (days * 2, QUORUM_AGENDA_PAGE_MAX_DAYS);
    }
  return self->queue->len - before;
}

/* Moves up to @n queued rows to the end of @to; returns how many. */
static guint
take_queued (QuorumAgendaModel *self,
             GPtrArray         *to,
             guint              n)
{
  n = MIN (n, self->queue->len);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (to, g_ptr_array_index (self->queue, i));
  /* The references moved with the pointers. */
  g_ptr_array_set_free_func (self->queue, NULL);
  g_ptr_array_remove_range (self->queue, 0, n);
  g_ptr_array_set_free_func (self->queue, g_object_unref);
  return n;
}

static void
replace_all (QuorumAgendaModel *self,
             GPtrArray         *new_items)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (new_items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

/* Reads again from the anchor (or searches again) and hands the view, in
 * one change, as many rows as it had when @keep_shown (the replica
 * changed: the list stays where it was) or QUORUM_AGENDA_SHOW_ROWS (a new
 * day or search; GtkListView makes a row widget for up to 200 of them at
 * once, 0.5 ms each, so a day of 800 would cost a 100 ms frame). */
static void
refill (QuorumAgendaModel *self,
        gboolean           keep_shown)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 until = self->loaded_until;
  guint show = keep_shown ? MAX (self->items->len, QUORUM_AGENDA_SHOW_ROWS) : QUORUM_AGENDA_SHOW_ROWS;

  if (self->store == NULL)
    return;

  g_ptr_array_set_size (self->queue, 0);
  self->last_day = G_MININT64;
  if (searching (self))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;

      self->n_queries++;
      found = quorum_store_search_meetings (self->store, self->search,
                                            QUORUM_AGENDA_SEARCH_LIMIT, &error);
      if (found != NULL)
        {
          quorum_agenda_sort_search_results (found, self->tz);
          quorum_agenda_group (self->queue, &self->last_day, found, self->show_cancelled, self->tz);
        }
      else
        g_warning ("Agenda: search failed: %s", error->message);
    }
  else
    {
      self->loaded_until = self->anchor;
      if (until > self->anchor)
        {
          read_window (self, self->anchor, until);
          self->loaded_until = until;
        }
      else
        read_page (self);   /* a new anchor: its first page, in the same change */
    }
  take_queued (self, fresh, show);
  replace_all (self, fresh);
}

QuorumAgendaModel *
quorum_agenda_model_new (QuorumStore *store,
                         GTimeZone   *tz)
{
  QuorumAgendaModel *self = g_object_new (QUORUM_TYPE_AGENDA_MODEL, NULL);

  self->store = store ? g_object_ref (store) : NULL;
  self->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  self->anchor = quorum_day_start (g_get_real_time (), self->tz);
  self->loaded_until = self->anchor;
  return self;
}

void
quorum_agenda_model_set_anchor (QuorumAgendaModel *self,
                                gint64             us)
{
  g_return_if_fail (QUORUM_IS_AGENDA_MODEL (self));

  self->anchor = quorum_day_start (us, self->tz);
  self->loaded_until = self->anchor;
  refill (self, FALSE);
}

gint64
quorum_agenda_model_get_anchor (QuorumAgendaModel *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_MODEL (self), 0);
  return self->anchor;
}

void
quorum_agenda_model_set_show_cancelled (QuorumAgendaModel *self,
                                        gboolean           show)
{
  g_return_if_fail (QUORUM_IS_AGENDA_MODEL (self));

  if (self->show_cancelled == !!show)
    return;
  self->show_cancelled = !!show;
  refill (self, TRUE);
}

void
quorum_agenda_model_set_search (QuorumAgendaModel *self,
                                const char        *text)
{
  g_return_if_fail (QUORUM_IS_AGENDA_MODEL (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  if (!searching (self))
    self->loaded_until = self->anchor;
  refill (self, FALSE);
}

gboolean
quorum_agenda_model_has_more (QuorumAgendaModel *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_MODEL (self), FALSE);

  return self->queue->len > 0 || windows_left (self);
}

gboolean
quorum_agenda_model_load_more (QuorumAgendaModel *self)
{
  guint before, added;

  g_return_val_if_fail (QUORUM_IS_AGENDA_MODEL (self), FALSE);

  before = self->items->len;
  if (self->queue->len == 0)
    read_page (self);
  added = take_queued (self, self->items, QUORUM_AGENDA_SHOW_ROWS);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, added);
  return quorum_agenda_model_has_more (self);
}

void
quorum_agenda_model_reload (QuorumAgendaModel *self)
{
  g_return_if_fail (QUORUM_IS_AGENDA_MODEL (self));
  refill (self, TRUE);
}

guint
quorum_agenda_model_get_n_queries (QuorumAgendaModel *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_MODEL (self), 0);
  return self->n_queries;
}
