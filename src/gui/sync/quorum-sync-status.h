/* quorum-sync-status.h — what the sync button says, decided without a display
 *
 * Pure: takes a snapshot of the sync engine's properties (or of the
 * replica, before an engine exists) and returns text, icon and style.
 */
#pragma once

#include <glib.h>
#include "quorum-sync-engine.h"

G_BEGIN_DECLS

typedef struct {
  QuorumSyncState state;
  gint64          now;            /* µs, for countdowns */
  gint64          last_success;   /* µs, 0 = never */
  gint64          retry_at;       /* µs, 0 = none */
  guint           pending;        /* changes waiting to be sent */
  guint           conflicts;
  guint           rejected;
  const char     *phase;          /* "push", "resolve", "pull" or NULL */
  guint           done;
  guint           total;
  const char     *error_message;  /* NULL or the engine's message */
} QuorumSyncSnapshot;

/* The header bar has room for a word or two (about 130 px at 1024 px
 * wide, less in Turkish), so the button shows a compact label and a
 * detail — a count as a badge, or a clock — and the whole sentence goes
 * to the tooltip and the accessible description. */
typedef struct {
  char       *label;       /* compact: "Offline", "Up to date" */
  char       *detail;      /* "3" (a count), "14:05" or "4:59", or NULL */
  gboolean    detail_is_count;  /* shown as a badge, kept when narrow */
  char       *name;        /* the accessible name: the state in a sentence */
  char       *tooltip;     /* the whole sentence(s); the accessible description */
  const char *icon_name;
  const char *css_class;   /* "success", "warning", "error" or NULL */
} QuorumSyncStatus;

void   quorum_sync_status_compute (const QuorumSyncSnapshot *snapshot,
                                   GTimeZone                *tz,
                                   QuorumSyncStatus         *out);
void   quorum_sync_status_clear   (QuorumSyncStatus *status);

/* "m:ss" for a wait of @us µs (rounded up to whole seconds, never negative). */
char  *quorum_sync_format_wait    (gint64 us);

/* The replica's "last_success" state as µs since the epoch: the sync
 * engine stores an integer of µs, older replicas RFC 3339; 0 when absent
 * or unreadable. */
gint64 quorum_sync_parse_last_success (const char *value);

/* The sync log's @raw lines (oldest first, "RFC3339-stamp message", as
 * quorum_log_tail gives them) for the popover: "14:05  message" in @tz,
 * newest first, at most @max; a line from another day than @now_us
 * carries its day.  The files keep the raw lines. */
char **quorum_sync_activity_lines (const char * const *raw,
                                   gint64              now_us,
                                   GTimeZone          *tz,
                                   guint               max);

/* The state the replica alone suggests when no engine runs: needs
 * attention with rejected changes or conflicts, offline with queued ones,
 * synced otherwise. */
QuorumSyncState quorum_sync_state_from_counts (guint pending,
                                               guint conflicts,
                                               guint rejected);

G_END_DECLS
