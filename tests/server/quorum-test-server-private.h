/* quorum-test-server-private.h — state and helpers shared by the files of
 * QuorumTestServer. Nothing here is for users of the server. */
#pragma once

#include <libsoup/soup.h>

#include "quorum-test-server.h"

G_BEGIN_DECLS

typedef enum {
  TS_ENTITY_MEETING,
  TS_ENTITY_ROOM,
  TS_ENTITY_USER,
} TsEntityType;

typedef struct {
  gint64      start;
  gint64      end;
  const char *source;          /* static "google" / "outlook" */
} TsBusy;

typedef struct {
  gint64  id;
  char   *username;
  char   *password;
  char   *name;
  char   *email;
  gboolean is_active;
  gint64  modified_at;
  guint   log_pos;
  GArray *external;            /* TsBusy */
} TsUser;

typedef struct {
  gint64  id;
  char   *name;
  gint    capacity;
  char   *floor;
  char   *equipment;
  gboolean is_active;
  gint64  modified_at;
  guint   log_pos;
} TsRoom;

typedef struct {
  gint64      id;
  char       *title;
  char       *description;
  char       *agenda;
  gint64      start;
  gint64      end;
  const char *status;          /* static strings from the enum tables */
  const char *meeting_type;
  const char *priority;
  gint64      room_id;         /* 0 = null */
  char       *external_location;
  gint64      organizer_id;
  GArray     *participants;    /* gint64, sorted, unique */
  gint64      modified_at;
  gboolean    deleted;
  guint       log_pos;
} TsMeeting;

/* One commit of the change feed; its position is the sequence number. An
 * entry is live only while the entity's log_pos still points at it, which is
 * how a page names each entity once with its latest state. */
typedef struct {
  gint64 id;
  guint8 type;
} TsLogEntry;

typedef struct {
  gint64 user_id;
  gint64 expires;              /* µs */
  gint64 issued;
} TsAccess;

typedef struct {
  gint64  user_id;
  guint64 family;
  gint64  expires;
  gboolean blacklisted;
} TsRefresh;

typedef struct {
  guint   latency_ms;
  double  error_5xx_rate;
  double  html_502_rate;
  double  malformed_json_rate;
  double  drop_after_apply_rate;
  guint   rate_limit_every;
  guint   retry_after;
  double  access_lifetime;     /* seconds */
  double  refresh_lifetime;
  gboolean drf_errors;
  guint   cursor_retention;    /* 0 = keep every cursor valid */
  gboolean down;
  gboolean connection_close;
  guint32 seed;
} TsFaults;

struct _QuorumTestServer
{
  GObject     parent_instance;

  SoupServer *soup;
  GMainContext *context;       /* where it listens */
  gboolean    verbose;

  GPtrArray  *users;           /* TsUser*, index = id - 1 */
  GHashTable *users_by_name;   /* username → TsUser* (borrowed) */
  GPtrArray  *rooms;           /* TsRoom* */
  GPtrArray  *meetings;        /* TsMeeting*, also the deleted ones */
  guint       n_live;
  GArray     *log;             /* TsLogEntry */
  gint64      last_time;

  char       *secret;
  GHashTable *access_tokens;   /* token → TsAccess* */
  GHashTable *refresh_tokens;  /* token → TsRefresh* */
  guint64     next_jti;
  guint64     next_family;
  gint64      access_valid_after;

  GHashTable *push_seen;       /* "client\037change" → JsonObject* {result, conflict} */
  GHashTable *resolve_seen;    /* "client\037change" → JsonObject* answer */
  GPtrArray  *audit;           /* char*, one line per resolution */
  guint       cursor_generation;
  guint64     generate_slot;     /* next free slot of generate_meetings */

  TsFaults    faults;
  GRand      *rand;
  guint64     rate_seq;

  GHashTable *counters;        /* name → guint64* */
  GHashTable *http_metrics;    /* "method\037path\037status" → guint64* */
  gint64      last_request_time;
};

/* A request on its way through the dispatcher. Handlers fill the response
 * half; the dispatcher applies faults, gzip and latency. */
typedef struct {
  QuorumTestServer  *self;
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  GHashTable        *query;
  JsonNode          *body;     /* NULL when there was none */
  gboolean           body_invalid;
  TsUser            *user;
  const char        *metric_path;

  guint              status;
  JsonNode          *response;
  char              *raw_body;
  const char        *raw_type;
  gboolean           drop;
} TsRequest;

/* quorum-test-server.c */
void        ts_count              (QuorumTestServer *self, const char *name, guint64 delta);
double      ts_draw               (QuorumTestServer *self);
gint64      ts_tick               (QuorumTestServer *self);

/* quorum-test-server-faults.c */
/* Decides a fault before the handler runs; TRUE when the request is answered. */
gboolean    ts_apply_faults_before (TsRequest *req);

/* quorum-test-server-json.c */
void        ts_reply              (TsRequest *req, guint status, JsonObject *object);
void        ts_reply_error        (TsRequest *req, guint status, const char *code, const char *message);
JsonObject *ts_error_new          (const char *code, const char *message);
JsonObject *ts_validation_error   (const char *field, const char *message);
void        ts_field_error_add    (JsonObject *error, const char *field, const char *message);
gboolean    ts_require_body_object (TsRequest *req, JsonObject **out);
gboolean    ts_get_int            (JsonObject *object, const char *member, gint64 *out);

/* quorum-test-server-store.c */
TsMeeting  *ts_meeting_lookup     (QuorumTestServer *self, gint64 id);
TsUser     *ts_user_lookup        (QuorumTestServer *self, gint64 id);
TsRoom     *ts_room_lookup        (QuorumTestServer *self, gint64 id);
TsMeeting  *ts_meeting_new        (void);
TsMeeting  *ts_meeting_copy       (const TsMeeting *m);
void        ts_meeting_free       (TsMeeting *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMeeting, ts_meeting_free)
/* Takes @m, gives it an id when new, a version and a feed entry. */
TsMeeting  *ts_meeting_commit     (QuorumTestServer *self, TsMeeting *m);
void        ts_meeting_remove     (QuorumTestServer *self, TsMeeting *m);
JsonObject *ts_meeting_to_json    (const TsMeeting *m);
JsonObject *ts_meeting_summary    (const TsMeeting *m);
JsonObject *ts_user_to_json       (const TsUser *u);
JsonObject *ts_room_to_json       (const TsRoom *r);
void        ts_store_init         (QuorumTestServer *self);
void        ts_store_finalize     (QuorumTestServer *self);

/* quorum-test-server-rules.c */
/* Builds the meeting @fields make of @base (NULL: a new meeting organised by
 * @organizer_id) and checks it. On failure returns the error object and sets
 * @out_status (400 or 409). @exclude_a/@exclude_b: meetings not to clash
 * with (the meeting itself, or the original of a keep_both copy). */
JsonObject *ts_meeting_prepare    (QuorumTestServer *self,
                                   const TsMeeting  *base,
                                   gint64            organizer_id,
                                   JsonObject       *fields,
                                   gboolean          check_clashes,
                                   gboolean          ignore_unavailable,
                                   gint64            exclude_a,
                                   gint64            exclude_b,
                                   TsMeeting       **out_draft,
                                   guint            *out_status);

/* quorum-test-server-auth.c */
void        ts_auth_init          (QuorumTestServer *self);
void        ts_auth_finalize      (QuorumTestServer *self);
/* Sets req->user, or answers 401 and returns FALSE. */
gboolean    ts_authenticate       (TsRequest *req);
void        ts_handle_token       (TsRequest *req);
void        ts_handle_refresh     (TsRequest *req);
void        ts_handle_blacklist   (TsRequest *req);
void        ts_handle_me          (TsRequest *req);

/* quorum-test-server-sync.c */
void        ts_handle_pull        (TsRequest *req);
void        ts_handle_push        (TsRequest *req);
JsonObject *ts_copy_object        (JsonObject *object);
char       *ts_seen_key           (const char *client_id, const char *change_id);
gboolean    ts_member_bool        (JsonObject *object, const char *member);
const char *ts_member_string      (JsonObject *object, const char *member);
JsonObject *ts_conflict_entry     (const char *change_id, TsMeeting *m, const char *local_version);

/* quorum-test-server-resolve.c */
void        ts_handle_resolve     (TsRequest *req);

/* quorum-test-server-misc.c */
void        ts_handle_check       (TsRequest *req);
void        ts_handle_freebusy    (TsRequest *req);
void        ts_handle_integrations (TsRequest *req, const char *provider, const char *action);
void        ts_handle_health      (TsRequest *req);
void        ts_handle_metrics     (TsRequest *req);

/* quorum-test-server-control.c */
void        ts_handle_control     (TsRequest *req);

G_END_DECLS
