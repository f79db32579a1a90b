/* quorum-preferences-window.h — account, sync interval, view options,
 * calendar integrations */
#pragma once

#include <adwaita.h>
#include "quorum-account.h"
#include "quorum-sync-engine.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_PREFERENCES_WINDOW (quorum_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (QuorumPreferencesWindow, quorum_preferences_window, QUORUM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @settings may be NULL (schema not installed): the options are then
 * shown insensitive with their defaults. */
QuorumPreferencesWindow *quorum_preferences_window_new (GtkWindow        *parent,
                                                        GSettings        *settings,
                                                        QuorumSyncEngine *engine);
/* Shows the Integrations page and (re)loads it from the server. */
void       quorum_preferences_window_show_integrations (QuorumPreferencesWindow *self);
/* For tests: the number of integration rows shown, and whether a load runs. */
guint      quorum_preferences_window_get_n_integrations (QuorumPreferencesWindow *self);
gboolean   quorum_preferences_window_is_loading        (QuorumPreferencesWindow *self);

G_END_DECLS
