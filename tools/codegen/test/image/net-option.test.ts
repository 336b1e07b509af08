/**
 * `unishyper qemu --net`: a bad mode and `--net tap` for an app without a
 * network card are usage errors (exit 2) found before anything is built.
 * (--net tap booting net-server on the seed's tap0, inside a network
 * namespace: apps/net-client test/tap.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { HELLO_DIR, cli, show } from './helpers.js';

describe('unishyper qemu --net', () => {
  it('a mode other than user or tap: exit 2, naming the value', async () => {
    const r = await cli(['qemu', HELLO_DIR, '--net', 'bridge']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toBe("unishyper qemu: --net must be user or tap, not 'bridge'\n");
  });

  it('--net tap for an app without a network card: exit 2, naming the fix', async () => {
    const r = await cli(['qemu', HELLO_DIR, '--net', 'tap']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toMatch(/^unishyper qemu: --net tap: the app has no network card \(add network: \{\} to \S*apps\/hello\/unishyper\.config\.ts\)\n$/);
  });

  it('is not an option of image', async () => {
    const r = await cli(['image', HELLO_DIR, '--net', 'tap']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toMatch(/--net is not an option of 'image'/);
  });
});
