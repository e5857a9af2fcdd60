/**
 * stdio for local clients (Claude Desktop, Cursor, …): newline-delimited JSON-RPC on stdin/stdout. Nothing
 * else may touch stdout; logs go to stderr. Serves until the client closes stdin or a signal arrives.
 */
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { GatewayCore } from '../gateway.js';

export async function serveStdioTransport(core: GatewayCore): Promise<void> {
  const log = core.logger.child({ component: 'stdio' });
  const handle = serveStdio(core.factory, { onerror: (error) => log.debug({ error: error.message }, 'stdio error') });
  log.info({ instances: core.config.instances.length, tools: core.catalog.list.length }, 'gateway serving on stdio');
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await handle.close();
}
