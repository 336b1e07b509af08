/*
 * A QEMU TCG plugin that counts the guest instructions each translation
 * block executes, and writes every block's count to a file each time the
 * guest enters one marker address (the bench's phase bracket, so two
 * successive snapshots enclose exactly one phase).
 *
 *   -plugin insn-count.so,mark=0x4020e780,out=/tmp/counts.txt
 *
 * Output: per snapshot a line "snapshot <k>", then "<block pc hex> <insns>
 * <times executed>" for every block executed so far. AArch64 instructions are
 * 4 bytes, so a block covers [pc, pc + 4 * insns). A block cut short by an
 * exception counts whole (a rare over-count). Counting is an inline add per
 * block; with -icount QEMU runs one vCPU thread, so the adds do not race.
 *
 * The declarations are the few entry points of QEMU's plugin API (7.2,
 * version 1) this file uses, written from its documentation; QEMU resolves
 * them when it loads the plugin.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 = 0 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS = 0 };

extern void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, void (*cb)(qemu_plugin_id_t, struct qemu_plugin_tb *));
extern void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void (*cb)(qemu_plugin_id_t, void *), void *userdata);
extern size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
extern uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
extern void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op, void *ptr, uint64_t imm);
extern void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, void (*cb)(unsigned int, void *), enum qemu_plugin_cb_flags flags, void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* One record per translation (a block translated again gets another; the reader sums them by pc). */
struct block {
  uint64_t pc;
  uint64_t insns;
  uint64_t count;
};

#define MAX_BLOCKS (1u << 20)
static struct block *blocks;
static unsigned nblocks;
static uint64_t mark = UINT64_MAX;
static FILE *out;
static unsigned snapshots;

static void snapshot(unsigned vcpu, void *udata) {
  (void)vcpu;
  (void)udata;
  fprintf(out, "snapshot %u\n", snapshots++);
  for (unsigned i = 0; i < nblocks; i++) {
    if (blocks[i].count != 0) fprintf(out, "%" PRIx64 " %" PRIu64 " %" PRIu64 "\n", blocks[i].pc, blocks[i].insns, blocks[i].count);
  }
  fflush(out);
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  uint64_t pc = qemu_plugin_tb_vaddr(tb);
  uint64_t n = qemu_plugin_tb_n_insns(tb);
  if (nblocks == MAX_BLOCKS) return; /* counted as missing; the reader reports the total it saw */
  struct block *b = &blocks[nblocks++];
  b->pc = pc;
  b->insns = n;
  b->count = 0;
  /* The snapshot is taken before the marker's block runs, so it sees the counts up to the call. */
  if (mark >= pc && mark < pc + 4 * n) qemu_plugin_register_vcpu_tb_exec_cb(tb, snapshot, QEMU_PLUGIN_CB_NO_REGS, NULL);
  qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->count, 1);
}

static void finished(qemu_plugin_id_t id, void *udata) {
  (void)id;
  snapshot(0, udata);
  fclose(out);
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info, int argc, char **argv) {
  (void)info;
  const char *path = NULL;
  for (int i = 0; i < argc; i++) {
    if (strncmp(argv[i], "mark=", 5) == 0) mark = strtoull(argv[i] + 5, NULL, 0);
    else if (strncmp(argv[i], "out=", 4) == 0) path = argv[i] + 4;
  }
  if (path == NULL) {
    fprintf(stderr, "insn-count: out=<file> is required\n");
    return -1;
  }
  out = fopen(path, "w");
  blocks = calloc(MAX_BLOCKS, sizeof *blocks);
  if (out == NULL || blocks == NULL) {
    fprintf(stderr, "insn-count: cannot open %s\n", path);
    return -1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
  qemu_plugin_register_atexit_cb(id, finished, NULL);
  return 0;
}
