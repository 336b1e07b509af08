import { describe, expect, it } from 'vitest';
import { checkGuestCounts } from '../src/net.js';
import { controlLine, echoMessage, GUEST_PORTS, HTTP_REQUEST, parseControlAnswer, parseHttpHead, runNetClient } from '../src/net-workload/index.js';
import { NET_CLIENT_DEFAULTS } from '../src/net-workload/run.js';
import type { NetPhaseResult } from '../src/results.js';
import { startFakeNetServer } from './fake-net-server.js';

describe('the network workload protocol', () => {
  it('control lines: begin/end name a phase, quit stands alone', () => {
    expect(controlLine('begin', 'echo.1')).toBe('begin echo.1\n');
    expect(controlLine('end', 'bulk.2')).toBe('end bulk.2\n');
    expect(controlLine('quit')).toBe('quit\n');
    expect(() => controlLine('begin', 'two words')).toThrow(/phase name/);
    expect(() => controlLine('begin', 'x'.repeat(48))).toThrow(/phase name/);
  });

  it('answers: "ok" (anything may follow) or "err <why>"', () => {
    expect(parseControlAnswer('ok\n')).toEqual({ ok: true });
    expect(parseControlAnswer('ok insn=5\r\n')).toEqual({ ok: true });
    expect(parseControlAnswer('err no such phase begun\n')).toEqual({ ok: false, why: 'no such phase begun' });
    expect(parseControlAnswer('okay\n')).toEqual({ ok: false, why: "unexpected answer 'okay'" });
  });

  it('the guest ports are the documented ones', () => {
    expect(GUEST_PORTS).toEqual({ echo: 7, bulk: 9, http: 80, control: 9000 });
    expect(HTTP_REQUEST).toMatch(/^GET \/ HTTP\/1\.1\r\n.*\r\n\r\n$/s);
  });

  it('HTTP response heads: status, Content-Length, Connection: close', () => {
    expect(parseHttpHead('HTTP/1.1 200 OK\r\nServer: x\r\ncontent-length: 84\r\n\r\n')).toEqual({ status: 200, contentLength: 84, close: false });
    expect(parseHttpHead('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')).toMatchObject({ status: 405, close: true });
    expect(() => parseHttpHead('HTTP/1.1 200 OK\r\n\r\n')).toThrow(/without a Content-Length/);
    expect(() => parseHttpHead('SSH-2.0-x\r\n\r\n')).toThrow(/not an HTTP response/);
  });

  it('echo messages differ from one round trip to the next and have the asked size', () => {
    expect(echoMessage(7, 64)).toHaveLength(64);
    expect(echoMessage(7, 64).equals(echoMessage(8, 64))).toBe(false);
    expect(echoMessage(123456, 3)).toHaveLength(3);
  });
});

describe('the host client against a stand-in server (no QEMU)', () => {
  it('brackets every phase, sends what it says, and quits', async () => {
    const srv = await startFakeNetServer();
    try {
      const o = { ...NET_CLIENT_DEFAULTS, echoCount: 50, echoWarmup: 5, bulkBytes: 300_000, bulkChunk: 4096, httpCount: 40, httpWarmup: 3, repeat: 2, idleMs: 20 };
      const host = await runNetClient(srv.ports, o);
      expect(srv.control).toEqual([
        ...[1, 2].flatMap((r) => ['empty', 'echo', 'bulk', 'http'].flatMap((k) => [`begin ${k}.${r}`, `end ${k}.${r}`])),
        'begin idle',
        'end idle',
        'quit',
      ]);
      expect(srv.quit).toBe(true);
      expect(host.get('echo.1')).toMatchObject({ ops: 50, bytesSent: 50 * 64, bytesReceived: 50 * 64 });
      expect(host.get('bulk.2')).toMatchObject({ ops: 1, bytesSent: 300_000 });
      expect(host.get('http.1')!.ops).toBe(40);
      expect(host.get('idle')!.wallNs).toBeGreaterThanOrEqual(19e6);
      // The stand-in counts like the guest does: each phase saw exactly its requests (warm-ups and connects outside).
      for (const p of srv.phases.filter((x) => /^(echo|bulk|http)\./.test(x.phase))) {
        const g = { ...p, ns: 0, cntvct: 0, cntfrq: 1, insnPerCpu: [0], enabled: 0, running: 0 } satisfies NetPhaseResult;
        expect(checkGuestCounts(p.phase.split('.')[0] as 'echo', g, o)).toBeUndefined();
      }
    } finally {
      await srv.close();
    }
  });

  it('a refused control line fails the run with the guest\'s reason, and still asks the guest to quit', async () => {
    const srv = await startFakeNetServer({ refuse: 'begin echo.1' });
    try {
      await expect(runNetClient(srv.ports, { echoCount: 5, echoWarmup: 0, repeat: 1 })).rejects.toThrow(/the guest refused 'begin echo.1': refused by the test/);
      expect(srv.control.at(-1)).toBe('quit');
    } finally {
      await srv.close();
    }
  });

  it('checkGuestCounts names a phase that saw more or less than was sent', () => {
    const o = { ...NET_CLIENT_DEFAULTS };
    const g: NetPhaseResult = { phase: 'echo.1', ns: 0, cntvct: 0, cntfrq: 1, insnPerCpu: [0], enabled: 0, running: 0, conns: 1, rx: 64, tx: 64, reqs: 0 };
    expect(checkGuestCounts('echo', g, o)).toBe('echo.1: the guest counted rx=64 (expected 128000), tx=64 (expected 128000), conns=1 (expected 0)');
  });
});
