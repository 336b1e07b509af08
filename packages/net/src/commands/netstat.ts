/**
 * `netstat`: the TCP listeners and connections and the UDP sockets, one row
 * each, as net-tools' `netstat -tuna` lays them out. The rows are copied
 * under the stack's lock into an array made once, then printed.
 */
import { FixedArray } from '@unishyper/rt';
import { type Argv, spaces, type TermOutput, writeLeft, writeNumRight } from '@unishyper/terminal';
import { SocketProto, SocketRow } from '../socket-row';
import type { NetStack } from '../stack';
import { TcpState, tcpStateName } from '../tcp/state';
import type { Tcp } from '../tcp/tcp';
import { ipv4Columns, writeIpv4 } from './write-addr';

/** Rows netstat prints (more are counted, not listed). */
const ROWS = 64;
/** Columns of an address:port column. */
const ADDR_COLUMNS = 23;

let stack: NetStack | null = null;
let tcp: Tcp | null = null;
let rows: FixedArray<SocketRow> | null = null;

export function setNetstatSources(s: NetStack, t: Tcp | null): void {
  stack = s;
  tcp = t;
  if (rows === null) {
    const r = new FixedArray<SocketRow>(ROWS, new SocketRow());
    for (let i = 1; i < ROWS; i++) r.set(i, new SocketRow());
    rows = r;
  }
}

export function netstat(_argv: Argv, out: TermOutput): number {
  const r = rows!;
  const t = tcp;
  const inTcp = t === null ? 0 : t.listSockets(r, 0);
  const shownTcp = inTcp < ROWS ? inTcp : ROWS;
  const inUdp = stack!.listUdp(r, shownTcp);
  const total = inTcp + inUdp;
  out.write('Proto Recv-Q Send-Q Local Address           Foreign Address         State\n');
  for (let i = 0; i < total && i < ROWS; i++) writeRow(r.get(i), out);
  if (total > ROWS) {
    out.writeNum(total - ROWS);
    out.write(' more not shown\n');
  }
  return 0;
}

function writeRow(row: SocketRow, out: TermOutput): void {
  writeLeft(out, row.proto === SocketProto.Tcp ? 'tcp' : 'udp', 5);
  writeNumRight(out, row.recvQueue, 7);
  writeNumRight(out, row.sendQueue, 7);
  out.write(' ');
  writeEndpoint(out, row.localAddr, row.localPort);
  if (row.proto === SocketProto.Udp) {
    out.write('0.0.0.0:*\n'); // no state: the line ends here
    return;
  }
  if (row.state !== TcpState.Listen) writeEndpoint(out, row.remoteAddr, row.remotePort);
  else writeLeft(out, '0.0.0.0:*', ADDR_COLUMNS + 1);
  out.write(tcpStateName(row.state));
  out.write('\n');
}

/** address:port padded to the column (a port of 0 prints as *). */
function writeEndpoint(out: TermOutput, addr: number, port: number): void {
  writeIpv4(out, addr);
  out.write(':');
  let cols = ipv4Columns(addr) + 1;
  if (port === 0) {
    out.write('*');
    cols++;
  } else {
    out.writeNum(port);
    cols += port >= 10000 ? 5 : port >= 1000 ? 4 : port >= 100 ? 3 : port >= 10 ? 2 : 1;
  }
  spaces(out, cols < ADDR_COLUMNS + 1 ? ADDR_COLUMNS + 1 - cols : 1);
}
