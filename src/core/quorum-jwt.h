/* quorum-jwt.h — reading the expiry of a JWT access token, pure
 *
 * The client never verifies a signature (it has no key); it only reads
 * `exp` to refresh before the server would refuse the token.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The payload's `exp` in seconds since the epoch, or 0 when @token is not
 * a JWT with a numeric exp (garbage is tolerated, never trusted). */
gint64 quorum_jwt_get_expiry (const char *token);

/* Decodes base64url without padding; NULL on invalid input. */
GBytes *quorum_jwt_base64url_decode (const char *text,
                                     gsize       length);

G_END_DECLS
