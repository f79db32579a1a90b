/* quorum-agenda-view.h — the agenda: a virtualised list of days and meetings */
#pragma once

#include <gtk/gtk.h>
#include "quorum-store.h"
#include "quorum-agenda-model.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_AGENDA_VIEW (quorum_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (QuorumAgendaView, quorum_agenda_view, QUORUM, AGENDA_VIEW, GtkWidget)

/* Signals: meeting-activated (const char *local_id). */
GtkWidget         *quorum_agenda_view_new              (QuorumStore *store);
void               quorum_agenda_view_set_date         (QuorumAgendaView *self,
                                                        gint64            us);
void               quorum_agenda_view_set_search       (QuorumAgendaView *self,
                                                        const char       *text);
void               quorum_agenda_view_set_show_cancelled (QuorumAgendaView *self,
                                                          gboolean          show);
void               quorum_agenda_view_reload           (QuorumAgendaView *self);
QuorumAgendaModel *quorum_agenda_view_get_model        (QuorumAgendaView *self);
/* "list", "empty", "no-results" or "first-run". */
const char        *quorum_agenda_view_get_page         (QuorumAgendaView *self);

G_END_DECLS
