/* bench-fill.c — the large replica the benchmarks share */
#include "bench-fill.h"
#include "bench-util.h"
#include "quorum-store-private.h"

#include <glib/gstdio.h>

static const char * const titles[] = {
  "Haftalık durum toplantısı", "Sprint planlama", "Bütçe gözden geçirme",
  "Müşteri görüşmesi", "Tasarım incelemesi", "İşe alım mülakatı",
  "Yönetim kurulu", "Satış değerlendirmesi", "Ürün yol haritası",
  "Birebir görüşme", "Eğitim oturumu", "Geriye dönük değerlendirme",
};

gint64
bench_fill_day_start (guint k)
{
  return BENCH_BASE_US + (gint64) (k / 5 * 7 + k % 5) * BENCH_DAY_US;
}

static void
fill_directory (QuorumStore *store)
{
  for (guint i = 1; i <= BENCH_N_USERS; i++)
    {
      g_autoptr(JsonObject) u = json_object_new ();
      g_autofree char *username = g_strdup_printf ("user%u", i);
      g_autofree char *name = g_strdup_printf ("Kullanıcı %u", i);

      json_object_set_int_member (u, "id", i);
      json_object_set_string_member (u, "username", username);
      json_object_set_string_member (u, "name", name);
      json_object_set_boolean_member (u, "is_active", TRUE);
      if (!quorum_store_upsert_user (store, u, NULL))
        g_error ("cannot add user %u", i);
    }
  for (guint i = 1; i <= BENCH_N_ROOMS; i++)
    {
      g_autoptr(JsonObject) r = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Oda %u", i);

      json_object_set_int_member (r, "id", i);
      json_object_set_string_member (r, "name", name);
      json_object_set_int_member (r, "capacity", 10);
      json_object_set_boolean_member (r, "is_active", TRUE);
      if (!quorum_store_upsert_room (store, r, NULL))
        g_error ("cannot add room %u", i);
    }
}

QuorumMeeting *
bench_fill_meeting (GRand *rand,
                    guint  day)
{
  QuorumMeeting *m = quorum_meeting_new ();
  gint64 ids[8];
  guint n_ids = g_rand_int_range (rand, 2, 9);

  g_free (m->title);
  m->title = g_strdup_printf ("%s %u", titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))],
                              g_rand_int_range (rand, 1, 1000));
  g_free (m->agenda);
  m->agenda = g_strdup ("1. Açılış\n2. Gündem maddeleri\n3. Kapanış");
  /* 09:00–18:00 Istanbul (UTC+3), quarter hours, 15 min to 2 h */
  m->start_time = bench_fill_day_start (day) + 6 * G_TIME_SPAN_HOUR + g_rand_int_range (rand, 0, 32) * 15 * G_TIME_SPAN_MINUTE;
  m->end_time = m->start_time + g_rand_int_range (rand, 1, 9) * 15 * G_TIME_SPAN_MINUTE;
  g_free (m->status);
  m->status = g_strdup ((const char *[]) { "PENDING", "APPROVED", "APPROVED", "COMPLETED", "CANCELLED" }[g_rand_int_range (rand, 0, 5)]);
  g_free (m->meeting_type);
  m->meeting_type = g_strdup ("INTERNAL");
  g_free (m->priority);
  m->priority = g_strdup ("MEDIUM");
  m->room_id = g_rand_int_range (rand, 0, 10) ? g_rand_int_range (rand, 1, BENCH_N_ROOMS + 1) : 0;
  m->organizer_id = g_rand_int_range (rand, 1, BENCH_N_USERS + 1);
  for (guint i = 0; i < n_ids; i++)
    ids[i] = g_rand_int_range (rand, 1, BENCH_N_USERS + 1);
  quorum_meeting_set_participants (m, ids, n_ids);
  return m;
}

void
bench_fill_replica (QuorumStore *store,
                    guint        n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  double t = bench_now ();

  if (!quorum_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  fill_directory (store);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumMeeting) m = bench_fill_meeting (rand, i / BENCH_PER_DAY);

      m->id = i + 1;
      m->local_id = quorum_new_local_id ();
      m->modified_at = g_strdup ("2024-01-01T00:00:00.000000Z");
      m->sync_state = g_strdup ("synced");
      if (!store_write_meeting (store, m, NULL, FALSE, &error))
        g_error ("write: %s", error->message);
    }
  if (!quorum_store_commit (store, &error))
    g_error ("commit: %s", error->message);
  t = bench_now () - t;
  g_print ("fill: %u meetings (+ %u users, %u rooms) in one transaction: %.1f s, %.0f meetings/s\n",
           n, BENCH_N_USERS, BENCH_N_ROOMS, t, n / t);
}

QuorumStore *
bench_fill_open (const char *dir,
                 guint       n)
{
  g_autoptr(GError) error = NULL;
  QuorumStore *store = quorum_store_open (dir, &error);
  gint64 count;

  if (store == NULL)
    g_error ("open: %s", error->message);
  count = quorum_store_count_meetings (store);
  if (count == 0)
    bench_fill_replica (store, n);
  else if (count < n)
    g_error ("%s holds %" G_GINT64_FORMAT " meetings, fewer than %u: use an empty folder", dir, count, n);
  else
    g_print ("reusing %s: %" G_GINT64_FORMAT " meetings\n", dir, count);
  return store;
}
