/* quorum-meeting-editor-private.h — what the files of QuorumMeetingEditor share
 *
 * The editor is one class over four files: quorum-meeting-editor.c (the
 * window, loading and saving), -participants.c (the type-ahead entry and
 * the chips), -rooms.c (the room list with free/busy) and -check.c (the
 * availability line: the server's check or the replica).  Only they
 * include this header.
 */
#pragma once

#include "quorum-meeting-editor.h"
#include "quorum-availability.h"

G_BEGIN_DECLS

struct _QuorumMeetingEditor {
  AdwWindow      parent_instance;

  QuorumStore   *store;
  QuorumMeeting *original;       /* NULL when creating */
  GArray        *participants;   /* gint64 */
  GPtrArray     *users;          /* JsonObject*, the directory */
  GPtrArray     *rooms;          /* JsonObject*, active rooms in combo order */
  GStrv          statuses;       /* what the status row offers, in its order */
  gboolean       read_only;
  gboolean       loading;

  /* Online availability: a debounced POST /meetings/check/ per edit. */
  QuorumSyncEngine   *engine;
  GCancellable       *check_cancellable;
  guint               check_timeout;
  QuorumAvailability *availability;  /* the server's last answer; NULL: the replica's */
  gint64              checked_room;  /* the draft that answer is about */
  gint64              checked_start;
  gint64              checked_end;
  GtkWidget          *room_popover;  /* the room dropdown's popup */
  gboolean            rooms_stale;   /* room rows to redo once it closes */
  const char         *check_source;  /* "server", "replica", "checking" or NULL */
  gboolean            was_online;

  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  GtkWidget *readonly_label;
  GtkWidget *error_label;
  GtkWidget *overlap_label;
  GtkWidget *when_group;
  GtkWidget *where_group;
  GtkWidget *who_group;
  GtkWidget *details_group;
  GtkWidget *title_row;
  GtkWidget *date_row;
  GtkWidget *start_row;
  GtkWidget *end_row;
  GtkWidget *room_row;
  GtkWidget *location_row;
  GtkWidget *participant_row;
  GtkWidget *suggestion_list;
  GtkWidget *chip_box;
  GtkWidget *type_row;
  GtkWidget *priority_row;
  GtkWidget *status_row;
  GtkWidget *description_view;
  GtkWidget *agenda_view;
};

/* From quorum-meeting-editor.c */
/* The draft's times as typed; FALSE while they do not parse. */
gboolean             _quorum_meeting_editor_current_times  (QuorumMeetingEditor *self,
                                                            gint64              *start,
                                                            gint64              *end);
const QuorumMeeting *_quorum_meeting_editor_first_conflict (QuorumMeetingEditor *self,
                                                            GPtrArray           *busy);
/* The draft as a meeting value; NULL (and @error) while a field does not parse. */
QuorumMeeting       *_quorum_meeting_editor_collect        (QuorumMeetingEditor *self,
                                                            GError             **error);

G_END_DECLS
