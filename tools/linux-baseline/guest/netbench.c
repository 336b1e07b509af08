/*
 * netbench: the network workload's server (README.md, "The network
 * workload", has the protocol). One thread, one poll() loop, no fork:
 *
 *   tcp 7     echo: writes back whatever it reads
 *   tcp 9     bulk sink: reads and discards until EOF, then replies
 *             "<bytes read>\n" and closes
 *   tcp 80    HTTP/1.1: answers every request head with a small fixed
 *             body (GET; anything else 405 and close), keep-alive
 *   tcp 9000  control, one line each way:
 *               "begin <phase>\n"  reads the counters, answers "ok\n"
 *               "end <phase>\n"    reads the counters, prints the phase's
 *                                  @@lb net line, answers "ok\n"
 *               "quit\n"           answers "ok\n" and exits 0
 *             anything else is answered "err <why>\n"
 *
 * The phase line (pmu.h has the counter fields):
 *   @@lb net phase=<phase> ns= cntvct= cntfrq= insn= user= enabled= running=
 *        conns=<accepted> rx=<bytes read> tx=<bytes written> reqs=<HTTP requests>
 *        frames_in=<eth0 frames received> frames_out=<eth0 frames sent>
 * conns/rx/tx/reqs count the data services (not control) during the phase;
 * frames_in/out are eth0's packet counters from sysfs, read just outside the
 * counted interval (before it at begin, after it at end), so they cost none
 * of its instructions.
 *
 * The counters are read as the first thing once a begin or end line has
 * been parsed, so a phase covers the "ok" answer to begin and the receipt
 * of end: one control round trip, which the host's empty phase measures.
 */
#include "pmu.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>

#define PORT_ECHO 7
#define PORT_BULK 9
#define PORT_HTTP 80
#define PORT_CONTROL 9000
#define MAX_CONNS 32
#define LINE_MAX_BYTES 4096
/* No event at all for this long means the host is gone: exit rather than keep QEMU running. */
#define IDLE_TIMEOUT_MS 120000

enum kind { ECHO, BULK, HTTP, CONTROL, NKINDS };
static const int ports[NKINDS] = {PORT_ECHO, PORT_BULK, PORT_HTTP, PORT_CONTROL};

struct conn {
  int fd; /* -1: free slot */
  enum kind kind;
  size_t have; /* bytes in buf (HTTP head, control line) */
  uint64_t bulk;
  char buf[LINE_MAX_BYTES];
};

static struct conn conns[MAX_CONNS];
static int listeners[NKINDS];
static char io[65536];
static struct pmu pmu;
static struct pmu_sample phase_start, phase_end;
static char phase[48];
static int in_phase;
static struct {
  uint64_t conns, rx, tx, reqs;
} stats;
static uint64_t frames_in0, frames_out0;

static const char HTTP_BODY[] = "Hello from Linux: the baseline for Unishyper's benchmarks, serving HTTP from QEMU.\n";
static char http_ok[512], http_405[256];
static size_t http_ok_len, http_405_len;

static void die(const char *what, int err) {
  printf("@@lb error what=netbench-%s errno=%d (%s)\n", what, err, strerror(err));
  fflush(stdout);
  exit(2);
}

/* Blocking sockets: write until everything is out. */
static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static int send_data(struct conn *c, const char *p, size_t n) {
  stats.tx += n;
  return write_all(c->fd, p, n);
}

static void drop(struct conn *c) {
  close(c->fd);
  c->fd = -1;
}

static int listen_on(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket", errno);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr = {htonl(INADDR_ANY)}};
  if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) die("bind", errno);
  if (listen(fd, 16) != 0) die("listen", errno);
  return fd;
}

static void accept_on(enum kind k) {
  int fd = accept(listeners[k], NULL, NULL);
  if (fd < 0) return;
  for (int i = 0; i < MAX_CONNS; i++)
    if (conns[i].fd < 0) {
      /* Answers go out at once, as the unikernel's do (no Nagle wait behind an unacknowledged segment). */
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      conns[i] = (struct conn){.fd = fd, .kind = k};
      if (k != CONTROL) stats.conns++;
      return;
    }
  close(fd); /* no free slot */
}

static void on_echo(struct conn *c) {
  ssize_t n = read(c->fd, io, sizeof io);
  if (n <= 0) { drop(c); return; }
  stats.rx += (uint64_t)n;
  if (send_data(c, io, (size_t)n) != 0) drop(c);
}

static void on_bulk(struct conn *c) {
  ssize_t n = read(c->fd, io, sizeof io);
  if (n < 0) { drop(c); return; }
  if (n > 0) {
    stats.rx += (uint64_t)n;
    c->bulk += (uint64_t)n;
    return;
  }
  char reply[32];
  int len = snprintf(reply, sizeof reply, "%" PRIu64 "\n", c->bulk);
  send_data(c, reply, (size_t)len);
  drop(c);
}

/* Case-insensitive search for `needle` in the first n bytes of `hay`. */
static int has_text(const char *hay, size_t n, const char *needle) {
  size_t m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++)
    if (strncasecmp(hay + i, needle, m) == 0) return 1;
  return 0;
}

static void on_http(struct conn *c) {
  ssize_t n = read(c->fd, c->buf + c->have, sizeof c->buf - c->have);
  if (n <= 0) { drop(c); return; }
  stats.rx += (uint64_t)n;
  c->have += (size_t)n;
  /* Every complete head in the buffer gets its answer (pipelined requests too). */
  for (;;) {
    char *e = memmem(c->buf, c->have, "\r\n\r\n", 4);
    if (!e) {
      if (c->have == sizeof c->buf) drop(c); /* a head this long is not a benchmark's */
      return;
    }
    size_t end = (size_t)(e - c->buf) + 4;
    stats.reqs++;
    int get = c->have >= 4 && memcmp(c->buf, "GET ", 4) == 0;
    int close_after = !get || has_text(c->buf, end, "\r\nconnection: close");
    int failed = get ? send_data(c, http_ok, http_ok_len) : send_data(c, http_405, http_405_len);
    if (failed || close_after) { drop(c); return; }
    memmove(c->buf, c->buf + end, c->have - end);
    c->have -= end;
  }
}

/* One of eth0's statistics counters (0 if it cannot be read: the figure is then absent, not wrong). */
static uint64_t eth0_stat(const char *name) {
  char path[96], text[32];
  snprintf(path, sizeof path, "/sys/class/net/eth0/statistics/%s", name);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  uint64_t v = 0;
  if (fgets(text, sizeof text, f)) v = strtoull(text, NULL, 10);
  fclose(f);
  return v;
}

static int valid_phase(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n >= sizeof phase) return 0;
  for (size_t i = 0; i < n; i++)
    if (!(s[i] == '-' || s[i] == '.' || s[i] == '_' || (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return 0;
  return 1;
}

static void answer(struct conn *c, const char *text) {
  if (write_all(c->fd, text, strlen(text)) != 0) drop(c);
}

static void control_line(struct conn *c, char *line) {
  if (strncmp(line, "begin ", 6) == 0) {
    frames_in0 = eth0_stat("rx_packets");
    frames_out0 = eth0_stat("tx_packets");
    if (pmu_sample_start(&pmu, &phase_start) != 0) die("read-counter", errno);
    memset(&stats, 0, sizeof stats);
    if (!valid_phase(line + 6)) { answer(c, "err bad phase name\n"); return; }
    strcpy(phase, line + 6);
    in_phase = 1;
    answer(c, "ok\n");
    return;
  }
  if (strncmp(line, "end ", 4) == 0) {
    if (pmu_sample_end(&pmu, &phase_end) != 0) die("read-counter", errno);
    if (!in_phase || strcmp(line + 4, phase) != 0) { answer(c, "err no such phase begun\n"); return; }
    in_phase = 0;
    printf("@@lb net phase=%s ", phase);
    pmu_print_interval(stdout, &pmu, &phase_start, &phase_end);
    printf(" conns=%" PRIu64 " rx=%" PRIu64 " tx=%" PRIu64 " reqs=%" PRIu64, stats.conns, stats.rx, stats.tx, stats.reqs);
    printf(" frames_in=%" PRIu64 " frames_out=%" PRIu64 "\n", eth0_stat("rx_packets") - frames_in0, eth0_stat("tx_packets") - frames_out0);
    fflush(stdout);
    answer(c, "ok\n");
    return;
  }
  if (strcmp(line, "quit") == 0) {
    answer(c, "ok\n");
    exit(0);
  }
  answer(c, "err unknown command\n");
}

static void on_control(struct conn *c) {
  ssize_t n = read(c->fd, c->buf + c->have, sizeof c->buf - 1 - c->have);
  if (n <= 0) { drop(c); return; }
  c->have += (size_t)n;
  char *nl;
  while (c->fd >= 0 && (nl = memchr(c->buf, '\n', c->have))) {
    *nl = 0;
    if (nl > c->buf && nl[-1] == '\r') nl[-1] = 0;
    size_t used = (size_t)(nl - c->buf) + 1;
    control_line(c, c->buf);
    if (c->fd < 0) return;
    memmove(c->buf, c->buf + used, c->have - used);
    c->have -= used;
  }
  if (c->fd >= 0 && c->have == sizeof c->buf - 1) drop(c);
}

static void build_responses(void) {
  http_ok_len = (size_t)snprintf(http_ok, sizeof http_ok,
                                 "HTTP/1.1 200 OK\r\nServer: linux-baseline\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n\r\n%s",
                                 sizeof HTTP_BODY - 1, HTTP_BODY);
  http_405_len = (size_t)snprintf(http_405, sizeof http_405,
                                  "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

int main(void) {
  const char *what = "";
  if (pmu_open(&pmu, &what) != 0) die(what, errno);
  build_responses();
  for (int i = 0; i < MAX_CONNS; i++) conns[i].fd = -1;
  for (int k = 0; k < NKINDS; k++) listeners[k] = listen_on(ports[k]);
  printf("@@lb net ready echo=%d bulk=%d http=%d control=%d\n", PORT_ECHO, PORT_BULK, PORT_HTTP, PORT_CONTROL);
  fflush(stdout);

  struct pollfd fds[NKINDS + MAX_CONNS];
  int owner[NKINDS + MAX_CONNS]; /* -1 - k: listener k; i: conns[i] */
  for (;;) {
    int n = 0;
    for (int k = 0; k < NKINDS; k++) {
      fds[n] = (struct pollfd){.fd = listeners[k], .events = POLLIN};
      owner[n++] = -1 - k;
    }
    for (int i = 0; i < MAX_CONNS; i++)
      if (conns[i].fd >= 0) {
        fds[n] = (struct pollfd){.fd = conns[i].fd, .events = POLLIN};
        owner[n++] = i;
      }
    int ready = poll(fds, (nfds_t)n, IDLE_TIMEOUT_MS);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) die("poll", errno);
    if (ready == 0) die("idle-timeout", ETIMEDOUT);
    for (int j = 0; j < n; j++) {
      if (!fds[j].revents) continue;
      if (owner[j] < 0) {
        accept_on((enum kind)(-1 - owner[j]));
        continue;
      }
      struct conn *c = &conns[owner[j]];
      if (c->fd != fds[j].fd) continue; /* dropped and reused during this round */
      switch (c->kind) {
        case ECHO: on_echo(c); break;
        case BULK: on_bulk(c); break;
        case HTTP: on_http(c); break;
        case CONTROL: on_control(c); break;
        default: drop(c);
      }
    }
  }
}
