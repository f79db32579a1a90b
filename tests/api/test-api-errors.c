/* test-api-errors.c — hostile and contract-shaped answers → clean GErrors
 *
 * A raw HTTP peer (api-test-util.c) answers each case with exactly the
 * bytes of the table, under a URL prefix naming the case; the client is
 * the real QuorumApi + QuorumAuth (file token store in a temp dir).  The
 * suite runs under ASan/UBSan in CI: "no crash" is checked there. */
#include "api-test-util.h"
#include "quorum-jwt.h"

#include <string.h>

typedef enum {
  EP_HEALTH = 1, EP_LOGIN, EP_ME, EP_PULL, EP_PUSH, EP_RESOLVE, EP_CHECK,
  EP_FREEBUSY, EP_INTEGRATIONS, EP_REAUTHORIZE, EP_INTEGRATION_SYNC,
} Endpoint;

typedef struct {
  const char     *name;
  Endpoint        endpoint;
  guint           status;
  const char     *headers;     /* extra raw header lines, each ending \r\n */
  const char     *body;
  QuorumApiError  expected;
} Case;

#define PULL_OK_CHANGE(extra) \
  "{\"changes\": [{\"entity_type\": \"meeting\", \"entity_id\": 1, \"modified_at\": \"2025-01-01T00:00:00.000000Z\", " \
  "\"is_deleted\": false, " extra "}], \"cursor\": \"c\", \"has_more\": false, \"sync_time\": \"2025-01-01T00:00:00.000000Z\"}"

static const Case cases[] = {
  /* Transport-level and framing garbage */
  { "html-502", EP_HEALTH, 502, "Content-Type: text/html\r\n", "<html><body>Bad Gateway</body></html>", QUORUM_API_ERROR_SERVER },
  { "empty-500", EP_HEALTH, 500, NULL, "", QUORUM_API_ERROR_SERVER },
  { "truncated-json", EP_HEALTH, 200, NULL, "{\"status\": \"ok\", \"serv", QUORUM_API_ERROR_BAD_RESPONSE },
  { "array-not-object", EP_HEALTH, 200, NULL, "[1, 2, 3]", QUORUM_API_ERROR_BAD_RESPONSE },
  { "string-not-object", EP_HEALTH, 200, NULL, "\"ok\"", QUORUM_API_ERROR_BAD_RESPONSE },
  { "empty-200", EP_HEALTH, 200, NULL, "", QUORUM_API_ERROR_BAD_RESPONSE },
  { "text-plain-200", EP_HEALTH, 200, "Content-Type: text/plain\r\n", "hello", QUORUM_API_ERROR_BAD_RESPONSE },
  { "invalid-utf8", EP_HEALTH, 200, NULL, "{\"status\": \"\xff\xfe\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "health-status-int", EP_HEALTH, 200, NULL, "{\"status\": 5}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "huge-content-length", EP_HEALTH, 200, "Content-Length: 99999999999\r\n", "{}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "short-body", EP_HEALTH, 200, "Content-Length: 1000\r\n", "{\"status\": \"o", QUORUM_API_ERROR_NETWORK },
  { "chunked-cut", EP_HEALTH, 200, "Transfer-Encoding: chunked\r\n", "10\r\n{\"status\": \"", QUORUM_API_ERROR_NETWORK },
  { "gzip-garbage", EP_HEALTH, 200, "Content-Encoding: gzip\r\n", "this is not gzip at all", QUORUM_API_ERROR_BAD_RESPONSE },
  { "not-http", EP_HEALTH, 0, NULL, "garbage garbage\r\n\r\n", QUORUM_API_ERROR_BAD_RESPONSE },
  { "closed-at-once", EP_HEALTH, 0, NULL, NULL, QUORUM_API_ERROR_NETWORK },
  { "teapot-418", EP_HEALTH, 418, NULL, "{\"code\": \"teapot\", \"message\": \"short and stout\"}", QUORUM_API_ERROR_HTTP },
  { "redirect-302", EP_HEALTH, 302, "Location: http://example.org/steal/\r\n", "", QUORUM_API_ERROR_HTTP },
  { "code-not-string", EP_ME, 403, NULL, "{\"code\": 17, \"message\": [1]}", QUORUM_API_ERROR_PERMISSION_DENIED },
  { "client-code-from-server", EP_ME, 404, NULL, "{\"code\": \"login_required\", \"message\": \"x\"}", QUORUM_API_ERROR_NOT_FOUND },
  /* Wrong member types, pull page */
  { "pull-changes-object", EP_PULL, 200, NULL, "{\"changes\": {}, \"has_more\": false}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-has-more-string", EP_PULL, 200, NULL, "{\"changes\": [], \"cursor\": \"c\", \"has_more\": \"no\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-cursor-int", EP_PULL, 200, NULL, "{\"changes\": [], \"cursor\": 5, \"has_more\": false}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-more-no-cursor", EP_PULL, 200, NULL, "{\"changes\": [], \"has_more\": true}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-sync-time-bool", EP_PULL, 200, NULL, "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false, \"sync_time\": true}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-entry-int", EP_PULL, 200, NULL, "{\"changes\": [5], \"cursor\": \"c\", \"has_more\": false}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-type-int", EP_PULL, 200, NULL, "{\"changes\": [{\"entity_type\": 1}], \"cursor\": \"c\", \"has_more\": false}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-id-string", EP_PULL, 200, NULL,
    "{\"changes\": [{\"entity_type\": \"meeting\", \"entity_id\": \"12\", \"modified_at\": \"x\", \"is_deleted\": false, \"data\": {}}], \"cursor\": \"c\", \"has_more\": false}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-id-negative", EP_PULL, 200, NULL,
    "{\"changes\": [{\"entity_type\": \"room\", \"entity_id\": -3, \"modified_at\": \"x\", \"is_deleted\": false, \"data\": {}}], \"cursor\": \"c\", \"has_more\": false}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-id-float", EP_PULL, 200, NULL,
    "{\"changes\": [{\"entity_type\": \"room\", \"entity_id\": 3.5, \"modified_at\": \"x\", \"is_deleted\": false, \"data\": {}}], \"cursor\": \"c\", \"has_more\": false}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-modified-number", EP_PULL, 200, NULL,
    "{\"changes\": [{\"entity_type\": \"user\", \"entity_id\": 3, \"modified_at\": 1, \"is_deleted\": false, \"data\": {}}], \"cursor\": \"c\", \"has_more\": false}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-deleted-string", EP_PULL, 200, NULL,
    "{\"changes\": [{\"entity_type\": \"user\", \"entity_id\": 3, \"modified_at\": \"x\", \"is_deleted\": \"false\", \"data\": {}}], \"cursor\": \"c\", \"has_more\": false}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-data-array", EP_PULL, 200, NULL, PULL_OK_CHANGE ("\"data\": [1]"), QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-data-missing", EP_PULL, 200, NULL, PULL_OK_CHANGE ("\"x\": 1"), QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-deep-nesting", EP_PULL, 200, NULL, NULL /* generated */, QUORUM_API_ERROR_BAD_RESPONSE },
  { "pull-10mb-title", EP_PULL, 200, NULL, NULL /* generated */, QUORUM_API_ERROR_BAD_RESPONSE },
  /* Push answer */
  { "push-no-results", EP_PUSH, 200, NULL, "{\"result\": []}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-results-object", EP_PUSH, 200, NULL, "{\"results\": {}}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-count-mismatch", EP_PUSH, 200, NULL, "{\"results\": []}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-status-unknown", EP_PUSH, 200, NULL, "{\"results\": [{\"change_id\": \"c1\", \"status\": \"maybe\"}]}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-change-id-int", EP_PUSH, 200, NULL, "{\"results\": [{\"change_id\": 1, \"status\": \"conflict\"}]}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-applied-no-id", EP_PUSH, 200, NULL, "{\"results\": [{\"change_id\": \"c1\", \"status\": \"applied\", \"modified_at\": \"x\"}]}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-duplicate-string", EP_PUSH, 200, NULL,
    "{\"results\": [{\"change_id\": \"c1\", \"status\": \"applied\", \"entity_id\": 4, \"modified_at\": \"x\", \"duplicate\": \"yes\"}]}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-error-string", EP_PUSH, 200, NULL, "{\"results\": [{\"change_id\": \"c1\", \"status\": \"rejected\", \"error\": \"no\"}]}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-conflicts-bad", EP_PUSH, 409, NULL,
    "{\"code\": \"sync_conflict\", \"results\": [{\"change_id\": \"c1\", \"status\": \"conflict\"}], \"conflicts\": [{\"change_id\": \"c1\", \"entity_id\": \"2\"}]}",
    QUORUM_API_ERROR_BAD_RESPONSE },
  { "push-409-not-sync", EP_PUSH, 409, NULL, "{\"code\": \"meeting_conflict\", \"message\": \"x\"}", QUORUM_API_ERROR_MEETING_CONFLICT },
  /* Token answers */
  { "token-access-int", EP_LOGIN, 200, NULL, "{\"access\": 1, \"refresh\": \"r\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "token-no-refresh", EP_LOGIN, 200, NULL, "{\"access\": \"a.b.c\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "token-empty-access", EP_LOGIN, 200, NULL, "{\"access\": \"\", \"refresh\": \"r\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "token-drf-401", EP_LOGIN, 401, NULL, "{\"detail\": \"No active account found with the given credentials\"}", QUORUM_API_ERROR_INVALID_CREDENTIALS },
  /* Other endpoints */
  { "resolve-status-missing", EP_RESOLVE, 200, NULL, "{\"data\": null}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "resolve-created-string", EP_RESOLVE, 200, NULL, "{\"status\": \"applied\", \"created\": \"x\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "check-not-ok", EP_CHECK, 200, NULL, "{\"ok\": false}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "freebusy-busy-bad", EP_FREEBUSY, 200, NULL, "{\"users\": [{\"user_id\": 1, \"busy\": [{\"start\": 5}]}]}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "integrations-bad", EP_INTEGRATIONS, 200, NULL, "{\"integrations\": [{\"provider\": \"google\", \"status\": null}]}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "reauthorize-file-url", EP_REAUTHORIZE, 200, NULL, "{\"authorization_url\": \"file:///etc/passwd\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "reauthorize-http-remote", EP_REAUTHORIZE, 200, NULL, "{\"authorization_url\": \"http://evil.example/\"}", QUORUM_API_ERROR_BAD_RESPONSE },
  { "integration-sync-bad", EP_INTEGRATION_SYNC, 202, NULL, "{\"status\": [\"queued\"]}", QUORUM_API_ERROR_BAD_RESPONSE },
  /* DRF-native shapes and throttling */
  { "drf-token-not-valid", EP_ME, 401, NULL,
    "{\"detail\": \"Given token not valid for any token type\", \"code\": \"token_not_valid\", \"messages\": []}",
    QUORUM_API_ERROR_TOKEN_INVALID },
  { "drf-throttled", EP_ME, 429, NULL, "{\"detail\": \"Request was throttled. Expected available in 12 seconds.\"}", QUORUM_API_ERROR_RATE_LIMITED },
  { "drf-validation", EP_CHECK, 400, NULL, "{\"title\": [\"This field is required.\"]}", QUORUM_API_ERROR_VALIDATION },
  { "429-header-only", EP_HEALTH, 429, "Retry-After: 7\r\n", "", QUORUM_API_ERROR_RATE_LIMITED },
  { "429-body-only", EP_HEALTH, 429, NULL, "{\"code\": \"rate_limit_exceeded\", \"message\": \"x\", \"retry_after\": 9}", QUORUM_API_ERROR_RATE_LIMITED },
  { "429-negative", EP_HEALTH, 429, NULL, "{\"code\": \"rate_limit_exceeded\", \"retry_after\": -5}", QUORUM_API_ERROR_RATE_LIMITED },
  { "429-absurd", EP_HEALTH, 429, "Retry-After: 99999999999999999999\r\n", "{\"retry_after\": 1000000000000000}", QUORUM_API_ERROR_RATE_LIMITED },
  { "429-string", EP_HEALTH, 429, "Retry-After: soon\r\n", "{\"retry_after\": \"soon\"}", QUORUM_API_ERROR_RATE_LIMITED },
};

/* The retry_after each throttle case must end up with. */
static const struct { const char *name; gint64 seconds; } expected_waits[] = {
  { "drf-throttled", 12 }, { "429-header-only", 7 }, { "429-body-only", 9 },
  { "429-negative", 60 }, { "429-absurd", 86400 }, { "429-string", 60 },
};

static RawServer *server;

static const Case *
find_case (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].name, name))
      return &cases[i];
  return NULL;
}

static GBytes *
token_answer (void)
{
  static guint n;
  g_autofree char *access = test_make_jwt (g_get_real_time () / G_USEC_PER_SEC + 3600, ++n);
  g_autofree char *body = g_strdup_printf ("{\"access\": \"%s\", \"refresh\": \"refresh-%u\"}", access, n);
  return raw_http (200, NULL, body, -1);
}

static GBytes *
generated_body (const Case *c)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (g_str_equal (c->name, "pull-deep-nesting"))
    {
      g_string_append (s, "{\"changes\": ");
      for (guint i = 0; i < 200000; i++)
        g_string_append_c (s, '[');
      for (guint i = 0; i < 200000; i++)
        g_string_append_c (s, ']');
      g_string_append (s, ", \"cursor\": \"c\", \"has_more\": false}");
    }
  else
    {
      g_string_append (s, "{\"changes\": [{\"entity_type\": \"meeting\", \"entity_id\": 1, "
                          "\"modified_at\": \"x\", \"is_deleted\": false, \"data\": {\"title\": \"");
      for (guint i = 0; i < 10 * 1024 * 1024; i++)
        g_string_append_c (s, 'A');
      g_string_append (s, "\"}}], \"cursor\": \"c\", \"has_more\": false}");
    }
  return raw_http (c->status, c->headers, s->str, s->len);
}

static GBytes *
answer (const char *case_name,
        const char *method,
        const char *path,
        gpointer    user_data)
{
  const Case *c = find_case (case_name);
  gboolean token_case = c != NULL && c->endpoint == EP_LOGIN;

  if (!token_case && (g_str_equal (path, "/api/token/") || g_str_equal (path, "/api/token/refresh/")))
    return token_answer ();
  if (g_str_equal (case_name, "hung"))
    {
      /* A server that accepted the connection and then says nothing. */
      g_usleep (4 * G_USEC_PER_SEC);
      return NULL;
    }
  if (c == NULL)
    return raw_http (404, NULL, "{\"code\": \"not_found\", \"message\": \"no case\"}", -1);
  if (c->body == NULL && c->status == 0)
    return NULL;
  if (c->body == NULL)
    return generated_body (c);
  if (c->status == 0)
    return g_bytes_new_static (c->body, strlen (c->body));
  return raw_http (c->status, c->headers, c->body, -1);
}

/* ---- Driving the client ------------------------------------------------- */

typedef struct {
  gboolean  done;
  gpointer  value;
  GDestroyNotify free_value;
  GError   *error;
  Endpoint  endpoint;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  if (o->value != NULL && o->free_value != NULL)
    o->free_value (o->value);
  g_clear_error (&o->error);
}

static void
finished_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Outcome *o = user_data;
  QuorumApi *api = QUORUM_API (object);

  switch (o->endpoint)
    {
    case EP_HEALTH:
      o->value = quorum_api_health_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) quorum_api_health_free;
      break;
    case EP_LOGIN:
      o->value = quorum_api_login_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) quorum_api_tokens_free;
      break;
    case EP_ME:
      o->value = quorum_api_me_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) json_object_unref;
      break;
    case EP_PULL:
      o->value = quorum_api_pull_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) quorum_api_pull_page_free;
      break;
    case EP_PUSH:
      o->value = quorum_api_push_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) quorum_api_push_answer_free;
      break;
    case EP_RESOLVE:
      o->value = quorum_api_resolve_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) quorum_api_resolve_answer_free;
      break;
    case EP_CHECK:
      o->value = GINT_TO_POINTER (quorum_api_check_finish (api, result, &o->error));
      break;
    case EP_FREEBUSY:
      o->value = quorum_api_freebusy_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) json_object_unref;
      break;
    case EP_INTEGRATIONS:
      o->value = quorum_api_integrations_finish (api, result, &o->error);
      o->free_value = (GDestroyNotify) g_ptr_array_unref;
      break;
    case EP_REAUTHORIZE:
      o->value = quorum_api_reauthorize_finish (api, result, &o->error);
      o->free_value = g_free;
      break;
    case EP_INTEGRATION_SYNC:
      o->value = quorum_api_integration_sync_finish (api, result, &o->error);
      o->free_value = g_free;
      break;
    }
  o->done = TRUE;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

typedef struct {
  char       *dir;
  QuorumApi  *api;
  QuorumAuth *auth;
} Client;

static void
client_free (Client *client)
{
  g_clear_object (&client->auth);
  g_clear_object (&client->api);
  g_free (client->dir);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static Client *
client_new (const char *case_name,
            gboolean    login)
{
  Client *client = g_new0 (Client, 1);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/%s", raw_server_get_port (server), case_name);
  g_autofree char *token_path = NULL;
  g_autoptr(QuorumTokenStore) store = NULL;
  g_autoptr(GError) error = NULL;

  client->dir = g_dir_make_tmp ("quorum-api-XXXXXX", &error);
  g_assert_no_error (error);
  token_path = g_build_filename (client->dir, "tokens.json", NULL);
  store = quorum_token_store_new_file (token_path);
  client->api = quorum_api_new (url, &error);
  g_assert_no_error (error);
  quorum_api_set_timeout (client->api, 10);
  client->auth = quorum_auth_new (client->api, store, "ayse");

  if (login)
    {
      g_autoptr(GAsyncResult) result = NULL;

      quorum_auth_login_async (client->auth, "secret", NULL, done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      quorum_auth_login_finish (client->auth, result, &error);
      g_assert_no_error (error);
    }
  return client;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
call (Client   *client,
      Endpoint  endpoint,
      Outcome  *o)
{
  QuorumApi *api = client->api;
  static const gint64 users[] = { 1, 2 };

  memset (o, 0, sizeof *o);
  o->endpoint = endpoint;
  switch (endpoint)
    {
    case EP_HEALTH:
      quorum_api_health_async (api, NULL, finished_cb, o);
      break;
    case EP_LOGIN:
      quorum_api_login_async (api, "ayse", "secret", NULL, finished_cb, o);
      break;
    case EP_ME:
      quorum_api_me_async (api, NULL, finished_cb, o);
      break;
    case EP_PULL:
      quorum_api_pull_async (api, "c0", 500, NULL, finished_cb, o);
      break;
    case EP_PUSH:
      {
        g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
        g_ptr_array_add (changes, parse_object ("{\"change_id\": \"c1\", \"entity_type\": \"meeting\", "
                                                "\"action\": \"delete\", \"id\": 4, \"base_modified_at\": \"x\"}"));
        quorum_api_push_async (api, "client-1", changes, NULL, finished_cb, o);
      }
      break;
    case EP_RESOLVE:
      {
        g_autoptr(JsonObject) request = parse_object ("{\"client_id\": \"c\", \"change_id\": \"r1\", \"meeting_id\": 2, "
                                                      "\"resolution\": \"keep_local\", \"server_version\": \"x\", "
                                                      "\"local_changes\": {\"title\": \"T\"}}");
        quorum_api_resolve_async (api, request, NULL, finished_cb, o);
      }
      break;
    case EP_CHECK:
      {
        g_autoptr(JsonObject) meeting = parse_object ("{\"title\": \"T\", \"room_id\": 3}");
        quorum_api_check_async (api, meeting, NULL, finished_cb, o);
      }
      break;
    case EP_FREEBUSY:
      quorum_api_freebusy_async (api, users, 2, NULL, 0, 0, (gint64) 3600 * G_USEC_PER_SEC, NULL, finished_cb, o);
      break;
    case EP_INTEGRATIONS:
      quorum_api_integrations_async (api, NULL, finished_cb, o);
      break;
    case EP_REAUTHORIZE:
      quorum_api_reauthorize_async (api, "google", NULL, finished_cb, o);
      break;
    case EP_INTEGRATION_SYNC:
      quorum_api_integration_sync_async (api, "outlook", NULL, finished_cb, o);
      break;
    }
  test_wait_for (&o->done);
}

static gboolean
needs_login (Endpoint e)
{
  return e != EP_HEALTH && e != EP_LOGIN;
}

/* ---- Tests -------------------------------------------------------------- */

static void
test_hostile_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 30);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(Client) client = client_new (c->name, needs_login (c->endpoint));
      const QuorumApiErrorInfo *info;
      Outcome o;

      g_test_message ("case %s", c->name);
      call (client, c->endpoint, &o);
      if (o.error == NULL)
        g_error ("case %s: expected %s, got success", c->name,
                 quorum_api_error_code_to_string (c->expected));
      if (!g_error_matches (o.error, QUORUM_API_ERROR, (gint) c->expected))
        g_error ("case %s: expected %s, got %s %d: %s", c->name,
                 quorum_api_error_code_to_string (c->expected),
                 g_quark_to_string (o.error->domain), o.error->code, o.error->message);
      info = quorum_api_error_get_info (o.error);
      g_assert_nonnull (info);
      if (c->status >= 400 && c->expected != QUORUM_API_ERROR_BAD_RESPONSE)
        g_assert_cmpuint (info->status, ==, c->status);
      /* Error texts end up in logs and dialogs: they stay short. */
      g_assert_cmpuint (strlen (o.error->message), <, 2048);
      if (c->expected == QUORUM_API_ERROR_RATE_LIMITED)
        {
          gint64 wait = -1;
          for (guint w = 0; w < G_N_ELEMENTS (expected_waits); w++)
            if (g_str_equal (expected_waits[w].name, c->name))
              wait = expected_waits[w].seconds;
          g_assert_cmpint (info->retry_after, ==, wait);
          g_assert_cmpint (quorum_api_get_not_before (client->api), >, g_get_real_time ());
        }
      outcome_clear (&o);
    }
}

static void
test_token_invalid_refreshes_once (void)
{
  g_autoptr(Client) client = client_new ("drf-token-not-valid", TRUE);
  Outcome o;

  call (client, EP_ME, &o);
  g_assert_error (o.error, QUORUM_API_ERROR, QUORUM_API_ERROR_TOKEN_INVALID);
  /* Refused, refreshed once, retried once, refused again: no loop. */
  g_assert_cmpuint (raw_server_count (server, "drf-token-not-valid", "/api/v1/me/"), >=, 2);
  g_assert_cmpuint (raw_server_count (server, "drf-token-not-valid", "/api/token/refresh/"), >=, 1);
  outcome_clear (&o);

  {
    guint me_before = raw_server_count (server, "drf-token-not-valid", "/api/v1/me/");
    guint refresh_before = raw_server_count (server, "drf-token-not-valid", "/api/token/refresh/");
    call (client, EP_ME, &o);
    g_assert_error (o.error, QUORUM_API_ERROR, QUORUM_API_ERROR_TOKEN_INVALID);
    g_assert_cmpuint (raw_server_count (server, "drf-token-not-valid", "/api/v1/me/"), ==, me_before + 2);
    g_assert_cmpuint (raw_server_count (server, "drf-token-not-valid", "/api/token/refresh/"), ==, refresh_before + 1);
    outcome_clear (&o);
  }
}

/* §2 shapes: the whole error object reaches the caller. */
static const Case shapes[] = {
  { "s-validation", EP_CHECK, 400, NULL,
    "{\"code\": \"validation_error\", \"message\": \"Geçersiz\", \"fields\": {\"title\": [\"too long\"]}}",
    QUORUM_API_ERROR_VALIDATION },
  { "s-credentials", EP_LOGIN, 401, NULL,
    "{\"code\": \"invalid_credentials\", \"message\": \"Kullanıcı adı veya şifre hatalı\"}",
    QUORUM_API_ERROR_INVALID_CREDENTIALS },
  { "s-token", EP_ME, 401, NULL,
    "{\"code\": \"token_invalid\", \"message\": \"Token geçersiz veya süresi dolmuş\"}",
    QUORUM_API_ERROR_TOKEN_INVALID },
  { "s-permission", EP_RESOLVE, 403, NULL,
    "{\"code\": \"permission_denied\", \"message\": \"Yetkiniz yok\"}",
    QUORUM_API_ERROR_PERMISSION_DENIED },
  { "s-not-found", EP_RESOLVE, 404, NULL,
    "{\"code\": \"not_found\", \"message\": \"Bulunamadı\"}",
    QUORUM_API_ERROR_NOT_FOUND },
  { "s-meeting-conflict", EP_CHECK, 409, NULL,
    "{\"code\": \"meeting_conflict\", \"message\": \"Toplantı çakışması tespit edildi\", "
    "\"conflict_details\": {\"existing_meeting\": {\"id\": 1, \"title\": \"Mevcut Toplantı\", "
    "\"start_time\": \"2025-02-01T10:00:00.000000Z\", \"end_time\": \"2025-02-01T11:00:00.000000Z\"}}}",
    QUORUM_API_ERROR_MEETING_CONFLICT },
  { "s-participant", EP_RESOLVE, 409, NULL,
    "{\"code\": \"participant_unavailable\", \"message\": \"Katılımcı(lar) müsait değil\", "
    "\"unavailable_participants\": [{\"id\": 1, \"name\": \"John Doe\", \"conflict_meeting\": {\"id\": 2, "
    "\"title\": \"Diğer Toplantı\", \"start_time\": \"2025-02-01T10:30:00.000000Z\", \"end_time\": \"2025-02-01T11:30:00.000000Z\"}}]}",
    QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE },
  { "s-sync-conflict", EP_RESOLVE, 409, NULL,
    "{\"code\": \"sync_conflict\", \"message\": \"Veri çakışması tespit edildi\", \"conflicts\": [{\"change_id\": \"r1\", "
    "\"entity_id\": 2, \"entity_type\": \"meeting\", \"server_version\": \"v2\", \"local_version\": \"v1\", \"server_data\": null}]}",
    QUORUM_API_ERROR_SYNC_CONFLICT },
  { "s-cursor", EP_PULL, 410, NULL,
    "{\"code\": \"cursor_expired\", \"message\": \"Eski imleç\"}",
    QUORUM_API_ERROR_CURSOR_EXPIRED },
  { "s-rate", EP_PULL, 429, "Retry-After: 300\r\n",
    "{\"code\": \"rate_limit_exceeded\", \"message\": \"Çok fazla istek gönderildi\", \"retry_after\": 300}",
    QUORUM_API_ERROR_RATE_LIMITED },
  { "s-server", EP_PUSH, 500, NULL,
    "{\"code\": \"server_error\", \"message\": \"Sunucu hatası\", \"details\": \"database is down\"}",
    QUORUM_API_ERROR_SERVER },
  { "s-sync-failed", EP_PUSH, 503, NULL,
    "{\"code\": \"sync_failed\", \"message\": \"Senkronizasyon başarısız\", \"details\": {\"celery\": \"down\"}}",
    QUORUM_API_ERROR_SERVER },
};

static GBytes *
shape_answer (const char *case_name,
              const char *method,
              const char *path,
              gpointer    user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (g_str_equal (shapes[i].name, case_name))
      {
        if (shapes[i].endpoint != EP_LOGIN &&
            (g_str_equal (path, "/api/token/") || g_str_equal (path, "/api/token/refresh/")))
          return token_answer ();
        return raw_http (shapes[i].status, shapes[i].headers, shapes[i].body, -1);
      }
  return answer (case_name, method, path, user_data);
}

static void
test_contract_shapes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      const Case *c = &shapes[i];
      g_autoptr(Client) client = client_new (c->name, needs_login (c->endpoint));
      g_autoptr(JsonNode) expected = json_from_string (c->body, NULL);
      const QuorumApiErrorInfo *info;
      g_autoptr(GError) copy = NULL;
      Outcome o;

      call (client, c->endpoint, &o);
      g_assert_error (o.error, QUORUM_API_ERROR, (gint) c->expected);
      info = quorum_api_error_get_info (o.error);
      g_assert_nonnull (info);
      g_assert_cmpuint (info->status, ==, c->status);
      g_assert_nonnull (info->body);
      g_assert_nonnull (info->message);
      g_assert_true (json_object_equal (json_node_get_object (expected), info->body));

      /* The info travels with copies of the error. */
      copy = g_error_copy (o.error);
      g_assert_true (quorum_api_error_get_info (copy)->body == info->body);

      if (c->expected == QUORUM_API_ERROR_MEETING_CONFLICT)
        {
          JsonObject *details = json_object_get_object_member (info->body, "conflict_details");
          JsonObject *existing = json_object_get_object_member (details, "existing_meeting");
          g_assert_cmpint (json_object_get_int_member (existing, "id"), ==, 1);
        }
      else if (c->expected == QUORUM_API_ERROR_PARTICIPANT_UNAVAILABLE)
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info->body, "unavailable_participants")), ==, 1);
      else if (c->expected == QUORUM_API_ERROR_SYNC_CONFLICT)
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info->body, "conflicts")), ==, 1);
      else if (c->expected == QUORUM_API_ERROR_VALIDATION)
        g_assert_true (json_object_has_member (json_object_get_object_member (info->body, "fields"), "title"));
      else if (c->expected == QUORUM_API_ERROR_RATE_LIMITED)
        {
          guint before = raw_server_count (server, c->name, NULL);
          Outcome again;

          g_assert_cmpint (info->retry_after, ==, 300);
          g_assert_cmpint (quorum_api_get_not_before (client->api), >=, g_get_real_time () + 290 * G_USEC_PER_SEC);
          /* Refused locally: nothing reaches the server. */
          call (client, EP_HEALTH, &again);
          g_assert_error (again.error, QUORUM_API_ERROR, QUORUM_API_ERROR_RATE_LIMITED);
          g_assert_cmpuint (quorum_api_error_get_info (again.error)->status, ==, 0);
          g_assert_cmpuint (raw_server_count (server, c->name, NULL), ==, before);
          outcome_clear (&again);
        }
      else if (c->expected == QUORUM_API_ERROR_SERVER)
        g_assert_true (json_object_has_member (info->body, "details"));
      outcome_clear (&o);
    }
}

static void
test_push_conflict_is_an_answer (void)
{
  g_autoptr(Client) client = client_new ("push-ok-409", TRUE);
  QuorumApiPushAnswer *push;
  QuorumApiPushResult *result;
  QuorumApiConflict *conflict;
  Outcome o;

  call (client, EP_PUSH, &o);
  g_assert_no_error (o.error);
  push = o.value;
  g_assert_cmpuint (push->status, ==, 409);
  g_assert_cmpuint (push->results->len, ==, 1);
  result = g_ptr_array_index (push->results, 0);
  g_assert_cmpint (result->status, ==, QUORUM_PUSH_CONFLICT);
  g_assert_cmpstr (result->change_id, ==, "c1");
  g_assert_cmpuint (push->conflicts->len, ==, 1);
  conflict = g_ptr_array_index (push->conflicts, 0);
  g_assert_cmpint (conflict->entity_id, ==, 4);
  g_assert_cmpstr (conflict->server_version, ==, "v2");
  g_assert_null (conflict->server_data);
  outcome_clear (&o);
}

static void
test_pull_page (void)
{
  g_autoptr(Client) client = client_new ("pull-ok", TRUE);
  QuorumApiPullPage *page;
  QuorumApiChange *change;
  g_autofree char *head = NULL;
  Outcome o;

  call (client, EP_PULL, &o);
  g_assert_no_error (o.error);
  page = o.value;
  /* The "calendar" entity is skipped, the others kept in order. */
  g_assert_cmpuint (page->changes->len, ==, 2);
  change = g_ptr_array_index (page->changes, 0);
  g_assert_cmpint (change->entity_type, ==, QUORUM_ENTITY_MEETING);
  g_assert_cmpint (change->entity_id, ==, 12);
  g_assert_cmpstr (json_object_get_string_member (change->data, "title"), ==, "Proje Toplantısı");
  change = g_ptr_array_index (page->changes, 1);
  g_assert_true (change->is_deleted);
  g_assert_null (change->data);
  g_assert_cmpstr (page->cursor, ==, "next page");
  g_assert_true (page->has_more);

  /* The request: cursor escaped, gzip offered, our User-Agent, a token. */
  head = raw_server_last_head (server);
  g_assert_nonnull (strstr (head, "GET /pull-ok/api/v1/sync/changes/?cursor=c0&limit=500 "));
  g_assert_nonnull (strcasestr (head, "\r\nAccept-Encoding: gzip"));
  g_assert_nonnull (strcasestr (head, "\r\nUser-Agent: Quorum/"));
  g_assert_nonnull (strcasestr (head, "\r\nAuthorization: Bearer "));
  outcome_clear (&o);
}

static void
test_gzip_body (void)
{
  g_autoptr(Client) client = client_new ("gzip-ok", FALSE);
  Outcome o;

  call (client, EP_HEALTH, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (((QuorumApiHealth *) o.value)->status, ==, "ok");
  g_assert_cmpint (((QuorumApiHealth *) o.value)->server_time, >, 0);
  outcome_clear (&o);
}

static GBytes *
gzip_bytes (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
answer_all (const char *case_name,
            const char *method,
            const char *path,
            gpointer    user_data)
{
  if (g_str_equal (case_name, "push-ok-409") && g_str_equal (path, "/api/v1/sync/push/"))
    return raw_http (409, NULL,
                     "{\"results\": [{\"change_id\": \"c1\", \"id\": 4, \"status\": \"conflict\"}], "
                     "\"code\": \"sync_conflict\", \"message\": \"Veri çakışması\", \"conflicts\": [{\"change_id\": \"c1\", "
                     "\"entity_id\": 4, \"entity_type\": \"meeting\", \"server_version\": \"v2\", "
                     "\"local_version\": \"v1\", \"server_data\": null, \"future_member\": [1]}], \"extra\": {}}", -1);
  if (g_str_equal (case_name, "pull-ok") && g_str_has_prefix (path, "/api/v1/sync/changes/"))
    return raw_http (200, NULL,
                     "{\"changes\": [{\"entity_type\": \"meeting\", \"entity_id\": 12, \"modified_at\": \"2025-01-30T20:25:00.123456Z\", "
                     "\"is_deleted\": false, \"data\": {\"id\": 12, \"title\": \"Proje Toplantısı\"}}, "
                     "{\"entity_type\": \"calendar\", \"entity_id\": \"whatever\", \"data\": 5}, "
                     "{\"entity_type\": \"meeting\", \"entity_id\": 13, \"modified_at\": \"2025-01-30T20:25:01.000000Z\", "
                     "\"is_deleted\": true, \"data\": null}], \"cursor\": \"next page\", \"has_more\": true, "
                     "\"sync_time\": \"2025-01-30T20:26:00.000000Z\"}", -1);
  if (g_str_equal (case_name, "gzip-ok"))
    {
      g_autoptr(GBytes) gz = gzip_bytes ("{\"status\": \"ok\", \"server_time\": \"2025-01-30T20:26:00.000000Z\"}");
      return raw_http (200, "Content-Encoding: gzip\r\n", g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));
    }
  return shape_answer (case_name, method, path, user_data);
}

static void
test_base_urls (void)
{
  static const struct { const char *url; const char *normal; } good[] = {
    { "https://meet.example.org", "https://meet.example.org" },
    { "https://meet.example.org/", "https://meet.example.org" },
    { "https://meet.example.org/quorum/", "https://meet.example.org/quorum" },
    { "http://127.0.0.1:8000", "http://127.0.0.1:8000" },
    { "http://127.8.9.10/", "http://127.8.9.10" },
    { "http://localhost:8000/", "http://localhost:8000" },
    { "http://[::1]:8000", "http://[::1]:8000" },
  };
  static const char *const insecure[] = {
    "http://meet.example.org", "http://10.0.0.1/", "http://128.0.0.1", "ftp://127.0.0.1/",
    "https://", "not a url", "", "https://meet.example.org/?x=1", "https://user:pw@meet.example.org",
    "http://localhost.evil.example/", "http://[::2]/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normal = quorum_api_normalize_base_url (good[i].url, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normal, ==, good[i].normal);
    }
  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QuorumApi) api = quorum_api_new (insecure[i], &error);
      g_assert_null (api);
      g_assert_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INSECURE_URL);
    }
}

static void
test_login_required (void)
{
  g_autoptr(Client) client = client_new ("nobody", FALSE);
  Outcome o;

  call (client, EP_PULL, &o);
  g_assert_error (o.error, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED);
  outcome_clear (&o);
  g_assert_cmpuint (raw_server_count (server, "nobody", NULL), ==, 0);

  /* An api without any auth attached at all. */
  g_clear_object (&client->auth);
  call (client, EP_ME, &o);
  g_assert_error (o.error, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED);
  outcome_clear (&o);
}

static void
test_network_refused (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Client) client = NULL;
  g_autofree char *url = NULL;
  guint16 port;
  Outcome o;

  /* A port that was free a moment ago and is closed now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  client = client_new ("x", FALSE);
  g_clear_object (&client->auth);
  g_clear_object (&client->api);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client->api = quorum_api_new (url, &error);
  g_assert_no_error (error);
  call (client, EP_HEALTH, &o);
  g_assert_error (o.error, QUORUM_API_ERROR, QUORUM_API_ERROR_NETWORK);
  outcome_clear (&o);
}

static void
test_timeout (void)
{
  g_autoptr(Client) client = client_new ("hung", FALSE);
  Outcome o;

  quorum_api_set_timeout (client->api, 1);
  call (client, EP_HEALTH, &o);
  g_assert_error (o.error, QUORUM_API_ERROR, QUORUM_API_ERROR_NETWORK);
  outcome_clear (&o);
}

static void
test_cancelled (void)
{
  g_autoptr(Client) client = client_new ("pull-ok", FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };

  o.endpoint = EP_HEALTH;
  g_cancellable_cancel (cancellable);
  quorum_api_health_async (client->api, cancellable, finished_cb, &o);
  test_wait_for (&o.done);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&o);
}

static void
test_jwt (void)
{
  g_autofree char *jwt = test_make_jwt (1900000000, 1);

  g_assert_cmpint (quorum_jwt_get_expiry (jwt), ==, 1900000000);
  g_assert_cmpint (quorum_jwt_get_expiry (NULL), ==, 0);
  g_assert_cmpint (quorum_jwt_get_expiry (""), ==, 0);
  g_assert_cmpint (quorum_jwt_get_expiry ("a.b"), ==, 0);
  g_assert_cmpint (quorum_jwt_get_expiry ("a.!!!.c"), ==, 0);
  g_assert_cmpint (quorum_jwt_get_expiry ("a.eyJleHAiOiJ4In0.c"), ==, 0);    /* {"exp":"x"} */
  g_assert_cmpint (quorum_jwt_get_expiry ("a.WzFd.c"), ==, 0);               /* [1] */
  g_assert_cmpint (quorum_jwt_get_expiry ("a.eyJleHAiOjE1fQ.c"), ==, 15);    /* {"exp":15} */
  g_assert_cmpint (quorum_jwt_get_expiry ("a.eyJleHAiOi0xfQ.c"), ==, 0);     /* {"exp":-1} */
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  server = raw_server_new (answer_all, NULL);

  g_test_add_func ("/api/errors/hostile-table", test_hostile_table);
  g_test_add_func ("/api/errors/contract-shapes", test_contract_shapes);
  g_test_add_func ("/api/errors/token-invalid-refreshes-once", test_token_invalid_refreshes_once);
  g_test_add_func ("/api/errors/login-required", test_login_required);
  g_test_add_func ("/api/errors/network-refused", test_network_refused);
  g_test_add_func ("/api/errors/cancelled", test_cancelled);
  g_test_add_func ("/api/errors/timeout", test_timeout);
  g_test_add_func ("/api/base-url", test_base_urls);
  g_test_add_func ("/api/pull-page", test_pull_page);
  g_test_add_func ("/api/push-409-is-an-answer", test_push_conflict_is_an_answer);
  g_test_add_func ("/api/gzip", test_gzip_body);
  g_test_add_func ("/api/jwt", test_jwt);

  status = g_test_run ();
  raw_server_free (server);
  return status;
}
