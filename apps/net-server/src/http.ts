// A small HTTP/1.1 server (RFC 9112): GET and HEAD, keep-alive unless the
// client says "Connection: close" (or speaks HTTP/1.0 without keep-alive),
// pipelined requests answered in order. Routes: "/" (a greeting),
// "/stats" (live kernel figures), "/instructions" (each core's
// instruction counter, for benchmarks) and "/fatfs/..." (files and
// directories of the disk, file-route.ts). A request head over 4 KiB is refused with
// 431, a malformed one with 400, other methods with 405; the connection then
// closes.
import { nowUs } from '@unishyper/hal-aarch64';
import { HeapStats, readKernelHeapStats } from '@unishyper/mm';
import { allocBytes, FixedArray, freeBytes, idiv, load8, memcpy, release, store8, StrBuf, strByteAt, strLen } from '@unishyper/rt';
import { schedulerCores, threadCount } from '@unishyper/sched';
import { readCounters } from './instructions';
import { DROP_REASONS, dropName, type TcpStream } from '@unishyper/net';
import { Counter, type ServerStats } from './server-stats';
import { FILE_FAILED, FILE_SENT, isFilePath, serveFile } from './file-route';
import { copyText, writeHead } from './http-head';

const HEAD_MAX = 4096;
/** The response buffer: a head and a body of up to 4 KiB, or one chunk of a file. */
const OUT_BYTES = 8192;
const CR = 13;
const LF = 10;

/** Where the request head in `buf[0, len)` ends (after its blank line), or -1. */
function headEnd(buf: number, len: number): number {
  for (let i = 3; i < len; i++) {
    if (load8(buf + i) === LF && load8(buf + i - 1) === CR && load8(buf + i - 2) === LF && load8(buf + i - 3) === CR) return i + 1;
  }
  return -1;
}

/** True when the bytes at `at` are `s` (ASCII, case-insensitive for letters when `fold`). */
function bytesAre(at: number, s: string, fold: boolean): boolean {
  for (let i = 0; i < strLen(s); i++) {
    let c: number = load8(at + i);
    if (fold && c >= 65 && c <= 90) c += 32;
    if (c !== strByteAt(s, i)) return false;
  }
  return true;
}

/** Whether a header line "Connection: <value>" with `value` is in the head. */
function hasConnection(buf: number, end: number, value: string): boolean {
  const name = 'connection:';
  for (let i = 0; i + strLen(name) < end; i++) {
    if ((i === 0 || load8(buf + i - 1) === LF) && bytesAre(buf + i, name, true)) {
      let v = i + strLen(name);
      while (v < end && load8(buf + v) === 32) v++;
      return bytesAre(buf + v, value, true);
    }
  }
  return false;
}


/** Builds the body for `path` into `body`; the status code. */
function route(path: number, pathLen: number, stats: ServerStats, body: StrBuf): number {
  if (pathLen === 1 && load8(path) === 47) {
    body.push('Hello from Unishyper: a unikernel written in TypeScript, serving HTTP from QEMU.\n');
    return 200;
  }
  if (pathLen === 6 && bytesAre(path, '/stats', false)) {
    const h = new HeapStats();
    readKernelHeapStats(h);
    body.push('uptime_ms ');
    body.pushNum(idiv(nowUs(), 1000));
    body.push('\nthreads ');
    body.pushNum(threadCount());
    body.push('\nheap_used ');
    body.pushNum(h.used);
    body.push('\nheap_free ');
    body.pushNum(h.free);
    body.push('\nframes_in ');
    body.pushNum(stats.stack.stats.rxFrames);
    body.push('\nframes_out ');
    body.pushNum(stats.stack.stats.txFrames);
    body.push('\nudp_datagrams_in ');
    body.pushNum(stats.stack.stats.rxUdp);
    body.push('\nudp_datagrams_out ');
    body.pushNum(stats.stack.stats.txUdp);
    body.push('\ntcp_segments_in ');
    body.pushNum(stats.tcp.stats.segsIn);
    body.push('\ntcp_retransmits ');
    body.pushNum(stats.tcp.stats.retransmits);
    body.push('\ntcp_resets_sent ');
    body.pushNum(stats.tcp.stats.resetsSent);
    body.push('\ntcp_aborts ');
    body.pushNum(stats.tcp.stats.aborts);
    body.push('\ntcp_resets_received ');
    body.pushNum(stats.tcp.stats.resetsReceived);
    body.push('\ndrops ');
    body.pushNum(stats.stack.stats.totalDrops());
    for (let r = 1; r < DROP_REASONS; r++) {
      const n = stats.stack.stats.drops.get(r);
      if (n > 0) {
        body.push(' ');
        body.push(dropName(r));
        body.push('=');
        body.pushNum(n);
      }
    }
    body.push('\nconnections_accepted ');
    body.pushNum(stats.get(Counter.Accepted));
    body.push('\nhttp_requests ');
    body.pushNum(stats.get(Counter.Requests));
    body.push('\n');
    release(h);
    return 200;
  }
  if (pathLen === 13 && bytesAre(path, '/instructions', false)) {
    // One counter per core, space-separated (benchmarks difference them per core, modulo 2^32).
    const per = new FixedArray<number>(schedulerCores(), 0);
    readCounters(per);
    for (let c = 0; c < per.length; c++) {
      if (c > 0) body.push(' ');
      body.pushNum(per.get(c));
    }
    body.push('\n');
    release(per);
    return 200;
  }
  body.push('not found\n');
  return 404;
}

/** Answers `code` with `body`; false when the connection failed. */
function respond(s: TcpStream, out: number, code: number, body: StrBuf, head: boolean, close: boolean, stats: ServerStats): boolean {
  using t = new StrBuf(256);
  writeHead(t, code, body.len(), close);
  // Head and body in one write: as two, Nagle would hold the body until the client's (delayed) ACK of the head.
  let n = copyText(out, 0, t);
  if (!head) n = copyText(out, n, body);
  const w = s.write(out, n);
  if (w > 0) stats.add(Counter.TxBytes, w);
  return w === n;
}

/** Serves requests on `s` until the client closes, asks to close, or errs. */
export function httpConnection(s: TcpStream, stats: ServerStats): number {
  const buf = allocBytes(HEAD_MAX, 16);
  const out = allocBytes(OUT_BYTES, 16);
  using body = new StrBuf(4096);
  let have = 0;
  let served = 0;
  for (;;) {
    let end = headEnd(buf, have);
    while (end < 0 && have < HEAD_MAX) {
      const n = s.read(buf + have, HEAD_MAX - have);
      if (n <= 0) break;
      stats.add(Counter.RxBytes, n);
      have += n;
      end = headEnd(buf, have);
    }
    if (end < 0) {
      if (have >= HEAD_MAX) {
        body.clear();
        body.push('request head too large\n');
        respond(s, out, 431, body, false, true, stats);
      }
      break;
    }
    stats.add(Counter.Requests, 1);
    // Request line: METHOD SP PATH SP HTTP/1.x
    const isGet = bytesAre(buf, 'GET ', false);
    const isHead = bytesAre(buf, 'HEAD ', false);
    let p = isGet ? 4 : isHead ? 5 : 0;
    let q = p;
    while (q < end && load8(buf + q) !== 32 && load8(buf + q) !== CR) q++;
    const version10 = bytesAre(buf + q, ' HTTP/1.0', false);
    const wellFormed = p > 0 && q > p && (version10 || bytesAre(buf + q, ' HTTP/1.1', false));
    body.clear();
    const clientCloses = hasConnection(buf, end, 'close') || (version10 && !hasConnection(buf, end, 'keep-alive'));
    let code = 405;
    if (!isGet && !isHead) body.push('only GET and HEAD\n');
    else if (!wellFormed) {
      code = 400;
      body.push('bad request line\n');
    } else if (isFilePath(buf + p, q - p)) {
      // Streamed from /fatfs with its own head (FILE_SENT), or an error answered below.
      code = serveFile(s, out, OUT_BYTES, buf + p, q - p, isHead, clientCloses, body, stats);
    } else code = route(buf + p, q - p, stats, body);
    if (code === FILE_FAILED) break;
    const close = code === 400 || code === 405 || clientCloses;
    if (code !== FILE_SENT && !respond(s, out, code, body, isHead, close, stats)) break;
    if (close) break;
    served++;
    // Pipelined bytes after this request move to the front.
    memcpy(buf, buf + end, have - end);
    have -= end;
    p = 0;
  }
  freeBytes(buf);
  freeBytes(out);
  s.close(); // accept.ts frees the stream when it joins this thread
  return served;
}
