/**
 * Child process for native.ts: lowers and builds one program for each
 * requested target, off the parent's event loop (the TS -> C lowering is
 * synchronous and CPU-bound), so programs build in parallel on separate cores.
 *
 *     node --import <tsx loader> build-child.ts '<json BuildRequest>'
 *
 * Prints one JSON line (BuildReply) on stdout.
 */
import { loadCompiler, type BuildReply, type BuildRequest } from './native';

const req = JSON.parse(process.argv[2] ?? '{}') as BuildRequest;
const reply: BuildReply = { builds: [] };
const api = await loadCompiler();
if (typeof api === 'string') {
  reply.error = api;
} else {
  for (const t of req.targets) {
    const t0 = performance.now();
    try {
      const r = await api.buildProgram({ entry: req.entry, outDir: t.outDir, target: t.target, ...(req.cc ? { cc: req.cc } : {}) });
      reply.builds.push({ target: t.target, elf: r.elf, cFile: r.cFile, ms: performance.now() - t0 });
    } catch (e) {
      reply.builds.push({ target: t.target, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
    }
  }
}
process.stdout.write(JSON.stringify(reply) + '\n');
