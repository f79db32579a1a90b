/* quorum-agenda-view.c — GtkListView over QuorumAgendaModel, with empty states */
#include "config.h"
#include "quorum-agenda-view.h"
#include "quorum-format.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _QuorumAgendaView {
  GtkWidget          parent_instance;
  QuorumStore       *store;
  QuorumAgendaModel *model;
  GtkWidget         *stack;
  GtkWidget         *scroller;
  GtkWidget         *list;
  guint              load_idle;
  char              *search;
  /* Set while hidden (the week or rooms is shown), applied when shown:
   * a day's first page of a busy replica is tens of milliseconds that
   * moving through weeks need not wait for. */
  gboolean           date_pending;
  gint64             pending_date;
  gboolean           reload_pending;
  /* room id → name, for the rows' details: a row bound while scrolling
   * asked the replica each time (a query and a JSON parse a row).
   * Emptied on every reload, when rooms may have changed. */
  GHashTable        *room_names;
};

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { MEETING_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QuorumAgendaView, quorum_agenda_view, GTK_TYPE_WIDGET)

/* Row widgets: one shape for both kinds, so recycled rows never change type. */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *day = gtk_label_new (NULL);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *mark = gtk_image_new ();

  gtk_widget_add_css_class (row, "agenda-row");
  gtk_widget_add_css_class (day, "agenda-day");
  gtk_widget_add_css_class (day, "heading");
  gtk_label_set_xalign (GTK_LABEL (day), 0);
  gtk_widget_add_css_class (time, "agenda-time");
  gtk_widget_add_css_class (time, "numeric");
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  /* The column's width is in the style (.agenda-time): width-chars made
   * Pango measure its sample text again at every row's measure. */
  gtk_widget_add_css_class (title, "agenda-title");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (mark, "sync-mark");
  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (line), time);
  gtk_box_append (GTK_BOX (line), text);
  gtk_box_append (GTK_BOX (line), mark);
  gtk_box_append (GTK_BOX (row), day);
  gtk_box_append (GTK_BOX (row), line);
  gtk_list_item_set_child (item, row);
}

static char *
room_name (QuorumAgendaView *self,
           gint64            room_id)
{
  g_autoptr(JsonObject) room = NULL;
  const char *known;
  char *name;

  if (room_id <= 0 || self->room_names == NULL)
    return NULL;
  known = g_hash_table_lookup (self->room_names, &room_id);
  if (known != NULL)
    return g_strdup (known);
  room = self->store ? quorum_store_get_room (self->store, room_id) : NULL;
  if (room == NULL || !json_object_has_member (room, "name"))
    name = g_strdup_printf (_("Room #%lld"), (long long) room_id);
  else
    name = g_strdup (json_object_get_string_member_with_default (room, "name", ""));
  g_hash_table_insert (self->room_names, g_memdup2 (&room_id, sizeof room_id), g_strdup (name));
  return name;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  QuorumAgendaView *self = user_data;
  QuorumAgendaItem *entry = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *day = gtk_widget_get_first_child (row);
  GtkWidget *line = gtk_widget_get_next_sibling (day);
  GtkWidget *time = gtk_widget_get_first_child (line);
  GtkWidget *text = gtk_widget_get_next_sibling (time);
  GtkWidget *mark = gtk_widget_get_next_sibling (text);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const QuorumMeeting *m;
  const char *icon, *mark_label;

  if (quorum_agenda_item_get_kind (entry) == QUORUM_AGENDA_ITEM_DAY)
    {
      g_autofree char *text_day = quorum_format_day (quorum_agenda_item_get_day (entry), tz);

      gtk_label_set_text (GTK_LABEL (day), g_strstrip (text_day));
      gtk_widget_set_visible (day, TRUE);
      gtk_widget_set_visible (line, FALSE);
      gtk_list_item_set_activatable (item, FALSE);
      gtk_list_item_set_selectable (item, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (day)), -1);
      return;
    }

  m = quorum_agenda_item_get_meeting (entry);
  {
    g_autofree char *from = quorum_format_clock (m->start_time, tz);
    g_autofree char *to = quorum_format_clock (m->end_time, tz);
    g_autofree char *span = g_strdup_printf ("%s–%s", from, to);
    g_autofree char *room = room_name (self, m->room_id);
    guint n = m->participant_ids ? m->participant_ids->len : 0;
    g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant",
                                                            "%u participants", n), n);
    g_autofree char *where = room ? g_strdup (room)
                             : (m->external_location && *m->external_location)
                               ? g_strdup (m->external_location) : g_strdup (_("No room"));
    g_autofree char *details = g_strdup_printf ("%s · %s", where, people);
    gboolean cancelled = g_strcmp0 (m->status, "CANCELLED") == 0;
    g_autofree char *a11y = NULL;

    gtk_label_set_text (GTK_LABEL (time), span);
    gtk_label_set_text (GTK_LABEL (title), m->title ? m->title : "");
    gtk_label_set_text (GTK_LABEL (detail), details);
    if (cancelled)
      gtk_widget_add_css_class (title, "cancelled");
    else
      gtk_widget_remove_css_class (title, "cancelled");

    if (quorum_format_sync_mark (m->sync_state, &icon, &mark_label))
      {
        gtk_image_set_from_icon_name (GTK_IMAGE (mark), icon);
        gtk_widget_set_tooltip_text (mark, mark_label);
        gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        mark_label, -1);
        gtk_widget_set_visible (mark, TRUE);
      }
    else
      gtk_widget_set_visible (mark, FALSE);

    a11y = g_strdup_printf ("%s, %s, %s%s%s%s%s", m->title ? m->title : "", span, details,
                            cancelled ? ", " : "", cancelled ? _("cancelled") : "",
                            mark_label ? ", " : "", mark_label ? mark_label : "");
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    g_object_set_data_full (G_OBJECT (row), "local-id", g_strdup (m->local_id), g_free);
  }
  gtk_widget_set_visible (day, FALSE);
  gtk_widget_set_visible (line, TRUE);
  gtk_list_item_set_activatable (item, TRUE);
  gtk_list_item_set_selectable (item, TRUE);
}

/* Paging and states */

static void
update_page (QuorumAgendaView *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
      !quorum_agenda_model_has_more (self->model))
    {
      gboolean signed_in = self->store != NULL && quorum_store_get_user_id (self->store) > 0;
      g_autofree char *local = self->store ? quorum_store_get_state (self->store, "work_locally") : NULL;

      if (self->search != NULL && *self->search != '\0')
        page = "no-results";
      else if (!signed_in && local == NULL && (self->store == NULL || !quorum_store_has_meetings (self->store)))
        page = "first-run";
      else
        page = "empty";
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

static gboolean
load_more_idle (gpointer user_data)
{
  QuorumAgendaView *self = user_data;

  self->load_idle = 0;
  quorum_agenda_model_load_more (self->model);
  update_page (self);
  return G_SOURCE_REMOVE;
}

static void
on_scrolled (GtkAdjustment    *adj,
             QuorumAgendaView *self)
{
  double remaining = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_value (adj)
                     - gtk_adjustment_get_page_size (adj);

  /* Within a screenful of the end: fetch the next window of days. */
  if (remaining < gtk_adjustment_get_page_size (adj) && self->load_idle == 0 &&
      quorum_agenda_model_has_more (self->model))
    self->load_idle = g_idle_add (load_more_idle, self);
}

static void
on_activate (GtkListView      *list,
             guint             position,
             QuorumAgendaView *self)
{
  g_autoptr(QuorumAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL && quorum_agenda_item_get_kind (item) == QUORUM_AGENDA_ITEM_MEETING)
    g_signal_emit (self, signals[MEETING_ACTIVATED], 0,
                   quorum_agenda_item_get_meeting (item)->local_id);
}

static GtkWidget *
status_page (const char *icon,
             const char *title,
             const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  return page;
}

/* The first-run choice: a server account, or this computer only (the
 * meetings then wait in the outbox until a sign-in). */
static GtkWidget *
first_run_page (void)
{
  GtkWidget *page = status_page (APP_ID, _("Welcome to Quorum"),
                                 _("Sign in to your organisation’s meeting server, or start planning "
                                   "on this computer: meetings are kept here and sent once you sign in."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sign_in = gtk_button_new_with_mnemonic (_("_Sign In…"));
  GtkWidget *local = gtk_button_new_with_mnemonic (_("_Work Locally"));

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (sign_in, "suggested-action");
  gtk_widget_add_css_class (sign_in, "pill");
  gtk_widget_add_css_class (local, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sign_in), "win.sign-in");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (local), "win.work-locally");
  gtk_box_append (GTK_BOX (box), sign_in);
  gtk_box_append (GTK_BOX (box), local);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), box);
  return page;
}

static void
quorum_agenda_view_constructed (GObject *object)
{
  QuorumAgendaView *self = QUORUM_AGENDA_VIEW (object);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;

  G_OBJECT_CLASS (quorum_agenda_view_parent_class)->constructed (object);

  self->model = quorum_agenda_model_new (self->store, tz);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (selection), TRUE);
  self->list = gtk_list_view_new (selection, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "agenda-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agenda"), -1);
  g_signal_connect (self->list, "activate", G_CALLBACK (on_activate), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                    "value-changed", G_CALLBACK (on_scrolled), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                    "changed", G_CALLBACK (on_scrolled), self);

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  gtk_stack_add_named (GTK_STACK (self->stack), self->scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->stack),
                       status_page ("x-office-calendar-symbolic", _("No Meetings"),
                                    _("Nothing is planned from this day on. Create a meeting with Ctrl+N.")),
                       "empty");
  gtk_stack_add_named (GTK_STACK (self->stack),
                       status_page ("system-search-symbolic", _("No Results"),
                                    _("No meeting matches the search.")),
                       "no-results");
  gtk_stack_add_named (GTK_STACK (self->stack), first_run_page (), "first-run");

  quorum_agenda_model_reload (self->model);
  update_page (self);
}

static void
quorum_agenda_view_dispose (GObject *object)
{
  QuorumAgendaView *self = QUORUM_AGENDA_VIEW (object);

  g_clear_handle_id (&self->load_idle, g_source_remove);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->room_names, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  G_OBJECT_CLASS (quorum_agenda_view_parent_class)->dispose (object);
}

static void
quorum_agenda_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QuorumAgendaView *self = QUORUM_AGENDA_VIEW (object);

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
quorum_agenda_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QuorumAgendaView *self = QUORUM_AGENDA_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void quorum_agenda_view_map (GtkWidget *widget);

static void
quorum_agenda_view_class_init (QuorumAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = quorum_agenda_view_constructed;
  object_class->dispose = quorum_agenda_view_dispose;
  object_class->set_property = quorum_agenda_view_set_property;
  object_class->get_property = quorum_agenda_view_get_property;
  widget_class->map = quorum_agenda_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, QUORUM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendaview");
}

static void
quorum_agenda_view_init (QuorumAgendaView *self)
{
  self->room_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

GtkWidget *
quorum_agenda_view_new (QuorumStore *store)
{
  return g_object_new (QUORUM_TYPE_AGENDA_VIEW, "store", store, NULL);
}

/* Before the rows are replaced (a new day, a new search): the list would
 * otherwise keep its scroll position, scaled, in the new rows (weeks
 * after the chosen day), and cannot be scrolled until they are laid out,
 * so it goes to the top of the old ones first. */
static void
scroll_to_top (QuorumAgendaView *self)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

  /* Not into an empty list (GtkListView warns that it cannot). */
  if (gtk_adjustment_get_value (vadj) > gtk_adjustment_get_lower (vadj) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
}

void
quorum_agenda_view_set_date (QuorumAgendaView *self,
                             gint64            us)
{
  g_return_if_fail (QUORUM_IS_AGENDA_VIEW (self));
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->date_pending = TRUE;
      self->pending_date = us;
      return;
    }
  self->date_pending = FALSE;
  scroll_to_top (self);
  quorum_agenda_model_set_anchor (self->model, us);
  update_page (self);
}

void
quorum_agenda_view_set_search (QuorumAgendaView *self,
                               const char       *text)
{
  g_return_if_fail (QUORUM_IS_AGENDA_VIEW (self));
  if (g_strcmp0 (self->search, text) != 0)
    scroll_to_top (self);
  g_free (self->search);
  self->search = g_strdup (text);
  quorum_agenda_model_set_search (self->model, text);
  update_page (self);
}

void
quorum_agenda_view_set_show_cancelled (QuorumAgendaView *self,
                                       gboolean          show)
{
  g_return_if_fail (QUORUM_IS_AGENDA_VIEW (self));
  quorum_agenda_model_set_show_cancelled (self->model, show);
  update_page (self);
}

void
quorum_agenda_view_reload (QuorumAgendaView *self)
{
  g_return_if_fail (QUORUM_IS_AGENDA_VIEW (self));
  /* At once, shown or not: a date set while hidden reads the rows again
   * when shown, without this reload, and must not bind old names. */
  g_hash_table_remove_all (self->room_names);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->reload_pending = TRUE;
      return;
    }
  self->reload_pending = FALSE;
  quorum_agenda_model_reload (self->model);
  update_page (self);
}

static void
quorum_agenda_view_map (GtkWidget *widget)
{
  QuorumAgendaView *self = QUORUM_AGENDA_VIEW (widget);

  GTK_WIDGET_CLASS (quorum_agenda_view_parent_class)->map (widget);
  /* A new date reads the replica anew: no reload on top of it. */
  if (self->date_pending)
    {
      self->reload_pending = FALSE;
      quorum_agenda_view_set_date (self, self->pending_date);
    }
  else if (self->reload_pending)
    quorum_agenda_view_reload (self);
}

QuorumAgendaModel *
quorum_agenda_view_get_model (QuorumAgendaView *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_VIEW (self), NULL);
  return self->model;
}

const char *
quorum_agenda_view_get_page (QuorumAgendaView *self)
{
  g_return_val_if_fail (QUORUM_IS_AGENDA_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
