/* quorum-jwt.c — the `exp` of a JWT, tolerant of garbage */
#include "quorum-jwt.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* A JWT payload is a few hundred bytes; refuse to decode megabytes. */
#define PAYLOAD_MAX 16384

GBytes *
quorum_jwt_base64url_decode (const char *text,
                             gsize       length)
{
  g_autoptr(GString) b64 = NULL;
  guchar *data;
  gsize out_len = 0;

  if (text == NULL || length == 0 || length > PAYLOAD_MAX || length % 4 == 1)
    return NULL;

  b64 = g_string_sized_new (length + 3);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      g_string_append_c (b64, c);
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');

  data = g_base64_decode (b64->str, &out_len);
  return g_bytes_new_take (data, out_len);
}

gint64
quorum_jwt_get_expiry (const char *token)
{
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *start, *end;
  JsonNode *root, *exp;
  gsize size;
  const char *data;

  if (token == NULL)
    return 0;
  start = strchr (token, '.');
  if (start == NULL)
    return 0;
  start++;
  end = strchr (start, '.');
  if (end == NULL)
    return 0;

  payload = quorum_jwt_base64url_decode (start, end - start);
  if (payload == NULL)
    return 0;
  data = g_bytes_get_data (payload, &size);
  if (size == 0 || !g_utf8_validate_len (data, size, NULL))
    return 0;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  exp = json_object_get_member (json_node_get_object (root), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return 0;
  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    return MAX (json_node_get_int (exp), 0);
  if (json_node_get_value_type (exp) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (exp);
      return (d > 0 && d < (double) G_MAXINT64 / 2) ? (gint64) d : 0;
    }
  return 0;
}
