/*
 * Source-line lookup for fault reports: maps a code address to the
 * TypeScript file and line it came from. The image build generates the table
 * (linetable.c, from the DWARF line program of a first link with an empty
 * table) and links the image again with the real one. Compact: 5 bytes an
 * entry (code offset in words from hal_line_base, line, file index).
 */
#include "rt.h"

extern const uint32_t hal_line_count;
extern const uint64_t hal_line_base;
extern const uint16_t hal_line_off[];   /* (address - hal_line_base) / 4, ascending */
extern const uint16_t hal_line_no[];    /* line */
extern const uint8_t hal_line_fidx[];   /* index into hal_line_files */
extern const rt_str hal_line_files[];

/* The (file << 20 | line) of the last table entry at or below addr, or -1. */
int64_t hal_line_lookup(int64_t addr) {
  uint32_t n = hal_line_count;
  if (n == 0 || addr < (int64_t)hal_line_base) return -1;
  uint64_t off = ((uint64_t)addr - hal_line_base) / 4;
  if (off < hal_line_off[0] || off > UINT16_MAX) return -1;
  uint32_t lo = 0, hi = n; /* invariant: off[lo] <= off < off[hi] */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (hal_line_off[mid] <= off) lo = mid;
    else hi = mid;
  }
  return ((int64_t)hal_line_fidx[lo] << 20) | hal_line_no[lo];
}

rt_str hal_line_file(int64_t index) {
  if (hal_line_count == 0) return RT_STR("");
  return hal_line_files[index];
}
