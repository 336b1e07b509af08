// The control connection: brackets each phase with "begin"/"end" so the
// guest counts exactly the phase's work (protocol.ts).
import type net from 'node:net';
import { controlLine, parseControlAnswer } from './protocol.js';
import { closeAndWait, connectLocal, SocketReader } from './socket-reader.js';

/** What a workload client calls around its measured requests. */
export interface PhaseBracket {
  begin(): Promise<void>;
  end(): Promise<void>;
}

export class NetControl {
  private constructor(
    private readonly socket: net.Socket,
    private readonly reader: SocketReader,
  ) {}

  static async connect(port: number): Promise<NetControl> {
    const socket = await connectLocal(port);
    return new NetControl(socket, new SocketReader(socket));
  }

  private async send(line: string): Promise<void> {
    this.socket.write(line);
    const answer = parseControlAnswer((await this.reader.readUntil('\n', 4096)).toString('utf8'));
    if (!answer.ok) throw new Error(`the guest refused '${line.trim()}': ${answer.why}`);
  }

  begin(phase: string) {
    return this.send(controlLine('begin', phase));
  }

  end(phase: string) {
    return this.send(controlLine('end', phase));
  }

  /** A begin/end pair for one phase. */
  bracket(phase: string): PhaseBracket {
    return { begin: () => this.begin(phase), end: () => this.end(phase) };
  }

  /** Asks the guest to stop serving, then closes. */
  async quit(): Promise<void> {
    await this.send(controlLine('quit'));
    await closeAndWait(this.socket);
  }

  destroy() {
    this.socket.destroy();
  }
}

/** No control connection: the client runs unbracketed (e.g. against a server that does not count). */
export const NO_BRACKET: PhaseBracket = { begin: async () => {}, end: async () => {} };
