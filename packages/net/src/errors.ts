/**
 * Errors as values. Every call of the stack returns `>= 0` (a count, a port,
 * 0) or `-NetError.X`; the numbers are Linux's errno values so they read the
 * same as in any other system. Nothing in packages/net panics on bad input
 * from the wire or from the caller.
 */
export const NetError = {
  /** Write after shutdown(write) or after the connection ended. */
  EPIPE: 32,
  EBADF: 9,
  /** A non-blocking call found nothing to do (EWOULDBLOCK). */
  EAGAIN: 11,
  EINVAL: 22,
  /** A datagram larger than the socket or the path allows. */
  EMSGSIZE: 90,
  /** The port is taken (bind). */
  EADDRINUSE: 98,
  /** The local address is not one of ours. */
  EADDRNOTAVAIL: 99,
  /** No route (no address configured). */
  ENETUNREACH: 101,
  ECONNRESET: 104,
  /** No packet buffer or queue slot free: the call may be retried. */
  ENOBUFS: 105,
  /** connect on a stream that is already connected. */
  EISCONN: 106,
  ENOTCONN: 107,
  /** A blocking call's time ran out, or a peer never answered (ARP, DNS, DHCP). */
  ETIMEDOUT: 110,
  /** ICMP port unreachable came back for what this socket sent. */
  ECONNREFUSED: 111,
  /** ICMP host/net unreachable or time exceeded came back; or ARP failed. */
  EHOSTUNREACH: 113,
  /** A non-blocking connect is under way (or a second connect while it is). */
  EINPROGRESS: 115,
  /** Not enough memory for the connection's buffers. */
  ENOMEM: 12,
  /** The name does not exist (DNS NXDOMAIN). */
  ENOENT: 2,
  /** A peer's answer could not be used (a malformed or failed DNS response). */
  EPROTO: 71,
} as const;

/** The symbolic name of `-e` or `e` (e.g. "EADDRINUSE"); "OK" for values >= 0 other than errnos. */
export function netErrorName(e: number): string {
  const v = e < 0 ? -e : e;
  if (e >= 0) return 'OK';
  switch (v) {
    case NetError.EBADF: return 'EBADF';
    case NetError.EAGAIN: return 'EAGAIN';
    case NetError.EINVAL: return 'EINVAL';
    case NetError.EMSGSIZE: return 'EMSGSIZE';
    case NetError.EADDRINUSE: return 'EADDRINUSE';
    case NetError.EADDRNOTAVAIL: return 'EADDRNOTAVAIL';
    case NetError.ENETUNREACH: return 'ENETUNREACH';
    case NetError.ECONNRESET: return 'ECONNRESET';
    case NetError.ENOBUFS: return 'ENOBUFS';
    case NetError.ENOTCONN: return 'ENOTCONN';
    case NetError.ETIMEDOUT: return 'ETIMEDOUT';
    case NetError.ECONNREFUSED: return 'ECONNREFUSED';
    case NetError.EHOSTUNREACH: return 'EHOSTUNREACH';
    case NetError.EPIPE: return 'EPIPE';
    case NetError.EISCONN: return 'EISCONN';
    case NetError.EINPROGRESS: return 'EINPROGRESS';
    case NetError.ENOMEM: return 'ENOMEM';
    case NetError.ENOENT: return 'ENOENT';
    case NetError.EPROTO: return 'EPROTO';
  }
  return 'E?';
}

/** What `-e` or `e` means, in the words a shell user reads ("Network is unreachable"). */
export function netErrorMessage(e: number): string {
  switch (e < 0 ? -e : e) {
    case NetError.EPIPE: return 'Broken pipe';
    case NetError.EBADF: return 'Bad socket';
    case NetError.EAGAIN: return 'Try again';
    case NetError.EINVAL: return 'Invalid argument';
    case NetError.EMSGSIZE: return 'Message too long';
    case NetError.EADDRINUSE: return 'Address already in use';
    case NetError.EADDRNOTAVAIL: return 'Address not available';
    case NetError.ENETUNREACH: return 'Network is unreachable';
    case NetError.ECONNRESET: return 'Connection reset by peer';
    case NetError.ENOBUFS: return 'No buffer space available';
    case NetError.EISCONN: return 'Already connected';
    case NetError.ENOTCONN: return 'Not connected';
    case NetError.ETIMEDOUT: return 'Timed out';
    case NetError.ECONNREFUSED: return 'Connection refused';
    case NetError.EHOSTUNREACH: return 'No route to host';
    case NetError.EINPROGRESS: return 'Operation in progress';
    case NetError.ENOMEM: return 'Out of memory';
    case NetError.ENOENT: return 'Name not known';
    case NetError.EPROTO: return 'Protocol error';
  }
  return 'Unknown error';
}
