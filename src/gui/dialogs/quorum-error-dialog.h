/* quorum-error-dialog.h — what to do about a change the server refused
 *
 * Built from the change's stored error object through QuorumErrorModel.
 * Every action is an edit of the meeting (quorum_store_edit_meeting), which
 * supersedes the rejected change under a new change_id.
 */
#pragma once

#include <adwaita.h>
#include "quorum-store.h"
#include "quorum-schedule.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_ERROR_DIALOG (quorum_error_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QuorumErrorDialog, quorum_error_dialog, QUORUM, ERROR_DIALOG, AdwMessageDialog)

/* Signals: applied (const char *toast_text) — the replica changed;
 *          open-meeting (const char *id) — "Open the existing meeting". */

/* NULL when the change does not exist (any more). */
GtkWidget *quorum_error_dialog_new         (GtkWindow   *parent,
                                            QuorumStore *store,
                                            const char  *change_id);
guint      quorum_error_dialog_get_n_slots (QuorumErrorDialog *self);
const QuorumSlot *quorum_error_dialog_get_slot (QuorumErrorDialog *self,
                                                guint              index);
guint      quorum_error_dialog_get_n_rooms (QuorumErrorDialog *self);
gint64     quorum_error_dialog_get_room_id (QuorumErrorDialog *self,
                                            guint              index);
gboolean   quorum_error_dialog_apply_slot  (QuorumErrorDialog *self,
                                            guint              index,
                                            GError           **error);
gboolean   quorum_error_dialog_apply_room  (QuorumErrorDialog *self,
                                            gint64             room_id,
                                            GError           **error);

G_END_DECLS
