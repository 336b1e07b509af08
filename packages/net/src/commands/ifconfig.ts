/**
 * `ifconfig`: the one interface's configuration and counters, laid out as
 * net-tools' ifconfig does (the stack has one NetDevice, named eth0).
 */
import type { Argv, TermOutput } from '@unishyper/terminal';
import type { NetStack } from '../stack';
import { writeIpv4, writeMac } from './write-addr';

let stack: NetStack | null = null;

export function setIfconfigStack(s: NetStack): void {
  stack = s;
}

export function ifconfig(_argv: Argv, out: TermOutput): number {
  const s = stack!;
  out.write('eth0: flags=UP,BROADCAST,RUNNING  mtu ');
  out.writeNum(s.mtu);
  out.write('\n        ');
  if (s.configured()) {
    out.write('inet ');
    writeIpv4(out, s.addr);
    out.write('  netmask ');
    writeIpv4(out, s.mask);
    out.write('  broadcast ');
    writeIpv4(out, s.subnetBroadcast());
    out.write('\n        gateway ');
    if (s.gateway !== 0) writeIpv4(out, s.gateway);
    else out.write('(none)');
    out.write('  dns ');
    if (s.dns !== 0) writeIpv4(out, s.dns);
    else out.write('(none)');
  } else {
    out.write('inet (none yet: waiting for DHCP)');
  }
  out.write('\n        ether ');
  writeMac(out, s.mac);
  out.write('\n        RX frames ');
  out.writeNum(s.stats.rxFrames);
  out.write('  dropped ');
  out.writeNum(s.stats.totalDrops());
  out.write('\n        TX frames ');
  out.writeNum(s.stats.txFrames);
  out.write('\n');
  return 0;
}
