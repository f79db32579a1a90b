/* quorum-agenda-model.h — the agenda as a GListModel, loaded page by page
 *
 * Never holds the whole replica: it starts at an anchor day and reads a
 * page of whole days at a time (quorum_store_list_meetings over windows of
 * days) when the view scrolls near the end, and hands the view its rows a
 * few screenfuls at a time.  With a search text it shows the store's
 * limited search results instead.  GLib only: tested without a display.
 */
#pragma once

#include <gio/gio.h>
#include "quorum-store.h"
#include "quorum-agenda-item.h"

G_BEGIN_DECLS

/* A page: whole days until it holds this many rows (one day of a busy
 * replica), read in windows of 1, 2, 4… days, at most this many. */
#define QUORUM_AGENDA_PAGE_ROWS      150
#define QUORUM_AGENDA_PAGE_MAX_DAYS  32
/* How far ahead an empty agenda keeps looking before it says "no meetings". */
#define QUORUM_AGENDA_HORIZON_DAYS   366
#define QUORUM_AGENDA_SEARCH_LIMIT   200
/* Rows handed to the view at a time (about three screenfuls): a page read
 * is queued and given out in these steps as the view scrolls. */
#define QUORUM_AGENDA_SHOW_ROWS      40

#define QUORUM_TYPE_AGENDA_MODEL (quorum_agenda_model_get_type ())
G_DECLARE_FINAL_TYPE (QuorumAgendaModel, quorum_agenda_model, QUORUM, AGENDA_MODEL, GObject)

QuorumAgendaModel *quorum_agenda_model_new          (QuorumStore *store,
                                                     GTimeZone   *tz);
/* Starts again from the local day containing @us. */
void      quorum_agenda_model_set_anchor            (QuorumAgendaModel *self,
                                                     gint64             us);
gint64    quorum_agenda_model_get_anchor            (QuorumAgendaModel *self);
void      quorum_agenda_model_set_show_cancelled    (QuorumAgendaModel *self,
                                                     gboolean           show);
/* NULL or "" for the paged agenda. */
void      quorum_agenda_model_set_search            (QuorumAgendaModel *self,
                                                     const char        *text);
/* Appends the next QUORUM_AGENDA_SHOW_ROWS rows, reading the next page
 * first when none is queued (on through empty days up to the horizon);
 * FALSE when nothing more can come. */
gboolean  quorum_agenda_model_load_more             (QuorumAgendaModel *self);
gboolean  quorum_agenda_model_has_more              (QuorumAgendaModel *self);
/* Re-reads the loaded range after the replica changed. */
void      quorum_agenda_model_reload                (QuorumAgendaModel *self);
/* Number of store queries made so far (tests check paging with it). */
guint     quorum_agenda_model_get_n_queries         (QuorumAgendaModel *self);

G_END_DECLS
