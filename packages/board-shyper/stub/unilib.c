/*
 * The unilib calls (HVC with x0 = 0x12, as the original Unishyper makes
 * them; x1 = the event, x2 = the guest address of its argument block of
 * 64-bit fields; the result in x0, >= 0 or -errno), served from the host
 * directory QEMU's semihosting command line names
 * (`-semihosting-config arg=unilibfs=<dir>`) by semihosting calls made here
 * at EL2:
 *
 *   INIT 0     -                          0, or -ENODEV when nothing is served
 *   OPEN 1     path, path_len, mode       handle (mode 0 "rb", 1 "r+b", 2 "w+b")
 *   CLOSE 2    handle                     0
 *   READ 3     handle, buf, len           bytes read
 *   WRITE 4    handle, buf, len           bytes written
 *   LSEEK 5    handle, offset             0 (from the start)
 *   STAT 6     path, path_len, out        0; out[0] = kind (1 file, 2 directory), out[1] = size
 *   UNLINK 7   path, path_len             0
 * and, new here (what the original's users missed):
 *   READDIR 8  path, path_len, index, name_buf, name_cap, out
 *                                         the name's length, 0 past the end; out = kind, size
 *   MKDIR 9, RMDIR 11  path, path_len     0
 *              (READDIR, MKDIR and RMDIR answer -ENOSYS here: semihosting has no directories)
 *   RENAME 10  from, from_len, to, to_len 0
 *   FLEN 12    handle                     the open file's size
 *
 * Paths are relative to the served directory; one that is absolute, has a
 * "." or ".." or empty component, or a NUL, is refused with -EPERM before
 * the host sees it. The guest's RAM is identity-mapped, so its addresses are
 * used as they are, after a range check.
 */
#include "stub.h"

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_SEEK 0x0a
#define SYS_FLEN 0x0c
#define SYS_REMOVE 0x0e
#define SYS_RENAME 0x0f
#define SYS_ERRNO 0x13
#define SYS_GET_CMDLINE 0x15

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define EFAULT 14
#define ENODEV 19
#define EISDIR 21
#define EINVAL 22
#define ENAMETOOLONG 36
#define ENOSYS 38

#define ROOT_MAX 1024
#define PATH_MAX 4096

static char root[ROOT_MAX];
static uint64_t root_len;
static char path_a[ROOT_MAX + PATH_MAX + 2];
static char path_b[ROOT_MAX + PATH_MAX + 2];
static uint64_t block[4];
static uint8_t probe;

static int64_t host_error(void) {
  int64_t e = stub_semihost(SYS_ERRNO, 0);
  return e > 0 && e < 4096 ? -e : -EIO;
}

void unilib_init(void) {
  static const char prefix[] = "unilibfs=";
  static char line[ROOT_MAX];
  block[0] = (uint64_t)(uintptr_t)line;
  block[1] = sizeof line;
  root_len = 0;
  if (stub_semihost(SYS_GET_CMDLINE, (uint64_t)(uintptr_t)block) != 0) return;
  uint64_t n = block[1], p = sizeof prefix - 1;
  if (n <= p + 1 || n >= ROOT_MAX) return;
  for (uint64_t i = 0; i < p; i++)
    if (line[i] != prefix[i]) return;
  if (line[p] != '/') return;
  for (uint64_t i = p; i < n; i++) root[i - p] = line[i];
  n -= p;
  while (n > 1 && root[n - 1] == '/') n--;
  root_len = n;
}

/* Whether [addr, addr + len) lies in the guest's RAM. */
static int in_guest(uint64_t addr, uint64_t len) {
  return addr >= GUEST_RAM_BASE && len <= GUEST_RAM_SIZE && addr - GUEST_RAM_BASE <= GUEST_RAM_SIZE - len;
}

/* root + '/' + the guest's path into `dst` as a C string; its length, or -errno. */
static int64_t host_path(char *dst, uint64_t addr, uint64_t len) {
  if (len > PATH_MAX) return -ENAMETOOLONG;
  if (!in_guest(addr, len)) return -EFAULT;
  const char *p = (const char *)(uintptr_t)addr;
  uint64_t start = 0;
  for (uint64_t i = 0; i <= len; i++) {
    char c = i < len ? p[i] : '/';
    if (len == 0) break;
    if (c == 0) return -EPERM;
    if (c != '/') continue;
    uint64_t n = i - start;
    if (n == 0) return -EPERM;
    if (n == 1 && p[start] == '.') return -EPERM;
    if (n == 2 && p[start] == '.' && p[start + 1] == '.') return -EPERM;
    start = i + 1;
  }
  uint64_t k = 0;
  for (uint64_t i = 0; i < root_len; i++) dst[k++] = root[i];
  if (len > 0) dst[k++] = '/';
  for (uint64_t i = 0; i < len; i++) dst[k++] = p[i];
  dst[k] = 0;
  return (int64_t)k;
}

static int64_t host_open(const char *path, int64_t len, uint64_t mode) {
  static const uint64_t modes[3] = {1, 3, 7}; /* "rb", "r+b", "w+b" */
  block[0] = (uint64_t)(uintptr_t)path;
  block[1] = modes[mode];
  block[2] = (uint64_t)len;
  int64_t h = stub_semihost(SYS_OPEN, (uint64_t)(uintptr_t)block);
  return h < 0 ? host_error() : h;
}

static int64_t host_rw(uint64_t op, uint64_t handle, uint64_t buf, uint64_t len) {
  if (!in_guest(buf, len)) return -EFAULT;
  block[0] = handle;
  block[1] = buf;
  block[2] = len;
  int64_t left = stub_semihost(op, (uint64_t)(uintptr_t)block);
  if (left < 0 || (uint64_t)left > len) return host_error();
  if (op == SYS_WRITE && len > 0 && (uint64_t)left == len) return host_error();
  return (int64_t)(len - (uint64_t)left);
}

static int64_t simple(uint64_t op, uint64_t a0, uint64_t a1) {
  block[0] = a0;
  block[1] = a1;
  return stub_semihost(op, (uint64_t)(uintptr_t)block);
}

/* STAT: kind and size of the node at the host path (a directory opens for reading on Linux; reading it fails with EISDIR). */
static int64_t host_stat(int64_t len, uint64_t out) {
  if (!in_guest(out, 16)) return -EFAULT;
  uint64_t *o = (uint64_t *)(uintptr_t)out;
  if (len == (int64_t)root_len) { /* the served directory itself */
    o[0] = 2;
    o[1] = 0;
    return 0;
  }
  int64_t h = host_open(path_a, len, 0);
  if (h < 0) return h;
  int64_t size = simple(SYS_FLEN, (uint64_t)h, 0);
  block[0] = (uint64_t)h;
  block[1] = (uint64_t)(uintptr_t)&probe;
  block[2] = 1;
  int64_t r = stub_semihost(SYS_READ, (uint64_t)(uintptr_t)block);
  int64_t err = r < 0 ? host_error() : 0;
  simple(SYS_CLOSE, (uint64_t)h, 0);
  if (err == -EISDIR) {
    o[0] = 2;
    o[1] = 0;
    return 0;
  }
  if (err < 0) return err;
  o[0] = 1;
  o[1] = size < 0 ? 0 : (uint64_t)size;
  return 0;
}

int64_t unilib_call(uint64_t event, uint64_t args) {
  if (event == 0) return root_len > 0 ? 0 : -ENODEV;
  if (root_len == 0) return -ENODEV;
  if (!in_guest(args, 48)) return -EFAULT;
  const uint64_t *a = (const uint64_t *)(uintptr_t)args;
  int64_t n;
  switch (event) {
  case 1: /* OPEN */
    if (a[2] > 2) return -EINVAL;
    n = host_path(path_a, a[0], a[1]);
    return n < 0 ? n : host_open(path_a, n, a[2]);
  case 2: /* CLOSE */
    return simple(SYS_CLOSE, a[0], 0) == 0 ? 0 : host_error();
  case 3: /* READ */
    return host_rw(SYS_READ, a[0], a[1], a[2]);
  case 4: /* WRITE */
    return host_rw(SYS_WRITE, a[0], a[1], a[2]);
  case 5: /* LSEEK */
    return simple(SYS_SEEK, a[0], a[1]) == 0 ? 0 : host_error();
  case 6: /* STAT */
    n = host_path(path_a, a[0], a[1]);
    return n < 0 ? n : host_stat(n, a[2]);
  case 7: /* UNLINK */
    n = host_path(path_a, a[0], a[1]);
    if (n < 0) return n;
    return simple(SYS_REMOVE, (uint64_t)(uintptr_t)path_a, (uint64_t)n) == 0 ? 0 : host_error();
  case 10: { /* RENAME */
    int64_t m;
    n = host_path(path_a, a[0], a[1]);
    if (n < 0) return n;
    m = host_path(path_b, a[2], a[3]);
    if (m < 0) return m;
    block[0] = (uint64_t)(uintptr_t)path_a;
    block[1] = (uint64_t)n;
    block[2] = (uint64_t)(uintptr_t)path_b;
    block[3] = (uint64_t)m;
    return stub_semihost(SYS_RENAME, (uint64_t)(uintptr_t)block) == 0 ? 0 : host_error();
  }
  case 12: /* FLEN */
    n = simple(SYS_FLEN, a[0], 0);
    return n < 0 ? host_error() : n;
  case 8:  /* READDIR */
  case 9:  /* MKDIR */
  case 11: /* RMDIR */
    return -ENOSYS;
  default:
    return -EINVAL;
  }
}
