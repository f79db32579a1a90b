/* quorum-test-server-data.c — believable data: bulk meetings for benchmarks
 * and the Turkish demo organisation. */


#include "quorum-test-server-private.h"

#define HOUR_US ((gint64) 3600 * G_USEC_PER_SEC)
#define DAY_US  (24 * HOUR_US)
#define SLOTS_PER_DAY 9

static const char * const titles[] = {
  "Haftalık Ekip Toplantısı", "Sprint Planlama", "Proje Durum Değerlendirmesi",
  "Müşteri Sunumu", "Bütçe Görüşmesi", "İşe Alım Mülakatı", "Ürün Yol Haritası",
  "Retrospektif", "Teknik Tasarım İncelemesi", "Yönetim Kurulu Hazırlığı",
  "Eğitim: Güvenli Kodlama", "Birebir Görüşme", "Satış Stratejisi", "Çeyrek Sonu Değerlendirmesi",
};

static const char * const agendas[] = {
  "", "1. Geçen haftanın özeti\n2. Engeller\n3. Sonraki adımlar",
  "Gündem: bütçe, takvim, riskler", "",
};

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Monday 2024-01-01 09:00 Istanbul (06:00 UTC): the first generated slot. A
 * fixed date keeps the output a pure function of (users, rooms, n, seed). */
#define GENERATE_EPOCH_US ((gint64) 1704088800 * G_USEC_PER_SEC)

static gint64
slot_start (guint64 slot)
{
  guint64 day = slot / SLOTS_PER_DAY;
  guint64 week = day / 5, weekday = day % 5;

  return GENERATE_EPOCH_US + (gint64) (week * 7 + weekday) * DAY_US +
         (gint64) (slot % SLOTS_PER_DAY) * HOUR_US;
}

/* Meetings of one slot run at the same time, so each gets its own room and
 * its own group of users (user index ≡ lane mod lanes): the generated set is
 * free of room and participant clashes by construction, and every meeting in
 * it can be edited without tripping the rules. */
void
quorum_test_server_generate_meetings (QuorumTestServer *self,
                                      guint             n,
                                      guint32           seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_users = self->users->len, n_rooms = self->rooms->len;
  guint lanes;

  g_return_if_fail (QUORUM_IS_TEST_SERVER (self));

  if (n_users == 0)
    {
      g_warning ("generate_meetings needs at least one user");
      return;
    }
  lanes = MAX (1, MIN (n_rooms > 0 ? n_rooms : 4, n_users / 2));

  for (guint made = 0; made < n; self->generate_slot++)
    for (guint lane = 0; lane < lanes && made < n; lane++)
      {
        TsMeeting *m;
        guint group = (n_users - lane + lanes - 1) / lanes; /* users with index ≡ lane */
        guint k;

        if (g_rand_int_range (rand, 0, 4) == 0 || group == 0)
          continue;
        m = ts_meeting_new ();
        g_free (m->title);
        m->title = g_strdup (titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
        g_free (m->agenda);
        m->agenda = g_strdup (agendas[g_rand_int_range (rand, 0, G_N_ELEMENTS (agendas))]);
        m->start = slot_start (self->generate_slot);
        m->end = m->start + (gint64) (g_rand_int_range (rand, 1, 5) * 15) * 60 * G_USEC_PER_SEC;
        m->status = (const char *[]) { "PENDING", "APPROVED", "APPROVED", "COMPLETED", "CANCELLED" }
                      [g_rand_int_range (rand, 0, 5)];
        m->meeting_type = (const char *[]) { "SCHEDULED", "UNSCHEDULED", "EXTERNAL", "INTERNAL" }
                            [g_rand_int_range (rand, 0, 4)];
        m->priority = (const char *[]) { "LOW", "MEDIUM", "HIGH" }[g_rand_int_range (rand, 0, 3)];
        if (lane < n_rooms)
          m->room_id = lane + 1;
        else
          {
            g_free (m->external_location);
            m->external_location = g_strdup ("Çevrim içi");
          }
        k = g_rand_int_range (rand, 0, group);
        m->organizer_id = (gint64) (k * lanes + lane) + 1;
        for (guint p = 0, want = g_rand_int_range (rand, 1, MIN (group, 6) + 1); p < want; p++)
          {
            gint64 id = (gint64) (((k + p) % group) * lanes + lane) + 1;

            g_array_append_val (m->participants, id);
          }
        g_array_sort (m->participants, compare_ids);
        ts_meeting_commit (self, m);
        made++;
      }
}

static const struct {
  const char *username, *name;
} demo_people[] = {
  { "ayse", "Ayşe Yılmaz" },     { "mehmet", "Mehmet Demir" }, { "zeynep", "Zeynep Kaya" },
  { "ahmet", "Ahmet Çelik" },    { "elif", "Elif Şahin" },     { "mustafa", "Mustafa Öztürk" },
  { "fatma", "Fatma Arslan" },   { "emre", "Emre Doğan" },     { "selin", "Selin Aydın" },
  { "burak", "Burak Koç" },      { "deniz", "Deniz Güneş" },   { "ozlem", "Özlem Kurt" },
};

static const struct {
  const char *name;
  int capacity;
  const char *floor, *equipment;
} demo_rooms[] = {
  { "Toplantı Odası 1", 8, "2", "Projektör, video konferans" },
  { "Toplantı Odası 2", 6, "2", "Beyaz tahta" },
  { "Boğaziçi Salonu", 20, "5", "Projektör, ses sistemi, video konferans" },
  { "Kapadokya", 4, "1", "Ekran" },
  { "Efes Konferans Salonu", 40, "0", "Sahne, projektör, mikrofon" },
  { "Sessiz Oda", 2, "3", "" },
};

/* Istanbul keeps UTC+3 all year (no DST since 2016). */
#define ISTANBUL_OFFSET_US (3 * HOUR_US)

static gint64
demo_meeting (QuorumTestServer *self,
              GRand            *rand,
              gint64            first_user,
              gint64            first_room,
              gint64            start,
              gint64            now)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) error = NULL;
  g_autofree char *start_text = quorum_test_server_format_time (start);
  g_autofree char *end_text = NULL;
  JsonArray *participants = json_array_new ();
  gint64 organizer = first_user + g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_people));
  TsMeeting *draft = NULL;
  guint status;

  end_text = quorum_test_server_format_time (start + (gint64) g_rand_int_range (rand, 1, 4) * 30 * 60 * G_USEC_PER_SEC);
  json_object_set_string_member (fields, "title", titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
  json_object_set_string_member (fields, "agenda", agendas[g_rand_int_range (rand, 0, G_N_ELEMENTS (agendas))]);
  json_object_set_string_member (fields, "start_time", start_text);
  json_object_set_string_member (fields, "end_time", end_text);
  json_object_set_string_member (fields, "meeting_type",
                                 g_rand_boolean (rand) ? "INTERNAL" : "SCHEDULED");
  json_object_set_string_member (fields, "priority",
                                 (const char *[]) { "LOW", "MEDIUM", "HIGH" }[g_rand_int_range (rand, 0, 3)]);
  if (g_rand_int_range (rand, 0, 5) > 0)
    json_object_set_int_member (fields, "room_id",
                                first_room + g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_rooms)));
  else
    json_object_set_string_member (fields, "external_location", "Müşteri ofisi, Levent");
  json_array_add_int_element (participants, organizer);
  for (int i = g_rand_int_range (rand, 1, 5); i > 0; i--)
    json_array_add_int_element (participants,
                                first_user + g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_people)));
  json_object_set_array_member (fields, "participant_ids", participants);

  error = ts_meeting_prepare (self, NULL, organizer, fields, TRUE, FALSE, 0, 0, &draft, &status);
  if (error != NULL)
    return 0;
  if (start < now)
    draft->status = g_rand_int_range (rand, 0, 6) == 0 ? "CANCELLED" : "COMPLETED";
  else
    draft->status = g_rand_boolean (rand) ? "APPROVED" : "PENDING";
  return ts_meeting_commit (self, draft)->id;
}

void
quorum_test_server_seed_demo (QuorumTestServer *self)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 now = g_get_real_time ();
  gint64 today = (now + ISTANBUL_OFFSET_US) / DAY_US * DAY_US - ISTANBUL_OFFSET_US;
  gint64 first_user = 0, first_room = 0;

  g_return_if_fail (QUORUM_IS_TEST_SERVER (self));

  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    {
      g_autofree char *password = g_strconcat (demo_people[i].username, "123", NULL);
      g_autofree char *email = g_strconcat (demo_people[i].username, "@example.org", NULL);
      gint64 id = quorum_test_server_add_user (self, demo_people[i].username, password,
                                               demo_people[i].name, email);

      if (id == 0)
        {
          g_warning ("seed_demo: user %s exists already", demo_people[i].username);
          return;
        }
      if (first_user == 0)
        first_user = id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (demo_rooms); i++)
    {
      gint64 id = quorum_test_server_add_room (self, demo_rooms[i].name, demo_rooms[i].capacity,
                                               demo_rooms[i].floor, demo_rooms[i].equipment);

      if (first_room == 0)
        first_room = id;
    }

  for (int day = -14; day <= 21; day++)
    {
      gint64 midnight = today + day * DAY_US;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((midnight + ISTANBUL_OFFSET_US) / G_USEC_PER_SEC);
      int weekday = g_date_time_get_day_of_week (dt);

      if (weekday >= 6)
        continue;
      for (int i = 0; i < 5; i++)
        {
          gint64 hour = g_rand_int_range (rand, 9, 17);
          gint64 minute = g_rand_boolean (rand) ? 30 : 0;

          demo_meeting (self, rand, first_user, first_room,
                        midnight + hour * HOUR_US + minute * 60 * G_USEC_PER_SEC, now);
        }
      /* External calendars: Ayşe's Google, Mehmet's Outlook. */
      if (weekday == 2)
        quorum_test_server_add_external_busy (self, first_user, "google",
                                              midnight + 14 * HOUR_US, midnight + 15 * HOUR_US);
      if (weekday == 4)
        quorum_test_server_add_external_busy (self, first_user + 1, "outlook",
                                              midnight + 10 * HOUR_US, midnight + 12 * HOUR_US);
      if (weekday == 5 && day > 0 && day < 8)
        quorum_test_server_add_external_busy (self, first_user + 2, "google",
                                              midnight + 9 * HOUR_US, midnight + 18 * HOUR_US);
    }
}
