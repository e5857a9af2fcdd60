/** SIGTERM: stop accepting, close SSE and WebSocket sessions, exit cleanly (a forced exit would be code 1). */
import t from 'tap';
import { connectClient } from '../helpers/clients.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';

t.test('graceful shutdown with open sessions', async (t) => {
  const { child, url } = await startGatewayProcess(['--demo'], cleanEnv());
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const sse = await connectClient(url, 'sse');
  const ws = await connectClient(url, 'ws-2025');
  const http = await connectClient(url, 'http-2026');
  t.ok(
    (await http.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })).content,
    'serving before the signal',
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  child.kill('SIGTERM');
  // Open streams would hold the server open until the grace timer forces exit code 1.
  t.equal(await exited, 0, 'exit code 0: the open SSE and WebSocket sessions were closed, not waited out');
  t.ok(Date.now() - started < 5_000, 'well within the grace period');
  await Promise.allSettled([sse.close(), ws.close(), http.close()]);
});
