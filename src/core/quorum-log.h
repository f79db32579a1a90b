/* quorum-log.h — sync.log and error.log: rotated, redacted
 *
 * In $QUORUM_LOG_DIR, else $XDG_STATE_HOME/quorum/logs/.  Each line is
 * stamped and passed through quorum_log_redact, so a token that slipped
 * into a message still never reaches the disk.  Callers log counts,
 * ids and codes — never titles' neighbours: descriptions, passwords.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QUORUM_LOG_MAX_SIZE (1024 * 1024)   /* rotate past this */
#define QUORUM_LOG_KEEP     3               /* sync.log.1 … .3 */

char  *quorum_log_get_dir (void);
void   quorum_log_sync    (const char *format, ...) G_GNUC_PRINTF (1, 2);
void   quorum_log_error   (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Replaces JWTs, "Bearer …", and password/token/refresh/access JSON
 * members' values with "[redacted]". */
char  *quorum_log_redact  (const char *line);
/* The last @n lines of sync.log, oldest first (for the status popover). */
char **quorum_log_tail    (guint n);

G_END_DECLS
