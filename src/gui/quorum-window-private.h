/* quorum-window-private.h — what quorum-window.c shares with the window's
 * actions (quorum-window-actions.c) */
#pragma once

#include "quorum-window.h"

G_BEGIN_DECLS

struct _QuorumWindow {
  AdwApplicationWindow parent_instance;

  QuorumStore  *store;
  GSettings    *settings;
  gint64        date;

  QuorumSyncEngine *engine;
  QuorumSyncState   last_state;
  char             *last_toast;

  GtkWidget    *agenda;
  GtkWidget    *week;
  GtkWidget    *rooms;

  /* Template */
  AdwViewStack    *stack;
  AdwToastOverlay *toast_overlay;
  GtkSearchBar    *search_bar;
  GtkWidget       *search_entry;
  GtkWidget       *search_button;
  GtkWidget       *sync_button;
  GtkWidget       *calendar;
  GtkWidget       *date_popover;
};

/* The win.* actions and their keys (quorum-window-actions.c). */
void quorum_window_install_actions (GtkWidgetClass *widget_class);
/* A round the user asked for ended: its news as a toast.  @user_data is a
 * reference to the window. */
void quorum_window_sync_done       (GObject        *source,
                                    GAsyncResult   *result,
                                    gpointer        user_data);

G_END_DECLS
