/**
 * The stack in the kernel (test/fixtures/net-kernel, QEMU, no network card:
 * the two stacks talk over an in-memory wire inside the image). The shared
 * scenario (fixtures/net-kernel/src/scenario.ts) must print exactly what it
 * prints under Node (test/scenario-node.ts), every result as expected —
 * proving the stack lowers to C and behaves the same natively. Then, in
 * the kernel only, network threads on two cores with blocking sockets:
 * UDP echo, and TCP (blocking accept/connect, 100 echoes, 4 MiB through an
 * echo server, shutdown, read timeout, a refused connect).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage, normalizeOutput, runInNode } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'fixtures', 'net-kernel');

describe('the network stack in the kernel (QEMU) agrees with Node', () => {
  it('prints the same scenario results as under Node, all as expected', async () => {
    const node = await runInNode(path.join(here, 'scenario-node.ts'), { timeoutMs: 120_000 });
    expect(node.stderr).toBe('');
    expect(node.stdout).toContain('net scenario: 0 unexpected\n');
    expect(node.exitCode).toBe(0);
    const img = await buildImage({ appDir: app, outDir: path.join(app, 'build', 'gic2') });
    const r = await bootImage(img.elf, { gic: 2, smp: 2, memMiB: 256, el2: false }, { timeoutMs: 150_000, boardArgs: img.qemuArgs });
    const out = normalizeOutput(r.stdout);
    const script = normalizeOutput(node.stdout);
    expect(script.length).toBeGreaterThan(500);
    const start = out.indexOf('start a: ');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(out.slice(start, start + script.length)).toBe(script);
    // the threaded part (kernel only): network threads, blocking receives on two cores
    expect(out).toContain('threads: receive with nothing coming: ETIMEDOUT\n');
    expect(out).toContain('threads: client got 100 of 100 echoes exact\n');
    expect(out).toContain('threads: server recvFrom ended with EBADF after 100 datagrams\n');
    expect(out).toContain('threads: buffers back true\n');
    // TCP with blocking sockets on two cores (kernel only)
    expect(out).toContain('tcp threads: connect OK\n');
    expect(out).toContain('tcp threads: 100 of 100 echoes exact\n');
    expect(out).toContain('tcp threads: bulk 4194304 bytes back, exact true\n');
    expect(out).toContain('tcp threads: client read after shutdown: end of stream\n');
    expect(out).toContain('tcp threads: connect to a closed port: ECONNREFUSED\n');
    expect(out).toContain('tcp threads: server echoed 4200704 bytes\n');
    expect(out).toContain('tcp threads: read with nothing coming: ETIMEDOUT\n');
    expect(out).toContain('tcp threads: connections left 0\n');
    expect(out).toContain('tcp threads: buffers back true\n');
    expect(out).toContain('all exact: true\n');
    expect(r.status).toBe(0);
  }, 300_000);
});
