/**
 * The shell commands of the `net` feature: ifconfig, ping and netstat. The
 * app calls registerNetCommands once its stack (and TCP, if it has one) is
 * made; everything the commands use is allocated here, once.
 */
import { ArgKind, Command, type CommandRegistry } from '@unishyper/terminal';
import { DnsResolver } from '../dns-resolver';
import type { NetStack } from '../stack';
import type { Tcp } from '../tcp/tcp';
import { ifconfig, setIfconfigStack } from './ifconfig';
import { netstat, setNetstatSources } from './netstat';
import { ping, PingState, setPingState } from './ping';

export function registerNetCommands(reg: CommandRegistry, stack: NetStack, tcp: Tcp | null): void {
  setIfconfigStack(stack);
  setNetstatSources(stack, tcp);
  setPingState(new PingState(stack, new DnsResolver(stack)));
  reg.register(new Command('ifconfig', 'ifconfig', 'Show the network interface: addresses, MAC, frame counters.', 'net', 0, 0, ArgKind.None, ifconfig));
  reg.register(new Command('ping', 'ping HOST [-c N]', 'Send ICMP echo requests to HOST once a second (N of them; Ctrl-C stops).', 'net', 1, 3, ArgKind.None, ping));
  reg.register(new Command('netstat', 'netstat', 'List TCP listeners and connections and UDP sockets.', 'net', 0, 0, ArgKind.None, netstat));
}
