// A small persistent thread pool: the caller plus (threads - 1) workers run one task together, then return.
#ifndef FB_POOL_H
#define FB_POOL_H

#include <stdatomic.h>

/** One parallel task: called once on every thread with its index t in [0, threads). */
typedef void (*fb_task_fn)(void *arg, int t, int threads);

typedef struct fb_pool fb_pool;

/** A pool of `threads` threads in all (the caller counts as one); NULL when threads cannot be started. */
fb_pool *fb_pool_create(int threads);
void fb_pool_destroy(fb_pool *pool);
int fb_pool_threads(const fb_pool *pool);

/** Runs fn on every thread of the pool (the caller is thread 0) and returns when all have finished. */
void fb_pool_run(fb_pool *pool, fb_task_fn fn, void *arg);

/** The contiguous share [*begin, *end) of `count` items that thread t of `threads` takes. */
static inline void fb_split(long count, int t, int threads, long *begin, long *end) {
  long base = count / threads, extra = count % threads;
  *begin = t * base + (t < extra ? t : extra);
  *end = *begin + base + (t < extra ? 1 : 0);
}

/**
 * The next unclaimed item of a task whose threads take items one at a time: a thread the system descheduled
 * then holds up at most one item, not a fixed share. Which thread computes an item never changes its result.
 */
static inline long fb_claim(atomic_long *next) { return atomic_fetch_add_explicit(next, 1, memory_order_relaxed); }

#endif
