/**
 * The network rule: a guest reaches nothing but 127.0.0.1. Every -netdev
 * the project passes to QEMU comes from virtioNetArgs (image/network.ts): no
 * other source spells one out, and what it builds passes checkNetworkArgs,
 * which refuses user networking without restrict=on, forwards and sockets on
 * other addresses, and backends that reach the host's networks.
 */
import { describe, expect, it } from 'vitest';
import { checkNetworkArgs, NetworkArgsError, virtioNetArgs } from '../../src/index.js';
import { sourceLines } from './helpers.js';

const ALLOWED = new Set(['tools/codegen/src/image/network.ts', 'tools/codegen/test/image/network-args.test.ts']);

describe('QEMU network command lines reach only 127.0.0.1', () => {
  it('no source but image/network.ts spells out a -netdev', () => {
    const offenders: string[] = [];
    for (const { file, line, text } of sourceLines()) {
      const code = text.trim();
      if (ALLOWED.has(file) || /^(\/\/|\*|\/\*)/.test(code) || /^"description":/.test(code)) continue; // prose
      // '-netdev' as an argument-list element, or inside a string of QEMU arguments.
      if (/['"`]-netdev['"`]\s*[,\]]/.test(code) || /['"`][^'"`]*(^|\s|=)-netdev\s+\w/.test(code)) offenders.push(`${file}:${line}: ${code}`);
    }
    expect(offenders, `build network arguments with virtioNetArgs:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('virtioNetArgs builds restricted user networking and sockets on 127.0.0.1 only', () => {
    const user = virtioNetArgs({ kind: 'user', net: '10.0.0.0/24', host: '10.0.0.1', hostfwd: [{ proto: 'tcp', hostPort: 5555, guestPort: 80 }] }, '48:b0:2d:0e:6e:9e');
    expect(user).toEqual([
      '-global', 'virtio-mmio.force-legacy=false',
      '-netdev', 'user,id=net0,restrict=on,net=10.0.0.0/24,host=10.0.0.1,hostfwd=tcp:127.0.0.1:5555-:80',
      '-device', 'virtio-net-device,netdev=net0,mac=48:b0:2d:0e:6e:9e',
    ]);
    expect(virtioNetArgs({ kind: 'socket-listen', port: 4000 }, '48:b0:2d:0e:6e:9f')[3]).toBe('socket,id=net0,listen=127.0.0.1:4000');
    expect(virtioNetArgs({ kind: 'socket-connect', port: 4000 }, '48:b0:2d:0e:6e:9f')[3]).toBe('socket,id=net0,connect=127.0.0.1:4000');
    for (const a of [user, virtioNetArgs({ kind: 'socket-listen', port: 1 }, '02:00:00:00:00:01')]) expect(checkNetworkArgs(a)).toEqual([]);
    expect(() => virtioNetArgs({ kind: 'socket-listen', port: 70000 }, '48:b0:2d:0e:6e:9f')).toThrow(NetworkArgsError);
    expect(() => virtioNetArgs({ kind: 'user' }, 'not-a-mac')).toThrow(/MAC must look like/);
  });

  it('virtioNetArgs forwards guest connections to 127.0.0.1 only (guestfwd)', () => {
    const args = virtioNetArgs({ kind: 'user', guestfwd: [{ guestAddr: '10.0.0.2', guestPort: 7, hostPort: 5555 }, { guestAddr: '10.0.0.2', guestPort: 9, hostPort: 5557 }] }, '48:b0:2d:0e:6e:a0');
    expect(args[3]).toBe('user,id=net0,restrict=on,guestfwd=tcp:10.0.0.2:7-tcp:127.0.0.1:5555,guestfwd=tcp:10.0.0.2:9-tcp:127.0.0.1:5557');
    expect(checkNetworkArgs(args)).toEqual([]);
    expect(() => virtioNetArgs({ kind: 'user', guestfwd: [{ guestAddr: '10.0.0.300', guestPort: 7, hostPort: 5555 }] }, '48:b0:2d:0e:6e:a0')).toThrow(/guestfwd guest address must be an IPv4 address such as 10\.0\.0\.2, not '10\.0\.0\.300'/);
    expect(() => virtioNetArgs({ kind: 'user', guestfwd: [{ guestAddr: '10.0.0.2', guestPort: 7, hostPort: 0 }] }, '48:b0:2d:0e:6e:a0')).toThrow(/guestfwd host port must be a TCP\/UDP port \(1-65535\), not 0/);
  });

  it('a tap device (the seed\'s tap0) is built, and refused unless the caller runs in a namespace it made', () => {
    const tap = virtioNetArgs({ kind: 'tap', ifname: 'tap0' }, '48:b0:2d:0e:6e:9e');
    expect(tap[3]).toBe('tap,id=net0,ifname=tap0,script=no,downscript=no');
    expect(checkNetworkArgs(tap).join('\n')).toMatch(/backend 'tap' is not allowed outside a network namespace the test made/);
    expect(checkNetworkArgs(tap, { insideOwnNamespace: true })).toEqual([]);
    // The namespace allows the tap and nothing else.
    expect(checkNetworkArgs([...tap, '-netdev', 'user,id=u'], { insideOwnNamespace: true }).join('\n')).toMatch(/without restrict=on/);
    expect(checkNetworkArgs(['-netdev', 'bridge,id=b,br=br0'], { insideOwnNamespace: true }).join('\n')).toMatch(/backend 'bridge' is not allowed/);
    expect(() => virtioNetArgs({ kind: 'tap', ifname: 'tap0,script=/bin/sh' }, '48:b0:2d:0e:6e:9e')).toThrow(/tap interface name must be 1-15 letters/);
  });

  it('checkNetworkArgs names every way out', () => {
    const says = (netdev: string) => checkNetworkArgs(['-netdev', netdev]).join('\n');
    expect(says('user,id=n')).toMatch(/without restrict=on/);
    expect(says('user,id=n,restrict=on,hostfwd=tcp::8080-:80')).toMatch(/hostfwd=tcp::8080-:80 is not bound to 127\.0\.0\.1/);
    expect(says('user,id=n,restrict=on,guestfwd=tcp:10.0.0.2:80-tcp:192.168.1.1:80')).toMatch(/goes elsewhere than 127\.0\.0\.1/);
    expect(says('user,id=n,restrict=on,guestfwd=tcp:10.0.0.2:80-tcp:127.0.0.1:8080')).toBe('');
    expect(says('socket,id=n,connect=10.1.1.1:4000')).toMatch(/connect=10\.1\.1\.1:4000 is not 127\.0\.0\.1/);
    expect(says('socket,id=n,mcast=230.0.0.1:1234')).toMatch(/mcast=230\.0\.0\.1:1234 is not 127\.0\.0\.1/);
    expect(says('tap,id=n,ifname=tap0')).toMatch(/backend 'tap' is not allowed outside a network namespace/);
    expect(checkNetworkArgs(['-nic', 'user'])).toEqual(['-nic user: only -nic none']);
    expect(checkNetworkArgs(['-nic', 'none', '-net', 'nic'])).toEqual(['-net nic: use -netdev (from virtioNetArgs)']);
  });
});
