/* quorum-editor-form.h — the editor's text fields as meeting values
 *
 * Pure: parsing what people type into dates and times, and the words of
 * the availability marks.  Tested without a display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QUORUM_EDITOR_ERROR (quorum_editor_error_quark ())

typedef enum {
  QUORUM_EDITOR_ERROR_DATE = 1,   /* not a YYYY-MM-DD date */
  QUORUM_EDITOR_ERROR_TIME,       /* not an HH:MM time */
} QuorumEditorError;

GQuark   quorum_editor_error_quark   (void);

/* "9:30", "09:30", "0930", "9" → minutes after midnight (0..1439). */
gboolean quorum_editor_parse_clock   (const char *text,
                                      int        *out_minutes);
/* A day and two clock times; an end at or before the start means the
 * next day (a meeting past midnight). */
gboolean quorum_editor_compose_times (const char *date,
                                      const char *start,
                                      const char *end,
                                      GTimeZone  *tz,
                                      gint64     *out_start,
                                      gint64     *out_end,
                                      GError    **error);
/* The statuses the status row offers, in the order PENDING, APPROVED,
 * COMPLETED, CANCELLED.  A new meeting (@current NULL) starts PENDING or
 * APPROVED: a cancelled or completed one would be news about nothing.  An
 * existing one offers @current and the moves quorum_meeting_status_move_ok()
 * allows from it (server-api.md §4), so no choice is refused on save. */
GStrv    quorum_editor_status_choices (const char *current);
/* The three fields for a time span, in @tz. */
void     quorum_editor_split_times   (gint64      start,
                                      gint64      end,
                                      GTimeZone  *tz,
                                      char      **out_date,
                                      char      **out_start,
                                      char      **out_end);

G_END_DECLS
