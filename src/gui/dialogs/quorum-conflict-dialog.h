/* quorum-conflict-dialog.h — yours or the server's: a sync conflict */
#pragma once

#include <adwaita.h>
#include "quorum-store.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_CONFLICT_DIALOG (quorum_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QuorumConflictDialog, quorum_conflict_dialog, QUORUM, CONFLICT_DIALOG, AdwMessageDialog)

/* Signals: applied (const char *toast_text).
 * Responses "local", "server", "both" call quorum_store_resolve_conflict. */
GtkWidget *quorum_conflict_dialog_new        (GtkWindow   *parent,
                                              QuorumStore *store,
                                              gint64       conflict_id);
/* The differing fields shown, for tests. */
guint      quorum_conflict_dialog_get_n_rows (QuorumConflictDialog *self);

G_END_DECLS
