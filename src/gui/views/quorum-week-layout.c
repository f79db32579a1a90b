/* quorum-week-layout.c — column assignment and week arithmetic */
#include "config.h"
#include "quorum-week-layout.h"

#include <string.h>

#include <langinfo.h>
#include <stdlib.h>

static int
compare_by_start (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const QuorumWeekSlot *slots = user_data;
  const QuorumWeekSlot *x = &slots[*(const guint *) a];
  const QuorumWeekSlot *y = &slots[*(const guint *) b];

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* Longer first, so a long meeting gets the leftmost column. */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
close_group (QuorumWeekSlot *slots,
             const guint    *order,
             guint           from,
             guint           to,
             guint           n_columns)
{
  for (guint k = from; k < to; k++)
    slots[order[k]].n_columns = n_columns;
}

void
quorum_week_layout_columns (QuorumWeekSlot *slots,
                            guint           n_slots)
{
  g_autofree guint *order = NULL;
  g_autoptr(GArray) column_ends = NULL;
  gint64 group_end = G_MININT64;
  guint group_from = 0;

  if (n_slots == 0)
    return;

  order = g_new (guint, n_slots);
  for (guint i = 0; i < n_slots; i++)
    order[i] = i;
  g_qsort_with_data (order, n_slots, sizeof (guint), compare_by_start, slots);

  column_ends = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint k = 0; k < n_slots; k++)
    {
      QuorumWeekSlot *s = &slots[order[k]];
      gint64 end = MAX (s->end, s->start + 1);
      guint col;

      if (k > 0 && s->start >= group_end)
        {
          close_group (slots, order, group_from, k, column_ends->len);
          g_array_set_size (column_ends, 0);
          group_from = k;
        }

      for (col = 0; col < column_ends->len; col++)
        if (g_array_index (column_ends, gint64, col) <= s->start)
          break;
      if (col == column_ends->len)
        g_array_append_val (column_ends, end);
      else
        g_array_index (column_ends, gint64, col) = end;

      s->column = col;
      group_end = (k == group_from) ? end : MAX (group_end, end);
    }
  close_group (slots, order, group_from, n_slots, column_ends->len);
}

/* A cascaded block's step right of the one under it: enough to see and
 * click its edge, little enough to leave its start time room. */
#define CASCADE_STEP 5.0

gboolean
quorum_week_layout_block_x (double  column_width,
                            guint   sub,
                            guint   n_sub,
                            double  readable,
                            double *x,
                            double *width)
{
  double step;

  n_sub = MAX (n_sub, 1);
  sub = MIN (sub, n_sub - 1);
  if (n_sub == 1 || column_width / n_sub >= readable)
    {
      *width = column_width / n_sub;
      *x = sub * *width;
      return FALSE;
    }
  /* Many at once: the steps shrink so the top block keeps most of the width. */
  step = MIN (CASCADE_STEP, column_width / 3.0 / (n_sub - 1));
  *x = sub * step;
  *width = column_width - (n_sub - 1) * step;
  return TRUE;
}

static gboolean
drawn_before (const QuorumWeekSlot *a,
              const QuorumWeekSlot *b)
{
  return a->start < b->start || (a->start == b->start && a->column < b->column);
}

guint
quorum_week_layout_n_hidden (const QuorumWeekSlot *slots,
                             guint                 n_slots,
                             guint                 i,
                             gint64                window)
{
  guint n = 0;

  for (guint j = 0; j < n_slots; j++)
    if (j != i && drawn_before (&slots[j], &slots[i]) && slots[i].start - slots[j].start < window &&
        slots[j].end > slots[i].start)
      n++;
  return n;
}

guint
quorum_rooms_per_page (int   width,
                       guint min_width,
                       guint n_rooms)
{
  guint fit = width > 0 && min_width > 0 ? (guint) width / min_width : 1;

  return CLAMP (fit, 1, MAX (n_rooms, 1));
}

guint
quorum_rooms_page_first (guint first,
                         guint per_page,
                         guint n_rooms)
{
  guint last = n_rooms > per_page ? n_rooms - per_page : 0;

  return MIN (first, last);
}

/* Lower case, without accents; ı and İ as i. */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);

  if (decomposed == NULL)   /* not UTF-8: matches nothing but itself */
    return g_string_free (out, FALSE);
  folded = g_utf8_casefold (decomposed, -1);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (out, c == 0x0131 /* ı */ ? 'i' : c);
    }
  return g_string_free (out, FALSE);
}

gboolean
quorum_rooms_name_matches (const char *name,
                           const char *filter)
{
  g_autofree char *folded_name = NULL;
  g_auto(GStrv) words = NULL;

  if (filter == NULL)
    return TRUE;
  words = g_strsplit_set (filter, " \t", -1);
  folded_name = fold (name ? name : "");
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = fold (words[i]);

      if (*word != '\0' && strstr (folded_name, word) == NULL)
        return FALSE;
    }
  return TRUE;
}

int
quorum_locale_first_weekday (void)
{
#if HAVE_NL_TIME_FIRST_WEEKDAY
  /* glibc: FIRST_WEEKDAY counts from 1 = the day of WEEK_1STDAY, a date
   * such as 19971130 (a Sunday) or 19971201 (a Monday). */
  union { unsigned int word; char *string; } week_1stday;
  int first = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  int base_sunday = 0;
  g_autoptr(GDate) base = NULL;
  long ymd;

  week_1stday.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  ymd = (long) week_1stday.word;
  if (ymd > 10000101 && ymd < 99991231)
    {
      base = g_date_new_dmy ((GDateDay) (ymd % 100),
                             (GDateMonth) ((ymd / 100) % 100),
                             (GDateYear) (ymd / 10000));
      if (g_date_valid (base))
        base_sunday = g_date_get_weekday (base) % 7;   /* GDate: 7 = Sunday */
    }
  if (first >= 1 && first <= 7)
    return (base_sunday + first - 1) % 7;
#endif
  return 1;
}

gint64
quorum_day_start (gint64     us,
                  GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;

  if (utc == NULL)
    return us;
  local = g_date_time_to_timezone (utc, tz);
  midnight = g_date_time_new (tz, g_date_time_get_year (local),
                              g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

gint64
quorum_day_add (gint64     day_start,
                int        n_days,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day_start / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) later = NULL;

  if (utc == NULL)
    return day_start;
  local = g_date_time_to_timezone (utc, tz);
  later = g_date_time_add_days (local, n_days);
  return quorum_day_start (g_date_time_to_unix (later) * G_USEC_PER_SEC, tz);
}

gint64
quorum_week_start (gint64     us,
                   int        first_weekday,
                   GTimeZone *tz)
{
  gint64 day = quorum_day_start (us, tz);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  int weekday, back;

  if (utc == NULL)
    return day;
  local = g_date_time_to_timezone (utc, tz);
  weekday = g_date_time_get_day_of_week (local) % 7;   /* 0 = Sunday */
  back = ((weekday - ((first_weekday % 7) + 7) % 7) + 7) % 7;
  return quorum_day_add (day, -back, tz);
}

guint
quorum_week_layout_pick (const gboolean *preferred,
                         guint           n,
                         guint           limit,
                         gboolean       *shown)
{
  guint picked = 0;

  for (guint i = 0; i < n; i++)
    {
      shown[i] = n <= limit || (preferred[i] && picked < limit);
      picked += shown[i];
    }
  return picked;
}
