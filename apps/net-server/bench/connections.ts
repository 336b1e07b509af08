// The concurrency run: 256 connections opened at once to the echo
// service, 1,000 requests on each, all connections concurrently, every
// reply checked (test/connections-namespace.ts, inside a network namespace
// this command makes, over the seed's tap0).
//
//   pnpm --filter net-server connections                 # 256 x 1,000
//   pnpm --filter net-server connections -- --conns 64 --reqs 100
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cannotUseNamespace, runConnections } from '../test/many-connections';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { conns: { type: 'string' }, reqs: { type: 'string' } } });
const conns = Number(values.conns ?? 256);
const reqs = Number(values.reqs ?? 1000);
const why = cannotUseNamespace();
if (why) {
  console.error(`connections: this machine cannot run it: ${why}`);
  process.exit(2);
}
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'net-conns-'));
try {
  const r = await runConnections(out, conns, reqs, 3_600_000);
  const errors = Object.entries(r.errors ?? {});
  console.log(`${r.connected}/${conns} connected at once; ${r.answered} of ${conns * reqs} requests answered exactly in ${r.ms} ms; errors: ${errors.length ? JSON.stringify(r.errors) : 0}`);
  console.log(r.stats);
  process.exit(errors.length === 0 && r.answered === conns * reqs ? 0 : 1);
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
