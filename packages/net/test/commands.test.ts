// The net feature's shell commands under Node: ifconfig and netstat over two stacks on a
// wire, ping's argument errors (its replies are tested natively and in QEMU: it blocks),
// and the dotted-quad parser.
import { beforeEach, describe, expect, it } from 'vitest';
import { release } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { CommandRegistry, RecordingOutput } from '@unishyper/terminal';
import { IpAddress, ipv4, registerNetCommands } from '../src/index';
import { parseIpv4 } from '../src/commands/write-addr';
import { TcpPair } from './tcp-harness';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

function shell(tp: TcpPair): [CommandRegistry, RecordingOutput] {
  const reg = new CommandRegistry(16, 256);
  registerNetCommands(reg, tp.p.a, tp.ta);
  return [reg, new RecordingOutput(8192)];
}

function run(reg: CommandRegistry, out: RecordingOutput, line: string): [number, string] {
  out.clear();
  const status = reg.execute(line, out);
  return [status, out.text()];
}

describe('net commands', () => {
  it('ifconfig shows the address, mask, gateway, MAC and counters', () => {
    const tp = new TcpPair();
    const [reg, out] = shell(tp);
    tp.p.a.ping(ipv4(10, 0, 0, 1), 1, 1, 8, 64);
    tp.run(20);
    const [status, text] = run(reg, out, 'ifconfig');
    expect(status).toBe(0);
    expect(text.split('\n')).toEqual([
      'eth0: flags=UP,BROADCAST,RUNNING  mtu 1500',
      '        inet 10.0.0.2  netmask 255.255.255.0  broadcast 10.0.0.255',
      '        gateway 10.0.0.1  dns (none)',
      '        ether 02:00:00:00:00:0a',
      `        RX frames ${tp.p.a.stats.rxFrames}  dropped 0`,
      `        TX frames ${tp.p.a.stats.txFrames}`,
      '',
    ]);
    expect(tp.p.a.stats.rxFrames).toBe(2); // the ARP reply and the echo reply
    expect(run(reg, out, 'ifconfig eth0')).toEqual([2, 'usage: ifconfig\n']);
    tp.dispose();
  });

  it('netstat lists the listener, both ends of a connection with their queues, and UDP sockets', () => {
    const tp = new TcpPair();
    const reg = new CommandRegistry(16, 256);
    registerNetCommands(reg, tp.p.b, tp.tb);
    const out = new RecordingOutput(8192);
    const l = tp.listen(80);
    const [c, s] = tp.establish(l, 80);
    const u = tp.p.b.udpSocket(1024);
    const any = new IpAddress();
    expect(u.bind(any, 7)).toBe(7);
    const [status, text] = run(reg, out, 'netstat');
    expect(status).toBe(0);
    const rows = text.split('\n');
    expect(rows[0]).toBe('Proto Recv-Q Send-Q Local Address           Foreign Address         State');
    expect(rows[1]).toBe('tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN');
    expect(rows[2]).toMatch(/^tcp        0      0 10\.0\.0\.1:80             10\.0\.0\.2:49152          ESTABLISHED$/);
    expect(rows[3]).toBe('udp        0      0 0.0.0.0:7               0.0.0.0:*');
    expect(rows.length).toBe(5);
    expect(run(reg, out, 'netstat -a')).toEqual([2, 'usage: netstat\n']);
    c.close();
    s.close();
    l.close();
    u.close();
    release(c);
    release(s);
    release(l);
    release(u);
    tp.dispose();
  });

  it('ping refuses bad arguments with its usage line or the reason', () => {
    const tp = new TcpPair();
    const [reg, out] = shell(tp);
    expect(run(reg, out, 'ping')).toEqual([2, 'usage: ping HOST [-c N]\n']);
    expect(run(reg, out, 'ping 10.0.0.1 -c')).toEqual([2, 'ping: -c needs a count of 1 or more\n']);
    expect(run(reg, out, 'ping 10.0.0.1 -c 0')).toEqual([2, 'ping: -c needs a count of 1 or more\n']);
    expect(run(reg, out, 'ping 10.0.0.1 -x')).toEqual([2, 'usage: ping HOST [-c N]\n']);
    expect(run(reg, out, 'ping a b')).toEqual([2, 'usage: ping HOST [-c N]\n']);
    // No DNS server configured: the name cannot be looked up, said at once.
    expect(run(reg, out, 'ping example.test')).toEqual([2, 'ping: example.test: Network is unreachable\n']);
    tp.dispose();
  });

  it('parses dotted quads and nothing else', () => {
    expect(parseIpv4('10.0.0.1')).toBe(ipv4(10, 0, 0, 1));
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    for (const bad of ['', '10', '10.0.0', '10.0.0.1.2', '10.0.0.256', '10..0.1', '.10.0.0.1', '10.0.0.1.', '1000.0.0.1', '10.0.0.x', ' 10.0.0.1', '10.0.0.0001']) {
      expect(parseIpv4(bad), bad).toBe(-1);
    }
  });
});
