// One TCP connection to 127.0.0.1:port: sends `data` in pieces, reads until
// as many bytes came back, then closes.
import net from 'node:net';

export function echoRoundTrip(port: number, data: Buffer, timeoutMs = 30_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const s = net.connect(port, '127.0.0.1', () => {
      for (let o = 0; o < data.length; o += 1000) s.write(data.subarray(o, o + 1000));
    });
    s.on('data', (d) => {
      chunks.push(d);
      got += d.length;
      if (got >= data.length) s.end();
    });
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
    s.setTimeout(timeoutMs, () => {
      s.destroy();
      reject(new Error(`echo timed out with ${got} of ${data.length} bytes back`));
    });
  });
}
