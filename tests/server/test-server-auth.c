/* test-server-auth.c — tokens: login, JWT shape, rotation, reuse revocation,
 * logout, expiry, DRF-shaped errors. */
#include <string.h>

#include "test-server-util.h"

static JsonObject *
jwt_payload (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  b64 = g_string_new (parts[1]);
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  plain = g_base64_decode (b64->str, &len);
  g_assert_true (json_parser_load_from_data (parser, (const char *) plain, len, NULL));
  return json_node_dup_object (json_parser_get_root (parser));
}

static void
test_login (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) bad = NULL, me = NULL;
  g_autoptr(JsonObject) payload = jwt_payload (f->token);

  g_assert_cmpint (json_object_get_int_member (payload, "user_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (payload, "exp"), >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_nonnull (json_object_get_string_member (payload, "jti"));

  bad = ts_http (f->session, f->url, "POST", "/api/token/", NULL,
                 "{\"username\": \"alice\", \"password\": \"wrong\"}");
  g_assert_cmpuint (bad->status, ==, 401);
  g_assert_cmpstr (ts_response_code (bad), ==, "invalid_credentials");

  me = ts_http (f->session, f->url, "GET", "/api/v1/me/", f->token, NULL);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (ts_response_object (me), "username"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (ts_response_object (me), "name"), ==, "Alice Şen");
  g_assert_true (json_object_get_boolean_member (ts_response_object (me), "is_active"));
}

static TsResponse *
refresh (TsFixture *f, const char *token)
{
  return ts_http_printf (f->session, f->url, "POST", "/api/token/refresh/", NULL,
                         "{\"refresh\": \"%s\"}", token);
}

static void
test_rotation (TsFixture *f, gconstpointer data)
{
  g_autofree char *r1 = NULL;
  g_autofree char *a1 = ts_login (f, "alice", "secret", &r1);
  g_autoptr(TsResponse) first = refresh (f, r1);
  g_autoptr(TsResponse) reuse = NULL, after = NULL, other = NULL, me = NULL;
  g_autofree char *r2 = NULL, *rb = NULL;
  g_autofree char *ab = ts_login (f, "bob", "hunter2", &rb);
  const char *a2;

  g_assert_cmpuint (first->status, ==, 200);
  r2 = g_strdup (json_object_get_string_member (ts_response_object (first), "refresh"));
  a2 = json_object_get_string_member (ts_response_object (first), "access");
  g_assert_cmpstr (r2, !=, r1);
  me = ts_http (f->session, f->url, "GET", "/api/v1/me/", a2, NULL);
  g_assert_cmpuint (me->status, ==, 200);

  /* The old refresh token again: theft, the whole login dies. */
  reuse = refresh (f, r1);
  g_assert_cmpuint (reuse->status, ==, 401);
  g_assert_cmpstr (ts_response_code (reuse), ==, "token_invalid");
  after = refresh (f, r2);
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "refresh_reuse"), ==, 2);

  /* Another login of the same server is untouched. */
  other = refresh (f, rb);
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_cmpuint (quorum_test_server_get_counter (f->server, "refresh"), ==, 4);
}

static void
test_blacklist (TsFixture *f, gconstpointer data)
{
  g_autofree char *r = NULL;
  g_autofree char *a = ts_login (f, "alice", "secret", &r);
  g_autoptr(TsResponse) out = ts_http_printf (f->session, f->url, "POST", "/api/token/blacklist/",
                                              NULL, "{\"refresh\": \"%s\"}", r);
  g_autoptr(TsResponse) again = refresh (f, r);
  g_autoptr(TsResponse) junk = refresh (f, "abc.def.ghi");
  g_autoptr(TsResponse) missing = ts_http (f->session, f->url, "POST", "/api/token/refresh/", NULL, "{}");

  g_assert_cmpuint (out->status, ==, 200);
  g_assert_cmpuint (json_object_get_size (ts_response_object (out)), ==, 0);
  g_assert_cmpuint (again->status, ==, 401);
  g_assert_cmpuint (junk->status, ==, 401);
  g_assert_cmpuint (missing->status, ==, 400);
  g_assert_cmpstr (ts_response_code (missing), ==, "validation_error");
}

static void
test_access_expiry (TsFixture *f, gconstpointer data)
{
  g_autofree char *r = NULL, *dead = NULL;
  g_autoptr(TsResponse) expired = NULL, unknown = NULL, none = NULL, fresh = NULL, revoked = NULL;

  g_assert_true (quorum_test_server_set_fault (f->server, "access_lifetime", "0"));
  dead = ts_login (f, "alice", "secret", &r);
  expired = ts_http (f->session, f->url, "GET", "/api/v1/me/", dead, NULL);
  g_assert_cmpuint (expired->status, ==, 401);
  g_assert_cmpstr (ts_response_code (expired), ==, "token_invalid");

  unknown = ts_http (f->session, f->url, "GET", "/api/v1/me/", "x.y.z", NULL);
  g_assert_cmpuint (unknown->status, ==, 401);
  none = ts_http (f->session, f->url, "GET", "/api/v1/sync/changes/", NULL, NULL);
  g_assert_cmpuint (none->status, ==, 401);

  /* A refresh still works and yields a usable token once lifetime is back. */
  g_assert_true (quorum_test_server_set_fault (f->server, "access_lifetime", "900"));
  {
    g_autoptr(TsResponse) rr = refresh (f, r);

    g_assert_cmpuint (rr->status, ==, 200);
    fresh = ts_http (f->session, f->url, "GET", "/api/v1/me/",
                     json_object_get_string_member (ts_response_object (rr), "access"), NULL);
    g_assert_cmpuint (fresh->status, ==, 200);
  }

  g_assert_true (quorum_test_server_set_fault (f->server, "expire_access_tokens", "1"));
  revoked = ts_http (f->session, f->url, "GET", "/api/v1/me/", f->token, NULL);
  g_assert_cmpuint (revoked->status, ==, 401);
}

static void
test_drf_errors (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) bad = NULL, login = NULL;

  g_assert_true (quorum_test_server_set_fault (f->server, "drf_errors", "1"));
  bad = ts_http (f->session, f->url, "GET", "/api/v1/me/", "nope", NULL);
  g_assert_cmpuint (bad->status, ==, 401);
  g_assert_cmpstr (ts_response_code (bad), ==, "token_not_valid");
  g_assert_true (json_object_has_member (ts_response_object (bad), "detail"));
  g_assert_false (json_object_has_member (ts_response_object (bad), "message"));

  login = ts_http (f->session, f->url, "POST", "/api/token/", NULL,
                   "{\"username\": \"alice\", \"password\": \"x\"}");
  g_assert_cmpuint (login->status, ==, 401);
  g_assert_true (json_object_has_member (ts_response_object (login), "detail"));
}

static void
test_inactive_user (TsFixture *f, gconstpointer data)
{
  g_autoptr(TsResponse) me = NULL, login = NULL;

  g_assert_true (quorum_test_server_set_user_active (f->server, 1, FALSE));
  me = ts_http (f->session, f->url, "GET", "/api/v1/me/", f->token, NULL);
  g_assert_cmpuint (me->status, ==, 401);
  login = ts_http (f->session, f->url, "POST", "/api/token/", NULL,
                   "{\"username\": \"alice\", \"password\": \"secret\"}");
  g_assert_cmpuint (login->status, ==, 401);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, TsFixture, NULL, ts_fixture_setup, fn, ts_fixture_teardown)
  ADD ("/server/auth/login", test_login);
  ADD ("/server/auth/refresh-rotation-and-reuse", test_rotation);
  ADD ("/server/auth/blacklist", test_blacklist);
  ADD ("/server/auth/access-expiry", test_access_expiry);
  ADD ("/server/auth/drf-errors", test_drf_errors);
  ADD ("/server/auth/inactive-user", test_inactive_user);
  return g_test_run ();
}
