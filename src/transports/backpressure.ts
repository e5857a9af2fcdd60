/**
 * Writing to clients that may stop reading. Node buffers whatever a socket cannot send yet, so a client that
 * stops reading its SSE stream or WebSocket would otherwise make the gateway hold every later answer in memory.
 * Writes wait for the socket to drain, and a connection with more than its limit left unread is dropped.
 */
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';

/** Called once when a connection exceeded its limit; the caller closes it and logs why. */
export type OnOverflow = (unreadBytes: number) => void;

/** Writes `chunk`; resolves when the stream can take more, and calls `overflow` instead when too much waits. */
export function writeBounded(
  stream: Writable,
  chunk: string,
  limit: number,
  overflow: OnOverflow,
): Promise<void> | undefined {
  if (stream.destroyed || stream.writableEnded) return undefined;
  if (stream.write(chunk)) return undefined;
  if (stream.writableLength > limit) {
    overflow(stream.writableLength);
    return undefined;
  }
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

/** Sends one text frame; resolves once it is flushed, and calls `overflow` instead when too much waits. */
export function sendBounded(
  socket: WebSocket,
  text: string,
  limit: number,
  overflow: OnOverflow,
): Promise<void> | undefined {
  if (socket.readyState !== socket.OPEN) return undefined;
  return new Promise((resolve) => {
    socket.send(text, () => resolve());
    if (socket.bufferedAmount > limit) {
      overflow(socket.bufferedAmount);
      resolve();
    }
  });
}
