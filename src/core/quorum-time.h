/* quorum-time.h — RFC 3339 parsing and formatting, pure */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses RFC 3339 with any offset (also "Z", fractional seconds) into µs
 * since the epoch. Returns FALSE on anything else. */
gboolean quorum_time_parse_rfc3339   (const char *text,
                                      gint64     *out_us);
/* "2025-02-01T10:00:00.000000Z", the server's own form. */
char    *quorum_time_format_rfc3339  (gint64 us);
/* A CLI bound: RFC 3339, "YYYY-MM-DD[T ]HH:MM[:SS]" in the local zone, or
 * YYYY-MM-DD meaning local midnight of that day
 * (in @tz, or the local zone when NULL). */
gboolean quorum_time_parse_user      (const char *text,
                                      GTimeZone  *tz,
                                      gint64     *out_us);
gint64   quorum_time_now             (void);

G_END_DECLS
