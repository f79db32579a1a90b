/* quorum-api.c — the session, base URL, TLS, rate limit and request core */
#include "config.h"

#include "quorum-api-private.h"

#include <string.h>

/* json-glib recurses per nesting level; the contract nests five deep. */
#define JSON_DEPTH_MAX   128
/* The longest text of the contract is 5000 characters; a megabyte is no
 * meeting but an attack or a broken server. */
#define JSON_STRING_MAX  (1024 * 1024)
#define READ_CHUNK       65536
#define DEFAULT_TIMEOUT  30

struct _QuorumApi {
  GObject           parent_instance;

  char             *base_url;
  SoupSession      *session;
  GTlsDatabase     *extra_ca;
  QuorumAuth       *auth;         /* weak */
  gint64            not_before;
};

G_DEFINE_TYPE (QuorumApi, quorum_api, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_NOT_BEFORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Base URL ----------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* GUri keeps IPv6 literals without brackets, but be lenient. */
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      gsize len = strlen (bare);
      if (len < 2 || bare[len - 1] != ']')
        return FALSE;
      bare[len - 1] = '\0';
      memmove (bare, bare + 1, len - 1);
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
quorum_api_normalize_base_url (const char *base_url,
                               GError    **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme, *host, *path;
  g_autofree char *text = NULL;
  gsize len;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INSECURE_URL,
                           "No server URL");
      return NULL;
    }
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INSECURE_URL,
                   "Invalid server URL: %s", local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INSECURE_URL,
                           "The server URL must be scheme://host[:port][/path]");
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host)))
    {
      g_set_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_INSECURE_URL,
                   "Refusing %s:// to %s: only https, or http to this computer",
                   scheme, host);
      return NULL;
    }

  text = g_uri_to_string (uri);
  path = g_uri_get_path (uri);
  len = strlen (text);
  /* Endpoint paths start with "/", so the base keeps no trailing one. */
  while (len > 0 && text[len - 1] == '/' && path != NULL && *path != '\0')
    text[--len] = '\0';
  return g_steal_pointer (&text);
}

/* ---- Object ------------------------------------------------------------- */

static void
quorum_api_finalize (GObject *object)
{
  QuorumApi *self = QUORUM_API (object);

  g_clear_weak_pointer (&self->auth);
  g_clear_object (&self->session);
  g_clear_object (&self->extra_ca);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (quorum_api_parent_class)->finalize (object);
}

static void
quorum_api_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  QuorumApi *self = QUORUM_API (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_int64 (value, self->not_before);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_api_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  QuorumApi *self = QUORUM_API (object);

  switch (prop_id)
    {
    case PROP_NOT_BEFORE:
      quorum_api_set_not_before (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_api_class_init (QuorumApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = quorum_api_finalize;
  object_class->get_property = quorum_api_get_property;
  object_class->set_property = quorum_api_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOT_BEFORE] =
    g_param_spec_int64 ("not-before", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quorum_api_init (QuorumApi *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Quorum/%s", PACKAGE_VERSION);

  /* libsoup 3 sessions carry a SoupContentDecoder by default: it sends
   * Accept-Encoding: gzip, deflate and inflates the body (tested). */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", DEFAULT_TIMEOUT,
                                                 NULL);
}

QuorumApi *
quorum_api_new (const char *base_url,
                GError    **error)
{
  g_autofree char *normal = quorum_api_normalize_base_url (base_url, error);
  QuorumApi *self;

  if (normal == NULL)
    return NULL;
  self = g_object_new (QUORUM_TYPE_API, NULL);
  self->base_url = g_steal_pointer (&normal);
  return self;
}

const char *
quorum_api_get_base_url (QuorumApi *self)
{
  g_return_val_if_fail (QUORUM_IS_API (self), NULL);
  return self->base_url;
}

GObject *
quorum_api_get_session (QuorumApi *self)
{
  g_return_val_if_fail (QUORUM_IS_API (self), NULL);
  return G_OBJECT (self->session);
}

void
quorum_api_set_timeout (QuorumApi *self,
                        guint      seconds)
{
  g_return_if_fail (QUORUM_IS_API (self));
  g_object_set (self->session, "timeout", seconds, "idle-timeout", seconds, NULL);
}

void
quorum_api_set_auth (QuorumApi  *self,
                     QuorumAuth *auth)
{
  g_return_if_fail (QUORUM_IS_API (self));
  g_set_weak_pointer (&self->auth, auth);
}

gboolean
quorum_api_set_ca_file (QuorumApi  *self,
                        const char *ca_file,
                        GError    **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QUORUM_IS_API (self), FALSE);

  if (ca_file != NULL)
    {
      database = g_tls_file_database_new (ca_file, &local_error);
      if (database == NULL)
        {
          g_set_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_TLS,
                       "Cannot load the CA file %s: %s", ca_file, local_error->message);
          return FALSE;
        }
    }
  g_set_object (&self->extra_ca, database);
  return TRUE;
}

gint64
quorum_api_get_not_before (QuorumApi *self)
{
  g_return_val_if_fail (QUORUM_IS_API (self), 0);
  return self->not_before;
}

void
quorum_api_set_not_before (QuorumApi *self,
                           gint64     not_before)
{
  g_return_if_fail (QUORUM_IS_API (self));
  not_before = MAX (not_before, 0);
  if (self->not_before == not_before)
    return;
  self->not_before = not_before;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOT_BEFORE]);
}

/* ---- Body parsing ------------------------------------------------------- */

static gboolean
scan_json_limits (const guint8 *data,
                  gsize         size)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gsize string_start = 0;

  for (gsize i = 0; i < size; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (i - string_start > JSON_STRING_MAX)
                return FALSE;
            }
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          string_start = i;
          break;
        case '[':
        case '{':
          if (++depth > JSON_DEPTH_MAX)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return !in_string || size - string_start <= JSON_STRING_MAX;
}

JsonNode *
quorum_api_parse_body (const guint8 *data,
                       gsize         size,
                       GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (size == 0)
    return NULL;
  if (size > QUORUM_API_MAX_BODY)
    {
      g_set_error_literal (error, QUORUM_API_ERROR, QUORUM_API_ERROR_BAD_RESPONSE,
                           "The server's answer is too large");
      return NULL;
    }
  if (!g_utf8_validate_len ((const char *) data, size, NULL))
    {
      g_set_error_literal (error, QUORUM_API_ERROR, QUORUM_API_ERROR_BAD_RESPONSE,
                           "The server's answer is not UTF-8");
      return NULL;
    }
  if (!scan_json_limits (data, size))
    {
      g_set_error_literal (error, QUORUM_API_ERROR, QUORUM_API_ERROR_BAD_RESPONSE,
                           "The server's answer nests too deep or holds an absurdly long string");
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, &local_error))
    {
      g_set_error (error, QUORUM_API_ERROR, QUORUM_API_ERROR_BAD_RESPONSE,
                   "The server's answer is not JSON: %s", local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* ---- Request core ------------------------------------------------------- */

typedef struct {
  char               *method;
  char               *path;
  GBytes             *body;
  QuorumApiCallFlags  flags;
  QuorumAuth         *auth;
  guint               generation;
  gboolean            retried;
  guint               status;
  SoupMessage        *message;
  GInputStream       *stream;
  GByteArray         *buffer;
  gboolean            parsed;      /* body parsed off the main thread: */
  JsonNode           *node;        /*   its tree, or */
  GError             *parse_error; /*   why it is not JSON */
} Call;

static void
call_free (Call *call)
{
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->path, g_free);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_object (&call->auth);
  g_clear_object (&call->message);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_pointer (&call->node, json_node_unref);
  g_clear_error (&call->parse_error);
  g_free (call);
}

static void call_start_attempt (GTask *task);
static void call_refreshed_cb  (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);

static GError *
transport_error (GError *error)
{
  QuorumApiError code = QUORUM_API_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_TLS_ERROR)
    code = QUORUM_API_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR &&
           error->code != SOUP_SESSION_ERROR_MESSAGE_ALREADY_IN_QUEUE)
    code = QUORUM_API_ERROR_BAD_RESPONSE;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
           error->domain == G_CONVERT_ERROR)
    /* The content decoder choked: garbage, not a network failure. */
    code = QUORUM_API_ERROR_BAD_RESPONSE;
  return g_error_new (QUORUM_API_ERROR, code, "%s", error->message);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTlsDatabase *extra_ca = user_data;
  GUri *uri = soup_message_get_uri (message);
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;

  /* The system database refused the chain; accept it only if the user's
   * own CA file vouches for it, for this very host. */
  identity = g_network_address_new (g_uri_get_host (uri),
                                    g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443);
  flags = g_tls_database_verify_chain (extra_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                       NULL, &error);
  if (error != NULL)
    g_debug ("Certificate check against the extra CA failed: %s", error->message);
  return error == NULL && flags == 0;
}

static void
call_return_error (GTask  *task,
                   GError *error)
{
  g_task_return_error (task, error);
}

static void
call_finish_response (GTask *task)
{
  QuorumApi *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) parse_error = NULL;
  guint status = soup_message_get_status (call->message);

  call->status = status;
  GError *error;
  const QuorumApiErrorInfo *info;

  if (call->parsed)
    {
      node = g_steal_pointer (&call->node);
      parse_error = g_steal_pointer (&call->parse_error);
      call->parsed = FALSE;   /* a retried request parses its own answer */
    }
  else
    node = quorum_api_parse_body (call->buffer->data, call->buffer->len, &parse_error);

  g_debug ("%s %s -> %u (%u bytes)", call->method, call->path, status, call->buffer->len);

  if (status >= 200 && status <= 299)
    {
      if (parse_error != NULL)
        {
          call_return_error (task, g_steal_pointer (&parse_error));
          return;
        }
      g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
      return;
    }

  if ((call->flags & QUORUM_API_CALL_ACCEPT_SYNC_CONFLICT) && status == 409 &&
      node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *code = json_object_get_member (json_node_get_object (node), "code");
      if (code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
          json_node_get_value_type (code) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (code), "sync_conflict") == 0)
        {
          g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
          return;
        }
    }

  error = quorum_api_error_from_response (status,
                                          soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                                        "Retry-After"),
                                          node);
  info = quorum_api_error_get_info (error);

  if (error->code == QUORUM_API_ERROR_RATE_LIMITED)
    quorum_api_set_not_before (self, g_get_real_time () + info->retry_after * G_USEC_PER_SEC);

  if (error->code == QUORUM_API_ERROR_TOKEN_INVALID &&
      (call->flags & QUORUM_API_CALL_AUTH) && !call->retried && call->auth != NULL)
    {
      g_debug ("%s %s: access token refused, refreshing and retrying once",
               call->method, call->path);
      g_clear_error (&error);
      call->retried = TRUE;
      quorum_auth_refresh_async (call->auth, call->generation,
                                 g_task_get_cancellable (task),
                                 call_refreshed_cb, g_object_ref (task));
      return;
    }

  call_return_error (task, error);
}

/* Bodies larger than this (a page of a pull is about half a megabyte)
 * are parsed on a worker thread, so the window keeps drawing while a
 * first sync streams in; small answers are not worth the hop. */
#define PARSE_IN_THREAD_BYTES (64 * 1024)

static void
parse_in_thread (GTask        *parse,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Call *call = task_data;

  call->node = quorum_api_parse_body (call->buffer->data, call->buffer->len, &call->parse_error);
  call->parsed = TRUE;
  g_task_return_boolean (parse, TRUE);
}

static void
parse_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  call_finish_response (task);
}

static void
call_parse_and_finish (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  g_autoptr(GTask) parse = NULL;

  if (call->buffer->len < PARSE_IN_THREAD_BYTES)
    {
      call_finish_response (task);
      g_object_unref (task);
      return;
    }
  /* no cancellable: the parse always completes and the call decides */
  parse = g_task_new (NULL, NULL, parse_done, task);
  g_task_set_task_data (parse, call, NULL);
  g_task_run_in_thread (parse, parse_in_thread);
}

/* The GTask is owned by the in-flight callback chain: each callback takes
 * it back with g_autoptr and passes it on with g_steal_pointer. */

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      call_return_error (task, transport_error (error));
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);

      /* libsoup takes an early close as the end of the body; a body
       * shorter than announced is a dropped connection, worth a retry. */
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
          (goffset) call->buffer->len < soup_message_headers_get_content_length (headers))
        {
          call_return_error (task, quorum_api_error_new_literal (QUORUM_API_ERROR_NETWORK,
                                                                 "The connection closed in the middle of the answer"));
          return;
        }
      g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      call_parse_and_finish (g_steal_pointer (&task));
      return;
    }
  if (call->buffer->len + g_bytes_get_size (bytes) > QUORUM_API_MAX_BODY)
    {
      call_return_error (task, quorum_api_error_new_literal (QUORUM_API_ERROR_BAD_RESPONSE,
                                                             "The server's answer is too large"));
      return;
    }
  g_byte_array_append (call->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  cancellable = g_task_get_cancellable (task);
  g_input_stream_read_bytes_async (call->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   cancellable, call_read_cb, g_steal_pointer (&task));
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      g_debug ("%s %s: %s", call->method, call->path, error->message);
      call_return_error (task, transport_error (error));
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > QUORUM_API_MAX_BODY)
    {
      call_return_error (task, quorum_api_error_new_literal (QUORUM_API_ERROR_BAD_RESPONSE,
                                                             "The server announces an absurdly large answer"));
      return;
    }

  call->buffer = g_byte_array_new ();
  cancellable = g_task_get_cancellable (task);
  g_input_stream_read_bytes_async (call->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   cancellable, call_read_cb, g_steal_pointer (&task));
}

static gboolean
call_refuse_if_rate_limited (GTask *task)
{
  QuorumApi *self = g_task_get_source_object (task);
  gint64 now = g_get_real_time ();

  if (now >= self->not_before)
    return FALSE;
  call_return_error (task, quorum_api_error_new_rate_limited ((self->not_before - now + G_USEC_PER_SEC - 1) /
                                                              G_USEC_PER_SEC));
  return TRUE;
}

static void
call_send (GTask *task)
{
  QuorumApi *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;

  /* A 429 may have arrived while this request waited for a refresh. */
  if (call_refuse_if_rate_limited (task))
    {
      g_object_unref (task);
      return;
    }

  url = g_strconcat (self->base_url, call->path, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      call_return_error (task, quorum_api_error_new_literal (QUORUM_API_ERROR_INSECURE_URL,
                                                             "Cannot build the request URL"));
      g_object_unref (task);
      return;
    }

  g_clear_object (&call->message);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_pointer (&call->node, json_node_unref);
  g_clear_error (&call->parse_error);
  call->message = soup_message_new_from_uri (call->method, uri);
  /* Never follow a redirect: it could lead a token to plain http. */
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, "application/json", call->body);
  if (self->extra_ca != NULL)
    g_signal_connect_object (call->message, "accept-certificate",
                             G_CALLBACK (on_accept_certificate), self->extra_ca, 0);

  if ((call->flags & QUORUM_API_CALL_AUTH) &&
      !quorum_auth_authorize_message (call->auth, call->message, &call->generation))
    {
      call_return_error (task, quorum_api_error_new_literal (QUORUM_API_ERROR_LOGIN_REQUIRED,
                                                             "Not logged in"));
      g_object_unref (task);
      return;
    }

  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), call_sent_cb, task);
}

static void
call_prepared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!quorum_auth_prepare_finish (QUORUM_AUTH (object), result, &error))
    {
      call_return_error (task, error);
      return;
    }
  call_send (g_steal_pointer (&task));
}

static void
call_refreshed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!quorum_auth_refresh_finish (QUORUM_AUTH (object), result, &error))
    {
      call_return_error (task, error);
      return;
    }
  call_start_attempt (g_steal_pointer (&task));
}

/* Takes ownership of @task. */
static void
call_start_attempt (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  if (call_refuse_if_rate_limited (task))
    {
      g_object_unref (task);
      return;
    }
  if (call->flags & QUORUM_API_CALL_AUTH)
    quorum_auth_prepare_async (call->auth, g_task_get_cancellable (task),
                               call_prepared_cb, task);
  else
    call_send (task);
}

void
quorum_api_call_async (QuorumApi           *self,
                       const char          *method,
                       const char          *path_and_query,
                       JsonNode            *body,
                       QuorumApiCallFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (QUORUM_IS_API (self));
  g_return_if_fail (path_and_query != NULL && path_and_query[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, quorum_api_call_async);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path = g_strdup (path_and_query);
  call->flags = flags;
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);
      call->body = g_bytes_new_take (g_steal_pointer (&text), len);
    }
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  if (flags & QUORUM_API_CALL_AUTH)
    {
      if (self->auth == NULL)
        {
          g_task_return_new_error (task, QUORUM_API_ERROR, QUORUM_API_ERROR_LOGIN_REQUIRED,
                                   "Not logged in");
          return;
        }
      call->auth = g_object_ref (self->auth);
    }

  call_start_attempt (g_steal_pointer (&task));
}

JsonNode *
quorum_api_call_finish (QuorumApi     *self,
                        GAsyncResult  *result,
                        guint         *out_status,
                        GError       **error)
{
  Call *call;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = g_task_get_task_data (G_TASK (result));
  if (out_status != NULL)
    *out_status = call->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}
