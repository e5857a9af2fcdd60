/**
 * stdio for local clients (Claude Desktop, Cursor, …): newline-delimited JSON-RPC on stdin/stdout. Nothing
 * else may touch stdout; logs go to stderr. Serves until the client closes stdin or a signal arrives; on a
 * signal, calls in flight get the shutdown grace period to finish.
 *
 * The gateway reads the lines itself (line-reader.ts) rather than through the SDK's stdio transport, so a line
 * that is too long, too deep or not JSON is answered with a JSON-RPC error and the session goes on.
 */
import type { Readable, Writable } from 'node:stream';
import type { McpServerFactory } from '@modelcontextprotocol/server';
import type { Logger } from '../logging.js';
import { writeBounded } from './backpressure.js';
import { ChannelTransport } from './channel-transport.js';
import { serveConnection } from './connection.js';
import { settlesWithin } from './grace.js';
import { parseJsonRpcText } from './json-text.js';
import { JSONRPC_INVALID_REQUEST } from './jsonrpc-errors.js';
import { LineReader } from './line-reader.js';

export interface StdioOptions {
  factory: McpServerFactory;
  logger: Logger;
  /** Longest line read (`MCP_BODY_LIMIT`). */
  maxLineBytes: number;
  /** Seconds calls in flight get on a signal (`MCP_SHUTDOWN_GRACE`). */
  shutdownGrace: number;
  /** What the start log line reports. */
  summary: { instances: number; tools: number };
  input?: Readable;
  output?: Writable;
}

export async function serveStdioTransport(options: StdioOptions): Promise<void> {
  const log = options.logger.child({ component: 'stdio' });
  const { input = process.stdin, output = process.stdout } = options;
  const transport = new ChannelTransport({
    write: (message) => writeLine(output, JSON.stringify(message)),
    end: () => undefined,
  });
  const answerError = (code: number, message: string) =>
    void writeLine(output, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
  const maxLine = options.maxLineBytes;
  const reader = new LineReader(maxLine, {
    line: (text) => {
      const parsed = parseJsonRpcText(text);
      if ('error' in parsed) return answerError(parsed.error.code, parsed.error.message);
      transport.receive(parsed.message);
    },
    oversized: (bytes) => {
      log.warn({ bytes, limit: maxLine }, 'stdin line over the size limit: skipped');
      answerError(
        JSONRPC_INVALID_REQUEST,
        `Request too large: a line of more than ${maxLine} bytes was skipped (the limit is MCP_BODY_LIMIT)`,
      );
    },
  });
  const connection = serveConnection(transport, options.factory, log);
  input.on('data', (chunk: Buffer) => reader.push(chunk));
  log.info(options.summary, 'gateway serving on stdio');

  const signal = await new Promise<string | undefined>((resolve) => {
    input.once('end', () => resolve(undefined));
    input.once('close', () => resolve(undefined));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  if (signal) {
    log.info({ signal }, 'shutting down');
    const grace = options.shutdownGrace;
    if (!(await settlesWithin(transport.drain(), grace * 1000)))
      log.warn({ graceSeconds: grace }, 'shutdown grace ran out with calls still in flight');
  }
  input.pause();
  await connection.close();
}

/** The client reads stdout at its own pace: writes wait for it, and nothing is dropped (it is our only peer). */
function writeLine(output: Writable, text: string): Promise<void> | undefined {
  return writeBounded(output, `${text}\n`, Number.POSITIVE_INFINITY, () => undefined);
}
