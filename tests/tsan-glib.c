/* tsan-glib.c: tells ThreadSanitizer about GLib's synchronisation
 *
 * Debian's GLib is not built with -fsanitize=thread, and its GMutex, GCond,
 * GOnce, thread pools, GTask and reference counts synchronise with futexes
 * and atomics inside the library, where ThreadSanitizer cannot see them:
 * every structure a GMutex protects would be reported as a data race.
 * tools/test-sanitizers builds this file as a small library and preloads it
 * (LD_PRELOAD) in the TSan run. Each wrapper calls the real GLib function
 * and adds the happens-before edge it implies (__tsan_acquire/_release), so
 * what remains are races in the project's own code.
 *
 * Built without -fsanitize=thread; the TSan entry points are weak, so
 * programs without TSan (python running the CLI tests) load it harmlessly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include <dlfcn.h>

#include <gio/gio.h>

void __tsan_acquire (void *addr) __attribute__ ((weak));
void __tsan_release (void *addr) __attribute__ ((weak));

static inline void
acq (const volatile void *p)
{
  if (__tsan_acquire && p)
    __tsan_acquire ((void *) p);
}

static inline void
rel (const volatile void *p)
{
  if (__tsan_release && p)
    __tsan_release ((void *) p);
}

/* The next definition of name (GLib's), looked up once. */
#define REAL(ret, name, params) \
  static ret (*real) params; \
  if (G_UNLIKELY (real == NULL)) \
    real = (ret (*) params) dlsym (RTLD_NEXT, #name)

/* Locks: acquire after locking, release before unlocking. */
#define LOCK_WRAPPERS(Type, lock, trylock, unlock) \
  void lock (Type *m) { REAL (void, lock, (Type *)); real (m); acq (m); } \
  gboolean trylock (Type *m) { REAL (gboolean, trylock, (Type *)); gboolean r = real (m); if (r) acq (m); return r; } \
  void unlock (Type *m) { REAL (void, unlock, (Type *)); rel (m); real (m); }

LOCK_WRAPPERS (GMutex, g_mutex_lock, g_mutex_trylock, g_mutex_unlock)
LOCK_WRAPPERS (GRecMutex, g_rec_mutex_lock, g_rec_mutex_trylock, g_rec_mutex_unlock)
LOCK_WRAPPERS (GRWLock, g_rw_lock_writer_lock, g_rw_lock_writer_trylock, g_rw_lock_writer_unlock)
LOCK_WRAPPERS (GRWLock, g_rw_lock_reader_lock, g_rw_lock_reader_trylock, g_rw_lock_reader_unlock)

void
g_cond_wait (GCond *cond, GMutex *mutex)
{
  REAL (void, g_cond_wait, (GCond *, GMutex *));
  rel (mutex);
  real (cond, mutex);
  acq (mutex);
}

gboolean
g_cond_wait_until (GCond *cond, GMutex *mutex, gint64 end_time)
{
  REAL (gboolean, g_cond_wait_until, (GCond *, GMutex *, gint64));
  gboolean r;

  rel (mutex);
  r = real (cond, mutex, end_time);
  acq (mutex);
  return r;
}

/* g_once_init_enter() is a macro whose fast path is an (instrumented) atomic
 * load of the location: releasing on the same address pairs with it. */
gboolean
(g_once_init_enter) (volatile void *location)
{
  REAL (gboolean, g_once_init_enter, (volatile void *));
  gboolean r = real (location);

  if (!r)
    acq (location);
  return r;
}

void
(g_once_init_leave) (volatile void *location, gsize result)
{
  REAL (void, g_once_init_leave, (volatile void *, gsize));
  rel (location);
  real (location, result);
}

/* Reference counts: whoever drops the last reference frees, after every
 * other holder's writes. */
gboolean
(g_atomic_ref_count_dec) (gatomicrefcount *arc)
{
  REAL (gboolean, g_atomic_ref_count_dec, (gatomicrefcount *));
  gboolean last;

  rel (arc);
  last = real (arc);
  if (last)
    acq (arc);
  return last;
}

void
g_object_unref (gpointer object)
{
  REAL (void, g_object_unref, (gpointer));
  /* Cannot know beforehand whether this unref finalizes: order them all. */
  rel (object);
  acq (object);
  real (object);
}

/* Thread pools: the pushed item is handed over to a worker. */
typedef struct {
  GFunc func;
  gpointer user_data;
} PoolTrampoline;

static void
pool_trampoline (gpointer data, gpointer user_data)
{
  PoolTrampoline *t = user_data;

  acq (data);
  t->func (data, t->user_data);
}

GThreadPool *
g_thread_pool_new (GFunc func, gpointer user_data, gint max_threads, gboolean exclusive, GError **error)
{
  REAL (GThreadPool *, g_thread_pool_new, (GFunc, gpointer, gint, gboolean, GError **));
  /* Lives as long as the pool; pools are few. */
  PoolTrampoline *t = g_new (PoolTrampoline, 1);

  t->func = func;
  t->user_data = user_data;
  return real (pool_trampoline, t, max_threads, exclusive, error);
}

GThreadPool *
g_thread_pool_new_full (GFunc func, gpointer user_data, GDestroyNotify item_free_func,
                        gint max_threads, gboolean exclusive, GError **error)
{
  REAL (GThreadPool *, g_thread_pool_new_full,
        (GFunc, gpointer, GDestroyNotify, gint, gboolean, GError **));
  PoolTrampoline *t = g_new (PoolTrampoline, 1);

  t->func = func;
  t->user_data = user_data;
  return real (pool_trampoline, t, item_free_func, max_threads, exclusive, error);
}

gboolean
g_thread_pool_push (GThreadPool *pool, gpointer data, GError **error)
{
  REAL (gboolean, g_thread_pool_push, (GThreadPool *, gpointer, GError **));
  rel (data);
  return real (pool, data, error);
}

void
g_async_queue_push (GAsyncQueue *queue, gpointer data)
{
  REAL (void, g_async_queue_push, (GAsyncQueue *, gpointer));
  rel (data);
  real (queue, data);
}

gpointer
g_async_queue_pop (GAsyncQueue *queue)
{
  REAL (gpointer, g_async_queue_pop, (GAsyncQueue *));
  gpointer data = real (queue);

  acq (data);
  return data;
}

gpointer
g_async_queue_timeout_pop (GAsyncQueue *queue, guint64 timeout)
{
  REAL (gpointer, g_async_queue_timeout_pop, (GAsyncQueue *, guint64));
  gpointer data = real (queue, timeout);

  acq (data);
  return data;
}

gpointer
g_async_queue_try_pop (GAsyncQueue *queue)
{
  REAL (gpointer, g_async_queue_try_pop, (GAsyncQueue *));
  gpointer data = real (queue);

  acq (data);
  return data;
}

/* GTask: the thread function starts after g_task_run_in_thread(); the
 * result is read (propagate) after it was returned. */
static GQuark
task_func_quark (void)
{
  static GQuark q;

  if (q == 0)
    q = g_quark_from_static_string ("tsan-glib-task-func");
  return q;
}

static void
task_trampoline (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GTaskThreadFunc func;

  acq (task);
  func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task), task_func_quark ());
  func (task, source, data, cancellable);
}

#define RUN_IN_THREAD(name) \
  void name (GTask *task, GTaskThreadFunc func) \
  { \
    REAL (void, name, (GTask *, GTaskThreadFunc)); \
    g_object_set_qdata (G_OBJECT (task), task_func_quark (), (gpointer) func); \
    rel (task); \
    real (task, task_trampoline); \
  }

RUN_IN_THREAD (g_task_run_in_thread)
RUN_IN_THREAD (g_task_run_in_thread_sync)

void
g_task_return_pointer (GTask *task, gpointer result, GDestroyNotify result_destroy)
{
  REAL (void, g_task_return_pointer, (GTask *, gpointer, GDestroyNotify));
  rel (task);
  real (task, result, result_destroy);
}

void
g_task_return_boolean (GTask *task, gboolean result)
{
  REAL (void, g_task_return_boolean, (GTask *, gboolean));
  rel (task);
  real (task, result);
}

void
g_task_return_int (GTask *task, gssize result)
{
  REAL (void, g_task_return_int, (GTask *, gssize));
  rel (task);
  real (task, result);
}

void
g_task_return_error (GTask *task, GError *error)
{
  REAL (void, g_task_return_error, (GTask *, GError *));
  rel (task);
  real (task, error);
}

gpointer
g_task_propagate_pointer (GTask *task, GError **error)
{
  REAL (gpointer, g_task_propagate_pointer, (GTask *, GError **));
  gpointer r = real (task, error);

  acq (task);
  return r;
}

gboolean
g_task_propagate_boolean (GTask *task, GError **error)
{
  REAL (gboolean, g_task_propagate_boolean, (GTask *, GError **));
  gboolean r = real (task, error);

  acq (task);
  return r;
}

gssize
g_task_propagate_int (GTask *task, GError **error)
{
  REAL (gssize, g_task_propagate_int, (GTask *, GError **));
  gssize r = real (task, error);

  acq (task);
  return r;
}
