/**
 * Build worker for native.ts: lowers and builds programs off the parent's
 * event loop (the TS -> C lowering is synchronous and CPU-bound), so `jobs`
 * programs build in parallel on separate cores, and a warm worker skips the
 * start-up and JIT warm-up a fresh process would pay per program.
 *
 * Forked with an IPC channel, it serves `{ id, req: BuildRequest }` messages
 * with `{ id, reply: BuildReply }` until disconnected. Run directly,
 *
 *     node --import <tsx loader> build-child.ts '<json BuildRequest>'
 *
 * it builds once and prints the BuildReply as one JSON line.
 */
import { loadCompiler, type BuildReply, type BuildRequest } from './native';

async function build(req: BuildRequest): Promise<BuildReply> {
  const reply: BuildReply = { builds: [] };
  const api = await loadCompiler();
  if (typeof api === 'string') {
    reply.error = api;
    return reply;
  }
  for (const t of req.targets) {
    const t0 = performance.now();
    try {
      const r = await api.buildProgram({ entry: req.entry, outDir: t.outDir, target: t.target, ...(req.cc ? { cc: req.cc } : {}) });
      reply.builds.push({ target: t.target, elf: r.elf, cFile: r.cFile, ms: performance.now() - t0 });
    } catch (e) {
      reply.builds.push({ target: t.target, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
    }
  }
  return reply;
}

const send = process.send?.bind(process);
if (send) {
  process.on('message', (m: { id: number; req: BuildRequest }) => {
    void build(m.req).then((reply) => send({ id: m.id, reply }));
  });
  process.on('disconnect', () => process.exit(0));
} else {
  const reply = await build(JSON.parse(process.argv[2] ?? '{}') as BuildRequest);
  process.stdout.write(JSON.stringify(reply) + '\n');
}
