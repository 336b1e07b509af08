/*
 * Differential harness for rt.h (hosted build, used by native.test.ts).
 *
 * Reads one operation per line from stdin, "<op> <arg>...", arguments in
 * decimal (64-bit patterns; negative values allowed), and prints one line:
 *   = <value>      the result
 *   > <text>       what the operation printed on the console
 *   ! <text>       what a panic printed (newlines as \n), after which the
 *                  harness carries on with the next line
 * The first lines, starting with '#', give the heap arena's address.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

#define ARENA_SIZE (1 << 20)

static jmp_buf panic_jump;
static int in_op;
static char out[4096];
static size_t out_len;
static uint8_t *arena;
static _Alignas(4096) uint8_t mem[4096];

void rt_console_write(const uint8_t *p, int64_t n) {
  if (n < 0 || out_len + (size_t)n > sizeof out) abort();
  memcpy(out + out_len, p, (size_t)n);
  out_len += (size_t)n;
}

_Noreturn void rt_target_exit(int64_t code) {
  if (in_op && code == 101) longjmp(panic_jump, 1);
  fflush(stdout);
  exit((int)code);
}

void rt_target_heap(uint8_t **base, int64_t *size) {
  *base = arena;
  *size = ARENA_SIZE;
}

static const rt_str STRINGS[] = {
    {(const uint8_t *)"", 0},
    {(const uint8_t *)"a", 1},
    {(const uint8_t *)"ab", 2},
    {(const uint8_t *)"abc", 3},
    {(const uint8_t *)"abd", 3},
    {(const uint8_t *)"\xc3\xa9", 2},
    {(const uint8_t *)"h\xc3\xa9llo \xe2\x9c\x93", 10},
};

static void print_escaped(char tag) {
  putchar(tag);
  putchar(' ');
  for (size_t i = 0; i < out_len; i++) {
    if (out[i] == '\n') fputs("\\n", stdout);
    else if (out[i] == '\\') fputs("\\\\", stdout);
    else putchar(out[i]);
  }
  putchar('\n');
}

int main(void) {
  arena = aligned_alloc(ARENA_SIZE, ARENA_SIZE);
  if (arena == NULL) return 2;
  printf("# heap %lld\n", (long long)(uintptr_t)arena);
  const int64_t heap = (int64_t)(uintptr_t)arena;
  const int64_t m = (int64_t)(uintptr_t)mem;

  char line[512];
  while (fgets(line, sizeof line, stdin) != NULL) {
    char *op = strtok(line, " \n");
    if (op == NULL) continue;
    int64_t I[4] = {0, 0, 0, 0};
    uint64_t U[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4; k++) {
      char *tok = strtok(NULL, " \n");
      if (tok == NULL) break;
      int neg = tok[0] == '-';
      uint64_t mag = strtoull(tok + neg, NULL, 10);
      U[k] = neg ? 0 - mag : mag;
      I[k] = (int64_t)U[k];
    }
    out_len = 0;
    if (setjmp(panic_jump) != 0) {
      in_op = 0;
      print_escaped('!');
      continue;
    }
    in_op = 1;

#define OP(name) else if (strcmp(op, name) == 0)
#define VI(expr) printf("= %lld\n", (long long)(expr))
#define VU(expr) printf("= %llu\n", (unsigned long long)(expr))
#define OK(stmt) do { stmt; puts("= ok"); } while (0)
#define OUT(stmt) do { stmt; print_escaped('>'); } while (0)

    if (0) {}
    /* conversions */
    OP("u8") VI(rt_u8(I[0]));
    OP("u16") VI(rt_u16(I[0]));
    OP("u32") VI(rt_u32(I[0]));
    OP("i8") VI(rt_i8(I[0]));
    OP("i16") VI(rt_i16(I[0]));
    OP("i32") VI(rt_i32(I[0]));
    OP("u64n") VU(rt_u64_from_num(I[0]));
    OP("i64n") VI(rt_i64_from_num(I[0]));
    OP("u64b") VU(rt_u64(U[0]));
    OP("i64b") VI(rt_i64(U[0]));
    OP("num_u64") VI(rt_num_u64(U[0]));
    OP("num_i64") VI(rt_num_i64(I[0]));
    OP("numg_u") VI(rt_num(U[0]));
    OP("numg_i") VI(rt_num(I[0]));
    /* arithmetic */
    OP("mul32") VI(rt_mul32(I[0], I[1]));
    OP("mulu32") VI(rt_mulu32(I[0], I[1]));
    OP("idiv") VI(rt_idiv(I[0], I[1]));
    OP("divu32") VI(rt_divu32((uint32_t)I[0], (uint32_t)I[1]));
    OP("remu32") VI(rt_remu32((uint32_t)I[0], (uint32_t)I[1]));
    OP("divi32") VI(rt_divi32(rt_i32(I[0]), rt_i32(I[1])));
    OP("remi32") VI(rt_remi32(rt_i32(I[0]), rt_i32(I[1])));
    OP("divu64") VU(rt_divu64(U[0], U[1]));
    OP("remu64") VU(rt_remu64(U[0], U[1]));
    OP("divi64") VI(rt_divi64(I[0], I[1]));
    OP("remi64") VI(rt_remi64(I[0], I[1]));
    OP("shl64") VU(rt_shl64(U[0], I[1]));
    OP("shr64") VU(rt_shr64(U[0], I[1]));
    OP("sar64") VI(rt_sar64(I[0], I[1]));
    OP("clz32") VI(rt_clz32(I[0]));
    OP("ctz32") VI(rt_ctz32(I[0]));
    OP("popcnt32") VI(rt_popcnt32(I[0]));
    OP("bswap16") VI(rt_bswap16(I[0]));
    OP("bswap32") VI(rt_bswap32(I[0]));
    OP("bswap64") VU(rt_bswap64(U[0]));
    OP("rotl32") VI(rt_rotl32(I[0], I[1]));
    OP("rotr32") VI(rt_rotr32(I[0], I[1]));
    /* console */
    OP("put_num") OUT(rt_put_i64(I[0]));
    OP("put_i64") OUT(rt_put_i64(I[0]));
    OP("put_u64") OUT(rt_put_u64(U[0]));
    OP("put_hexn") OUT(rt_put_hex(I[0]));
    OP("put_hex") OUT(rt_put_hex_i64(I[0]));
    OP("put_hex_u64") OUT(rt_put_hex_u64(U[0]));
    OP("put_bool") OUT(rt_put_bool(I[0] != 0));
    OP("put_str") OUT(rt_put_str(STRINGS[I[0]]));
    OP("panicfmt") rt_panic(RT_STR("boom"), RT_STR("kernel/main.ts"), I[0]);
    /* memory, at offsets into `mem` */
    OP("st8") OK(rt_store8(m + I[0], I[1]));
    OP("st16") OK(rt_store16(m + I[0], I[1]));
    OP("st32") OK(rt_store32(m + I[0], I[1]));
    OP("st64") OK(rt_store64(m + I[0], U[1]));
    OP("ld8") VI(rt_load8(m + I[0]));
    OP("ld16") VI(rt_load16(m + I[0]));
    OP("ld32") VI(rt_load32(m + I[0]));
    OP("ld64") VU(rt_load64(m + I[0]));
    OP("mcpy") OK(rt_memcpy(m + I[0], m + I[1], I[2]));
    OP("mset") OK(rt_memset(m + I[0], I[1], I[2]));
    OP("osum") VI(rt_onesSum16(m + I[0], I[1]));
    OP("mmw8") OK(rt_mmioWrite8(m + I[0], I[1]));
    OP("mmw16") OK(rt_mmioWrite16(m + I[0], I[1]));
    OP("mmw32") OK(rt_mmioWrite32(m + I[0], I[1]));
    OP("mmw64") OK(rt_mmioWrite64(m + I[0], U[1]));
    OP("mmr8") VI(rt_mmioRead8(m + I[0]));
    OP("mmr16") VI(rt_mmioRead16(m + I[0]));
    OP("mmr32") VI(rt_mmioRead32(m + I[0]));
    OP("mmr64") VU(rt_mmioRead64(m + I[0]));
    OP("barriers") OK((rt_dmb(), rt_dsb(), rt_isb(), rt_dmbIsh(), rt_dsbIsh(), rt_wfi(), rt_wfe(), rt_sev()));
    /* heap, at offsets from the arena */
    OP("alloc") VI(rt_allocBytes(I[0], I[1]) - heap);
    OP("free") OK(rt_freeBytes(heap + I[0]));
    OP("live") {
      int64_t count, bytes;
      rt_heap_stats(&count, &bytes);
      VI(count);
    }
    /* strings */
    OP("slen") VI(rt_strLen(STRINGS[I[0]]));
    OP("sba") VI(rt_strByteAt(STRINGS[I[0]], I[1]));
    OP("seq") VI(rt_str_eq(STRINGS[I[0]], STRINGS[I[1]]));
    OP("sfb") {
      rt_str s = rt_strFromBytes(m + I[0], I[1]);
      printf("= %lld:", (long long)s.len);
      for (int64_t i = 0; i < s.len; i++) printf("%02x", s.ptr[i]);
      putchar('\n');
    }
    OP("idx") VI(rt_checkIndex(I[0], I[1]));
    else {
      printf("? unknown op %s\n", op);
    }
    in_op = 0;
  }
  return 0;
}
