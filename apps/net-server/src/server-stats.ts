// What /stats reports: the server's own counts beside the kernel's figures.
import type { NetStack, Tcp } from '@unishyper/net';

export class ServerStats {
  accepted = 0;
  requests = 0;
  echoBytes = 0;
  sinkBytes = 0;
  /** Services bound and listening (main announces the server once all are). */
  listening = 0;
  constructor(
    readonly stack: NetStack,
    readonly tcp: Tcp,
  ) {}
}
