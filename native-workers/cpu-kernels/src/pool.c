// A persistent pthread pool. Workers spin briefly on a generation counter before sleeping on a condition
// variable, because a training step issues dozens of short kernels and waking a sleeping thread costs more
// than many of them take.
#include "pool.h"

#include "context.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

/** Spins before sleeping: long enough to bridge the gap between two kernels of one step (the second half yields
 * the core, so a busy machine loses little), short enough (about a millisecond) not to burn an idle core. */
#define SPIN_ROUNDS 4000

struct fb_pool {
  int threads;
  pthread_t *workers;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  pthread_cond_t done;
  atomic_long generation; // bumped once per task; workers run each generation once
  atomic_int pending;     // workers still running the current task
  atomic_int stopping;
  fb_task_fn fn;
  void *arg;
};

typedef struct {
  fb_pool *pool;
  int index;
} worker_start;

static void *worker_main(void *p) {
  worker_start start = *(worker_start *)p;
  free(p);
  fb_pool *pool = start.pool;
  long seen = 0;
  fb_flush_denormals(); // pool threads run nothing but kernels
  for (;;) {
    long now = atomic_load_explicit(&pool->generation, memory_order_acquire);
    for (int spin = 0; now == seen && spin < SPIN_ROUNDS; spin++) {
      if (spin > SPIN_ROUNDS / 2) sched_yield();
      now = atomic_load_explicit(&pool->generation, memory_order_acquire);
    }
    if (now == seen) {
      pthread_mutex_lock(&pool->lock);
      while ((now = atomic_load(&pool->generation)) == seen && !atomic_load(&pool->stopping))
        pthread_cond_wait(&pool->wake, &pool->lock);
      pthread_mutex_unlock(&pool->lock);
    }
    if (atomic_load(&pool->stopping)) return NULL;
    seen = now;
    pool->fn(pool->arg, start.index, pool->threads);
    if (atomic_fetch_sub_explicit(&pool->pending, 1, memory_order_acq_rel) == 1) {
      pthread_mutex_lock(&pool->lock);
      pthread_cond_signal(&pool->done);
      pthread_mutex_unlock(&pool->lock);
    }
  }
}

fb_pool *fb_pool_create(int threads) {
  if (threads < 1) threads = 1;
  fb_pool *pool = calloc(1, sizeof *pool);
  if (!pool) return NULL;
  pool->threads = threads;
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pthread_cond_init(&pool->done, NULL);
  pool->workers = calloc((size_t)threads, sizeof(pthread_t));
  if (!pool->workers) {
    free(pool);
    return NULL;
  }
  for (int i = 1; i < threads; i++) {
    worker_start *start = malloc(sizeof *start);
    if (!start) {
      pool->threads = i;
      break;
    }
    *start = (worker_start){pool, i};
    if (pthread_create(&pool->workers[i], NULL, worker_main, start) != 0) {
      free(start);
      pool->threads = i; // run with the threads we have
      break;
    }
  }
  return pool;
}

void fb_pool_destroy(fb_pool *pool) {
  if (!pool) return;
  pthread_mutex_lock(&pool->lock);
  atomic_store(&pool->stopping, 1);
  atomic_fetch_add(&pool->generation, 1);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->lock);
  for (int i = 1; i < pool->threads; i++) pthread_join(pool->workers[i], NULL);
  pthread_mutex_destroy(&pool->lock);
  pthread_cond_destroy(&pool->wake);
  pthread_cond_destroy(&pool->done);
  free(pool->workers);
  free(pool);
}

int fb_pool_threads(const fb_pool *pool) { return pool ? pool->threads : 1; }

void fb_pool_run(fb_pool *pool, fb_task_fn fn, void *arg) {
  if (!pool || pool->threads == 1) {
    fn(arg, 0, 1);
    return;
  }
  pool->fn = fn;
  pool->arg = arg;
  atomic_store(&pool->pending, pool->threads - 1);
  pthread_mutex_lock(&pool->lock);
  atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->lock);
  fn(arg, 0, pool->threads);
  for (int spin = 0; atomic_load_explicit(&pool->pending, memory_order_acquire) > 0 && spin < SPIN_ROUNDS; spin++) {
    if (spin > SPIN_ROUNDS / 2) sched_yield();
  }
  if (atomic_load(&pool->pending) > 0) {
    pthread_mutex_lock(&pool->lock);
    while (atomic_load(&pool->pending) > 0) pthread_cond_wait(&pool->done, &pool->lock);
    pthread_mutex_unlock(&pool->lock);
  }
}
