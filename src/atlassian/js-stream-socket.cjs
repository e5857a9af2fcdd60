'use strict';
/**
 * Replaces http2-wrapper's `source/utils/js-stream-socket.js` in the bundle; see scripts/build.ts.
 *
 * That module finds Node's internal JSStreamSocket class by building a throwaway TLS socket as soon as it is
 * loaded, and got loads it with everything else. Building a TLS socket builds the default secure context, which
 * parses Node's bundled root certificates: 20–40 ms of CPU on the path to the first tool call, for a class that
 * only HTTP/2 proxying uses and the gateway never reaches. Here the class is found the same way, on first use.
 * `new` on this function returns the real socket, so callers see no difference.
 */
let JSStreamSocket;

module.exports = function LazyJSStreamSocket(stream) {
  if (!JSStreamSocket) {
    const { TLSSocket } = require('node:tls');
    const { PassThrough } = require('node:stream');
    JSStreamSocket = new TLSSocket(new PassThrough())._handle._parentWrap.constructor;
  }
  return new JSStreamSocket(stream);
};
