/*
 * Source-line lookup for fault reports: maps a code address to the
 * TypeScript file and line it came from. The image build generates the table
 * (linetable.c, from the DWARF line program of a first link with an empty
 * table) and links the image again with the real one.
 */
#include "rt.h"

extern const uint32_t hal_line_count;
extern const uint32_t hal_line_addr[];
extern const uint32_t hal_line_info[]; /* file index << 20 | line */
extern const rt_str hal_line_files[];

/* The (file << 20 | line) of the last table entry at or below addr, or -1. */
int64_t hal_line_lookup(int64_t addr) {
  uint32_t n = hal_line_count;
  if (n == 0 || addr < (int64_t)hal_line_addr[0] || addr > (int64_t)UINT32_MAX) return -1;
  uint32_t lo = 0, hi = n; /* invariant: addr_table[lo] <= addr < addr_table[hi] */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if ((int64_t)hal_line_addr[mid] <= addr) lo = mid;
    else hi = mid;
  }
  return (int64_t)hal_line_info[lo];
}

rt_str hal_line_file(int64_t index) {
  if (hal_line_count == 0) return RT_STR("");
  return hal_line_files[index];
}
