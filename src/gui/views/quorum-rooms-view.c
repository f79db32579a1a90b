/* quorum-rooms-view.c — the rooms of the replica for one day */
#include "config.h"
#include "quorum-rooms-view.h"
#include "quorum-week-view.h"
#include "quorum-week-layout.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _QuorumRoomsView {
  GtkWidget       parent_instance;
  QuorumStore    *store;
  GtkWidget      *box;
  GtkWidget      *filter_entry; /* shown when not every room fits, or in use */
  char           *filter;
  GtkWidget      *pager;        /* shown when not every room fits */
  GtkWidget      *page_label;
  GtkWidget      *stack;
  QuorumTimeGrid *grid;
  gint64          date;
  gboolean        show_cancelled;
  guint           n_rooms;      /* active rooms the filter lets through, as of the last reload */
  guint           n_all;        /* active rooms */
  guint           per_page;     /* columns that fit; 0 before the first allocation: all */
  guint           first;        /* the first room shown */
  gboolean        stale;        /* changed while hidden: reload at the next allocation */
};

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { MEETING_ACTIVATED, NEW_MEETING_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumRoomsView, quorum_rooms_view, GTK_TYPE_WIDGET)

/* A room's name and seats stay readable down to this; narrower, the
 * rooms are paged instead of scrolled sideways (a 360 px window shows two). */
#define ROOM_COLUMN_WIDTH 110

static guint
shown_per_page (QuorumRoomsView *self)
{
  return self->per_page > 0 ? MIN (self->per_page, MAX (self->n_rooms, 1)) : MAX (self->n_rooms, 1);
}

static void
update_pager (QuorumRoomsView *self,
              guint            shown)
{
  g_autofree char *text = NULL;
  gboolean paged = shown < self->n_rooms;

  gtk_widget_set_visible (self->pager, paged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rooms.previous", paged && self->first > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rooms.next", paged && self->first + shown < self->n_rooms);
  if (!paged)
    return;
  /* Translators: the rooms shown of all rooms, e.g. "Rooms 1–2 of 3" */
  text = g_strdup_printf (_("Rooms %u–%u of %u"), self->first + 1, self->first + shown, self->n_rooms);
  gtk_label_set_text (GTK_LABEL (self->page_label), text);
}

static gboolean
room_wanted (QuorumRoomsView *self,
             JsonObject      *room)
{
  return quorum_rooms_name_matches (json_object_get_string_member_with_default (room, "name", ""),
                                    self->filter);
}

void
quorum_rooms_view_reload (QuorumRoomsView *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();   /* borrowed from @rooms */
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (QuorumGridColumn));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_room = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  gint64 day = quorum_day_start (self->date, tz);
  gint64 next = quorum_day_add (day, 1, tz);
  guint shown;

  /* Hidden, or not yet allocated (it would lay out every room of the
   * organisation, a thousand columns): read when it is shown, at the
   * allocation that knows how many rooms fit. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->per_page == 0)
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  rooms = self->store ? quorum_store_list_rooms (self->store, &error) : NULL;
  /* The active rooms the search lets through, each looked at once. */
  self->n_all = 0;
  for (guint i = 0; rooms && i < rooms->len; i++)
    {
      JsonObject *room = g_ptr_array_index (rooms, i);

      if (!json_object_get_boolean_member_with_default (room, "is_active", TRUE))
        continue;
      self->n_all++;
      if (room_wanted (self, room))
        g_ptr_array_add (wanted, room);
    }
  self->n_rooms = wanted->len;
  shown = shown_per_page (self);
  self->first = quorum_rooms_page_first (self->first, shown, wanted->len);
  for (guint i = self->first; i < wanted->len && columns->len < shown; i++)
    {
      JsonObject *room = g_ptr_array_index (wanted, i);
      char *sub;
      QuorumGridColumn c = { 0 };

      sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seat", "%u seats",
                                          (guint) json_object_get_int_member_with_default (room, "capacity", 0)),
                             (guint) json_object_get_int_member_with_default (room, "capacity", 0));
      g_ptr_array_add (strings, sub);
      c.day_start = day;
      c.room_id = json_object_get_int_member_with_default (room, "id", 0);
      c.label = json_object_get_string_member_with_default (room, "name", "");
      c.sublabel = sub;
      g_array_append_val (columns, c);
    }
  /* Labels point into @rooms, which stays alive until the grid copied them. */
  quorum_time_grid_set_columns (self->grid, (QuorumGridColumn *) (void *) columns->data, columns->len);
  quorum_time_grid_set_now (self->grid, g_get_real_time ());
  update_pager (self, shown);
  /* A thousand rooms are 125 pages at 1024 px: past a page, a search. */
  gtk_widget_set_visible (self->filter_entry,
                          self->n_all > self->per_page || (self->filter != NULL && *self->filter != '\0'));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    columns->len > 0 ? "grid" : self->n_all > 0 ? "no-match" : "empty");
  if (columns->len == 0)
    return;

  meetings = quorum_store_list_meetings (self->store, day, next, &error);
  if (meetings == NULL)
    {
      g_warning ("Rooms: cannot read meetings: %s", error->message);
      return;
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      QuorumMeeting *m = g_ptr_array_index (meetings, i);
      GPtrArray *list;

      if (m->room_id <= 0)
        continue;
      list = g_hash_table_lookup (by_room, &m->room_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_room, &m->room_id, list);
        }
      g_ptr_array_add (list, m);
    }
  for (guint c = 0; c < columns->len; c++)
    {
      GPtrArray *list = g_hash_table_lookup (by_room, &g_array_index (columns, QuorumGridColumn, c).room_id);

      if (list != NULL)
        quorum_time_grid_place (self->grid, c, list, self->show_cancelled, 0);
    }
}

static void
on_range_selected (QuorumTimeGrid  *grid,
                   guint            column,
                   gint64           start,
                   gint64           end,
                   QuorumRoomsView *self)
{
  g_signal_emit (self, signals[NEW_MEETING_REQUESTED], 0, start, end,
                 quorum_time_grid_get_column (grid, column)->room_id);
}

static void
on_block_activated (QuorumTimeGrid  *grid,
                    const char      *local_id,
                    QuorumRoomsView *self)
{
  g_signal_emit (self, signals[MEETING_ACTIVATED], 0, local_id);
}

static void
turn_page (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  QuorumRoomsView *self = QUORUM_ROOMS_VIEW (widget);
  guint shown = shown_per_page (self);

  if (g_str_equal (action_name, "rooms.next"))
    self->first += shown;
  else
    self->first -= MIN (self->first, shown);
  quorum_rooms_view_reload (self);
}

static void
quorum_rooms_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (QUORUM_ROOMS_VIEW (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* The width decides how many rooms fit: a new count redoes the columns
 * before the grid is allocated, so no frame scrolls sideways. */
static void
quorum_rooms_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  QuorumRoomsView *self = QUORUM_ROOMS_VIEW (widget);
  guint before = shown_per_page (self);

  /* Not bounded by today's rooms: a sync that brings more shows them at once. */
  self->per_page = quorum_rooms_per_page (width - QUORUM_TIME_GRID_GUTTER, ROOM_COLUMN_WIDTH, G_MAXUINT);
  if (self->stale || shown_per_page (self) != before)
    quorum_rooms_view_reload (self);
  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
on_filter_changed (GtkSearchEntry  *entry,
                   QuorumRoomsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (self->filter, text) == 0)
    return;
  g_free (self->filter);
  self->filter = g_strdup (text);
  self->first = 0;
  quorum_rooms_view_reload (self);
}

static GtkWidget *
filter_entry_new (QuorumRoomsView *self)
{
  GtkWidget *entry = gtk_search_entry_new ();

  g_object_set (entry, "placeholder-text", _("Find a room by name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a Room"), -1);
  gtk_widget_set_margin_start (entry, 6);
  gtk_widget_set_margin_end (entry, 6);
  gtk_widget_set_margin_top (entry, 6);
  gtk_widget_set_visible (entry, FALSE);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_filter_changed), self);
  return entry;
}

static GtkWidget *
pager_new (QuorumRoomsView *self)
{
  GtkWidget *pager = gtk_center_box_new ();
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-next-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (previous), "rooms.previous");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "rooms.next");
  gtk_widget_set_tooltip_text (previous, _("Previous Rooms"));
  gtk_widget_set_tooltip_text (next, _("Next Rooms"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous Rooms"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next Rooms"), -1);
  gtk_widget_add_css_class (previous, "flat");
  gtk_widget_add_css_class (next, "flat");
  self->page_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->page_label, "dim-label");
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (pager), previous);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (pager), self->page_label);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (pager), next);
  gtk_widget_set_margin_start (pager, 6);
  gtk_widget_set_margin_end (pager, 6);
  gtk_widget_set_margin_top (pager, 2);
  gtk_widget_set_margin_bottom (pager, 2);
  gtk_widget_set_visible (pager, FALSE);
  return pager;
}

static void
quorum_rooms_view_constructed (GObject *object)
{
  QuorumRoomsView *self = QUORUM_ROOMS_VIEW (object);
  GtkWidget *scroller, *empty, *no_match;

  G_OBJECT_CLASS (quorum_rooms_view_parent_class)->constructed (object);

  scroller = quorum_time_grid_scroller_new (ROOM_COLUMN_WIDTH, &self->grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rooms"), -1);
  g_signal_connect (self->grid, "range-selected", G_CALLBACK (on_range_selected), self);
  g_signal_connect (self->grid, "block-activated", G_CALLBACK (on_block_activated), self);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Rooms Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Rooms arrive with the first sync from the server."));

  no_match = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (no_match), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (no_match), _("No Rooms Found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (no_match),
                                   _("No room’s name has these words. Try part of the name."));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "grid");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), no_match, "no-match");
  self->filter_entry = filter_entry_new (self);
  self->pager = pager_new (self);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), self->filter_entry);
  gtk_box_append (GTK_BOX (self->box), self->pager);
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  quorum_rooms_view_reload (self);
}

static void
quorum_rooms_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (quorum_rooms_view_parent_class)->map (widget);
  if (QUORUM_ROOMS_VIEW (widget)->stale)
    gtk_widget_queue_resize (widget);
}

static void
quorum_rooms_view_dispose (GObject *object)
{
  QuorumRoomsView *self = QUORUM_ROOMS_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, g_free);
  G_OBJECT_CLASS (quorum_rooms_view_parent_class)->dispose (object);
}

static void
quorum_rooms_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  QuorumRoomsView *self = QUORUM_ROOMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_rooms_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  QuorumRoomsView *self = QUORUM_ROOMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_rooms_view_class_init (QuorumRoomsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = quorum_rooms_view_constructed;
  object_class->dispose = quorum_rooms_view_dispose;
  object_class->set_property = quorum_rooms_view_set_property;
  object_class->get_property = quorum_rooms_view_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, QUORUM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NEW_MEETING_REQUESTED] =
    g_signal_new ("new-meeting-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  widget_class->measure = quorum_rooms_view_measure;
  widget_class->size_allocate = quorum_rooms_view_size_allocate;
  widget_class->map = quorum_rooms_view_map;
  gtk_widget_class_install_action (widget_class, "rooms.previous", NULL, turn_page);
  gtk_widget_class_install_action (widget_class, "rooms.next", NULL, turn_page);
  gtk_widget_class_set_css_name (widget_class, "roomsview");
}

static void
quorum_rooms_view_init (QuorumRoomsView *self)
{
  self->date = g_get_real_time ();
}

GtkWidget *
quorum_rooms_view_new (QuorumStore *store)
{
  return g_object_new (QUORUM_TYPE_ROOMS_VIEW, "store", store, NULL);
}

void
quorum_rooms_view_set_date (QuorumRoomsView *self,
                            gint64           us)
{
  g_return_if_fail (QUORUM_IS_ROOMS_VIEW (self));
  self->date = us;
  quorum_rooms_view_reload (self);
}

void
quorum_rooms_view_set_show_cancelled (QuorumRoomsView *self,
                                      gboolean         show)
{
  g_return_if_fail (QUORUM_IS_ROOMS_VIEW (self));
  self->show_cancelled = show;
  quorum_rooms_view_reload (self);
}

QuorumTimeGrid *
quorum_rooms_view_get_grid (QuorumRoomsView *self)
{
  g_return_val_if_fail (QUORUM_IS_ROOMS_VIEW (self), NULL);
  return self->grid;
}

const char *
quorum_rooms_view_get_stack_page (QuorumRoomsView *self)
{
  g_return_val_if_fail (QUORUM_IS_ROOMS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

const char *
quorum_rooms_view_get_page_text (QuorumRoomsView *self)
{
  g_return_val_if_fail (QUORUM_IS_ROOMS_VIEW (self), NULL);
  return gtk_widget_get_visible (self->pager) ? gtk_label_get_text (GTK_LABEL (self->page_label)) : NULL;
}
