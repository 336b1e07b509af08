/*
 * The storage workloads, one per run (measure wraps each run):
 *
 *   fsbench nop                                    the empty run (process overhead)
 *   fsbench write <path> <bytes> <chunk>           create, write sequentially in chunks, fsync
 *   fsbench read <path> <bytes> <chunk>            read sequentially in chunks
 *   fsbench randread <path> <count> <size> <seed>  <count> preads of <size> at seeded offsets
 *
 * Every 4 KiB block of the file starts with an 8-byte stamp derived from its
 * index, so reads are checked (a few instructions per block, not per byte)
 * and the host can check the image afterwards. Prints one line:
 *   @@fsbench op=<op> bytes=<n> ops=<n> bad=<blocks whose stamp was wrong>
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK 4096u

static uint64_t stamp(uint64_t block) { return (block * 0x9E3779B97F4A7C15ull) ^ 0x4C494E5558424153ull; }

static void die(const char *op, const char *what) {
  printf("@@fsbench op=%s error=%s errno=%d (%s)\n", op, what, errno, strerror(errno));
  fflush(stdout);
  exit(1);
}

static uint64_t arg(const char *s) { return strtoull(s, NULL, 0); }

static unsigned char *buffer(const char *op, uint64_t size) {
  void *p = NULL;
  if (size == 0 || size % BLOCK != 0) {
    errno = EINVAL;
    die(op, "size-not-a-multiple-of-4096");
  }
  if (posix_memalign(&p, BLOCK, size) != 0) die(op, "alloc");
  return p;
}

static void report(const char *op, uint64_t bytes, uint64_t ops, uint64_t bad) {
  printf("@@fsbench op=%s bytes=%" PRIu64 " ops=%" PRIu64 " bad=%" PRIu64 "\n", op, bytes, ops, bad);
  fflush(stdout);
  exit(bad ? 1 : 0);
}

static void do_write(const char *path, uint64_t bytes, uint64_t chunk) {
  unsigned char *buf = buffer("write", chunk);
  for (uint64_t i = 0; i < chunk; i++) buf[i] = (unsigned char)(i * 7 + 1);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) die("write", "open");
  uint64_t done = 0, ops = 0;
  while (done < bytes) {
    uint64_t n = bytes - done < chunk ? bytes - done : chunk;
    for (uint64_t o = 0; o < n; o += BLOCK) {
      uint64_t s = stamp((done + o) / BLOCK);
      memcpy(buf + o, &s, sizeof s);
    }
    ssize_t w = write(fd, buf, n);
    if (w != (ssize_t)n) die("write", "write");
    done += n;
    ops++;
  }
  if (fsync(fd) != 0) die("write", "fsync");
  if (close(fd) != 0) die("write", "close");
  report("write", done, ops, 0);
}

static void do_read(const char *path, uint64_t bytes, uint64_t chunk) {
  unsigned char *buf = buffer("read", chunk);
  int fd = open(path, O_RDONLY);
  if (fd < 0) die("read", "open");
  uint64_t done = 0, ops = 0, bad = 0;
  while (done < bytes) {
    uint64_t want = bytes - done < chunk ? bytes - done : chunk;
    ssize_t r = read(fd, buf, want);
    if (r < 0) die("read", "read");
    if (r == 0) break;
    for (uint64_t o = 0; o + sizeof(uint64_t) <= (uint64_t)r; o += BLOCK) {
      uint64_t s;
      memcpy(&s, buf + o, sizeof s);
      if (s != stamp((done + o) / BLOCK)) bad++;
    }
    done += (uint64_t)r;
    ops++;
  }
  close(fd);
  if (done != bytes) bad++;
  report("read", done, ops, bad);
}

static void do_randread(const char *path, uint64_t count, uint64_t size, uint64_t seed) {
  unsigned char *buf = buffer("randread", size);
  int fd = open(path, O_RDONLY);
  if (fd < 0) die("randread", "open");
  struct stat st;
  if (fstat(fd, &st) != 0) die("randread", "fstat");
  uint64_t slots = (uint64_t)st.st_size / size;
  if (slots == 0) {
    errno = EINVAL;
    die("randread", "file-smaller-than-one-read");
  }
  /* xorshift64: the same offsets on every run and in the unikernel's benchmark. */
  uint64_t x = seed ? seed : 1, bad = 0;
  for (uint64_t i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    uint64_t off = (x % slots) * size;
    if (pread(fd, buf, size, (off_t)off) != (ssize_t)size) die("randread", "pread");
    uint64_t s;
    memcpy(&s, buf, sizeof s);
    if (s != stamp(off / BLOCK)) bad++;
  }
  close(fd);
  report("randread", count * size, count, bad);
}

int main(int argc, char **argv) {
  const char *op = argc > 1 ? argv[1] : "";
  if (strcmp(op, "nop") == 0) return 0;
  if (strcmp(op, "write") == 0 && argc == 5) do_write(argv[2], arg(argv[3]), arg(argv[4]));
  if (strcmp(op, "read") == 0 && argc == 5) do_read(argv[2], arg(argv[3]), arg(argv[4]));
  if (strcmp(op, "randread") == 0 && argc == 6) do_randread(argv[2], arg(argv[3]), arg(argv[4]), arg(argv[5]));
  fprintf(stderr, "usage: fsbench nop | write|read <path> <bytes> <chunk> | randread <path> <count> <size> <seed>\n");
  return 2;
}
