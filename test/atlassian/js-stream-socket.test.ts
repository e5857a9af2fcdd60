/**
 * The bundle's stand-in for http2-wrapper's JSStreamSocket lookup (src/atlassian/js-stream-socket.cjs): loading
 * it builds no TLS socket, and what it builds on first use is the real class, carrying data as before.
 */
import { createRequire } from 'node:module';
import { PassThrough, type Duplex } from 'node:stream';
import tls from 'node:tls';
import t from 'tap';

const require = createRequire(import.meta.url);

t.test('loading builds no TLS socket; the first use finds the same class http2-wrapper finds', async (t) => {
  const RealTLSSocket = tls.TLSSocket;
  let built = 0;
  tls.TLSSocket = class CountedTLSSocket extends RealTLSSocket {
    constructor(...args: ConstructorParameters<typeof RealTLSSocket>) {
      super(...args);
      built++;
    }
  };
  t.teardown(() => {
    tls.TLSSocket = RealTLSSocket;
  });

  const LazyJSStreamSocket = require('../../src/atlassian/js-stream-socket.cjs') as new (stream: Duplex) => Duplex;
  t.equal(built, 0, 'no TLS socket (and so no secure context) at load');

  const wrapped = new PassThrough();
  const socket = new LazyJSStreamSocket(wrapped);
  t.equal(built, 1, 'the lookup happens on first use');
  const Original = require('http2-wrapper/source/utils/js-stream-socket.js') as abstract new (
    ...args: never[]
  ) => unknown;
  t.ok(socket instanceof Original, "an instance of the class http2-wrapper's own module finds");

  const received = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(String(chunk))));
  wrapped.write('carried');
  t.equal(await received, 'carried', 'data written to the wrapped stream comes out of the socket');
  socket.destroy();
});
