// The head of every HTTP/1.1 response net-server sends (RFC 9112 §4, §6.3):
// status line, Server, Content-Type, Content-Length, and Connection: close
// when the server ends the connection after it.
import { store8, strByteAt, strLen, type StrBuf } from '@unishyper/rt';

export function reason(code: number): string {
  if (code === 200) return 'OK';
  if (code === 400) return 'Bad Request';
  if (code === 404) return 'Not Found';
  if (code === 405) return 'Method Not Allowed';
  if (code === 500) return 'Internal Server Error';
  return 'Request Header Fields Too Large';
}

/** Appends the head of a `code` response with a body of `length` bytes to `t`. */
export function writeHead(t: StrBuf, code: number, length: number, close: boolean): void {
  t.push('HTTP/1.1 ');
  t.pushNum(code);
  t.push(' ');
  t.push(reason(code));
  t.push('\r\nServer: unishyper\r\nContent-Type: text/plain\r\nContent-Length: ');
  t.pushNum(length);
  t.push(close ? '\r\nConnection: close\r\n\r\n' : '\r\n\r\n');
}

/** Copies `text` to `out + at`; the new end. */
export function copyText(out: number, at: number, text: StrBuf): number {
  const t = text.toString();
  const n = strLen(t);
  for (let i = 0; i < n; i++) store8(out + at + i, strByteAt(t, i));
  return at + n;
}
