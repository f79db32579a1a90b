/* quorum-test-server-auth.c — SimpleJWT-like tokens: JWT-shaped access
 * tokens with exp/user_id/jti, rotating refresh tokens with blacklisting and
 * reuse detection per login family. */


#include <string.h>

#include "quorum-test-server-private.h"

void
ts_auth_init (QuorumTestServer *self)
{
  self->secret = g_uuid_string_random ();
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
ts_auth_finalize (QuorumTestServer *self)
{
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
}

static char *
base64url (const guchar *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);
  gsize n = strlen (text);

  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  for (char *p = text; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  return text;
}

static char *
make_jwt (QuorumTestServer *self,
          const char       *type,
          gint64            user_id,
          gint64            expires_us)
{
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *payload_json = NULL;
  g_autofree char *h64 = NULL, *p64 = NULL, *s64 = NULL, *signing_input = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *jti = NULL;

  jti = g_strdup_printf ("%" G_GUINT64_FORMAT "%.8s", ++self->next_jti, uuid);
  json_object_set_string_member (payload, "token_type", type);
  json_object_set_int_member (payload, "exp", expires_us / G_USEC_PER_SEC);
  json_object_set_int_member (payload, "iat", g_get_real_time () / G_USEC_PER_SEC);
  json_object_set_string_member (payload, "jti", jti);
  json_object_set_int_member (payload, "user_id", user_id);
  node = json_node_init_object (json_node_alloc (), payload);
  payload_json = json_to_string (node, FALSE);

  h64 = base64url ((const guchar *) header, strlen (header));
  p64 = base64url ((const guchar *) payload_json, strlen (payload_json));
  signing_input = g_strconcat (h64, ".", p64, NULL);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) self->secret, strlen (self->secret));
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  s64 = base64url (digest, digest_len);
  return g_strconcat (signing_input, ".", s64, NULL);
}

static JsonObject *
issue_pair (QuorumTestServer *self,
            gint64            user_id,
            guint64           family)
{
  JsonObject *pair = json_object_new ();
  gint64 now = g_get_real_time ();
  TsAccess *access = g_new0 (TsAccess, 1);
  TsRefresh *refresh = g_new0 (TsRefresh, 1);
  char *access_token, *refresh_token;

  access->user_id = user_id;
  access->issued = now;
  access->expires = now + (gint64) (self->faults.access_lifetime * G_USEC_PER_SEC);
  access_token = make_jwt (self, "access", user_id, access->expires);
  refresh->user_id = user_id;
  refresh->family = family;
  refresh->expires = now + (gint64) (self->faults.refresh_lifetime * G_USEC_PER_SEC);
  refresh_token = make_jwt (self, "refresh", user_id, refresh->expires);

  json_object_set_string_member (pair, "access", access_token);
  json_object_set_string_member (pair, "refresh", refresh_token);
  g_hash_table_insert (self->access_tokens, access_token, access);
  g_hash_table_insert (self->refresh_tokens, refresh_token, refresh);
  return pair;
}

static void
reply_token_invalid (TsRequest *req)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "WWW-Authenticate", "Bearer realm=\"api\"");
  if (req->self->faults.drf_errors)
    {
      JsonObject *body = json_object_new ();

      json_object_set_string_member (body, "detail", "Given token not valid for any token type");
      json_object_set_string_member (body, "code", "token_not_valid");
      ts_reply (req, 401, body);
    }
  else
    ts_reply_error (req, 401, "token_invalid", "Token geçersiz veya süresi dolmuş");
}

gboolean
ts_authenticate (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Authorization");
  TsAccess *access;
  TsUser *user;

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    {
      if (self->faults.drf_errors)
        {
          JsonObject *body = json_object_new ();

          json_object_set_string_member (body, "detail",
                                         "Authentication credentials were not provided.");
          ts_reply (req, 401, body);
          return FALSE;
        }
      reply_token_invalid (req);
      return FALSE;
    }
  access = g_hash_table_lookup (self->access_tokens, header + strlen ("Bearer "));
  if (access == NULL || g_get_real_time () >= access->expires ||
      access->issued <= self->access_valid_after ||
      (user = ts_user_lookup (self, access->user_id)) == NULL || !user->is_active)
    {
      ts_count (self, "token_rejected", 1);
      reply_token_invalid (req);
      return FALSE;
    }
  req->user = user;
  return TRUE;
}

static const char *
body_string (TsRequest  *req,
             const char *member)
{
  JsonObject *body;
  JsonNode *node;

  if (!ts_require_body_object (req, &body))
    return NULL;
  node = json_object_get_member (body, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ts_reply (req, 400, ts_validation_error (member, "Bu alan zorunludur."));
      return NULL;
    }
  return json_node_get_string (node);
}

void
ts_handle_token (TsRequest *req)
{
  QuorumTestServer *self = req->self;
  const char *username, *password;
  TsUser *user;

  if ((username = body_string (req, "username")) == NULL ||
      (password = body_string (req, "password")) == NULL)
    return;
  user = g_hash_table_lookup (self->users_by_name, username);
  if (user == NULL || !user->is_active || !g_str_equal (user->password, password))
    {
      if (self->faults.drf_errors)
        {
          JsonObject *body = json_object_new ();

          json_object_set_string_member (body, "detail",
                                         "No active account found with the given credentials");
          json_object_set_string_member (body, "code", "no_active_account");
          ts_reply (req, 401, body);
        }
      else
        ts_reply_error (req, 401, "invalid_credentials", "Kullanıcı adı veya şifre hatalı");
      return;
    }
  ts_reply (req, 200, issue_pair (self, user->id, ++self->next_family));
}

/* A blacklisted token coming back means two parties hold the same login:
 * SimpleJWT's reuse detection, so every token of the login dies. */
static void
revoke_family (QuorumTestServer *self,
               guint64           family)
{
  GHashTableIter iter;
  gpointer value;

  ts_count (self, "refresh_reuse", 1);
  g_hash_table_iter_init (&iter, self->refresh_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((TsRefresh *) value)->family == family)
      ((TsRefresh *) value)->blacklisted = TRUE;
}

/* Returns the refresh record when @token may be used, else answers 401. */
static TsRefresh *
check_refresh (TsRequest  *req,
               const char *token)
{
  TsRefresh *refresh = g_hash_table_lookup (req->self->refresh_tokens, token);
  TsUser *user;

  if (refresh != NULL && refresh->blacklisted)
    {
      revoke_family (req->self, refresh->family);
      reply_token_invalid (req);
      return NULL;
    }
  if (refresh == NULL || g_get_real_time () >= refresh->expires ||
      (user = ts_user_lookup (req->self, refresh->user_id)) == NULL || !user->is_active)
    {
      reply_token_invalid (req);
      return NULL;
    }
  return refresh;
}

void
ts_handle_refresh (TsRequest *req)
{
  const char *token;
  TsRefresh *refresh;

  if ((token = body_string (req, "refresh")) == NULL ||
      (refresh = check_refresh (req, token)) == NULL)
    return;
  refresh->blacklisted = TRUE;
  ts_reply (req, 200, issue_pair (req->self, refresh->user_id, refresh->family));
}

void
ts_handle_blacklist (TsRequest *req)
{
  const char *token;
  TsRefresh *refresh;

  if ((token = body_string (req, "refresh")) == NULL ||
      (refresh = check_refresh (req, token)) == NULL)
    return;
  refresh->blacklisted = TRUE;
  ts_reply (req, 200, json_object_new ());
}

void
ts_handle_me (TsRequest *req)
{
  ts_reply (req, 200, ts_user_to_json (req->user));
}
