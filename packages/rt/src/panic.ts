/**
 * Kernel panics under Node.
 *
 * `panic(msg)` throws a `KernelPanic`; whoever runs the kernel (a test, the
 * differential runner) catches it. Natively the compiler lowers `panic(msg)`
 * to `rt_panic(msg, file, line)`, which prints `panic: <msg>` and
 * `    at <file>:<line>` and exits with status 101.
 */

/** The exception a kernel panic becomes under Node. */
export class KernelPanic extends Error {
  /** The message given to `panic`, without any prefix. */
  readonly kernelMessage: string;

  constructor(msg: string) {
    super(msg);
    this.name = 'KernelPanic';
    this.kernelMessage = msg;
  }
}

/** Stops the kernel with `msg`. Never returns. */
export function panic(msg: string): never {
  throw new KernelPanic(msg);
}
