/* SPDX-License-Identifier: GPL-3.0-or-later */
/* svgai-cli-heap.c: the heap of a short-lived command, on huge pages.
 *
 * A convert process touches tens of megabytes once (pixels, fields,
 * bitmaps) and exits. With malloc's defaults every fresh 4 KB page is a
 * page fault, and large blocks are unmapped when freed and faulted in
 * again when the next stage allocates: 7,000 to 14,000 faults for a
 * 1024 px logo. In a virtual machine a fault costs 10 µs or more, a third
 * of the process. So the command keeps what it frees (no trimming, no
 * per-block mappings), serves every thread from one heap, and lays that
 * heap on transparent huge pages (one fault per 2 MB). The GUI keeps
 * malloc's defaults: it lives long and gives memory back. */
#include "svgai-config.h"

#include "svgai-cli.h"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

#define HUGE_PAGE ((uintptr_t) 2 << 20)
/* Address space only: a page costs memory once it is touched. */
#define HEAP_RESERVE (256 << 20)

void
svgai_cli_heap_setup (void)
{
  uintptr_t start = (uintptr_t) sbrk (0), aligned, end;
  void *volatile probe;

  /* Setting one threshold freezes the other at its default, so nothing is
   * changed unless the first takes (glibc documents 32 MB as its limit on
   * 64-bit systems; 2.36 takes more). */
  if (!mallopt (M_MMAP_THRESHOLD, 256 << 20) && !mallopt (M_MMAP_THRESHOLD, 32 << 20))
    return;
  mallopt (M_TRIM_THRESHOLD, 1 << 30);
  mallopt (M_ARENA_MAX, 1);
  if (start == (uintptr_t) -1)
    return;
  /* Skip to a huge page boundary: malloc steps over memory moved by
   * someone else's sbrk, and a huge page needs an aligned 2 MB. */
  aligned = (start + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  if (aligned > start && sbrk (aligned - start) == (void *) -1)
    return;
  /* An allocation larger than what is left at the heap's top makes malloc
   * grow it, by the whole reserve. */
  mallopt (M_TOP_PAD, HEAP_RESERVE);
  probe = malloc (1 << 20);
  free (probe);
  mallopt (M_TOP_PAD, 128 << 10);
  end = (uintptr_t) sbrk (0);
  if (end <= aligned || madvise ((void *) aligned, end - aligned, MADV_HUGEPAGE) != 0)
    return;
  /* malloc wrote its headers into the first 2 MB before the advice, so
   * those pages are small ones: gather them into one huge page (Linux
   * 6.1; older kernels refuse, which costs nothing). */
  madvise ((void *) aligned, HUGE_PAGE, MADV_COLLAPSE);
}

#else

void
svgai_cli_heap_setup (void)
{
}

#endif
