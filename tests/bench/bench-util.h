/* bench-util.h — what the benchmark programs share: a monotonic clock in
 * seconds, order statistics over samples, scratch folders, and a loop that
 * spins the main context until an async call has finished.
 *
 * Benchmarks print figures; they never assert on time (a shared 2-core
 * machine makes any threshold flaky).  They do check that the work was
 * really done (row counts), so a figure never describes an empty run. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

double      bench_now            (void);
/* Sorts @samples (seconds) in place. */
double      bench_quantile       (GArray *samples, double q);
double      bench_median         (GArray *samples);
/* "1.234 ms", "12.3 µs", "2.50 s" */
char       *bench_format_seconds (double seconds);
/* A fresh folder under $TMPDIR; bench_rm_rf removes it again. */
char       *bench_make_tmp_dir   (const char *name);
void        bench_rm_rf          (const char *path);
/* Logs (sync.log) go to a scratch folder, not the user's; sets the locale. */
void        bench_isolate_env    (const char *dir);
/* Spins the thread-default main context until *result is set. */
void        bench_wait           (GAsyncResult **result);
/* A GAsyncReadyCallback storing a ref to the result in *(GAsyncResult **) user_data. */
void        bench_store_result   (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
/* Parses "--name VALUE" pairs by hand (benchmarks take few switches). */
guint64     bench_arg_uint       (int argc, char **argv, const char *name, guint64 fallback);
const char *bench_arg_str        (int argc, char **argv, const char *name, const char *fallback);
gboolean    bench_arg_flag       (int argc, char **argv, const char *name);

G_END_DECLS
