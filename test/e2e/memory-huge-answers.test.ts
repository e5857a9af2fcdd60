/**
 * Memory stays bounded when Atlassian answers with huge bodies: the real entry point runs as a child process
 * (configured from the environment, default limits) against an HTTP-level fake serving 50 MB issues, four calls
 * at once, and the process's peak resident set (VmHWM, Linux) must stay under a fixed ceiling.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { sendJson, startFakeAtlassian, streamBody } from '../helpers/fake-atlassian.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';

const BODY = 50 * 1024 * 1024;
const CALLS = 4;
/** The gateway under tsx with four 50 MB answers in flight; before the limits it passed 1 GB. */
const CEILING_MB = 400;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

t.test(
  'four concurrent 50 MB answers keep the gateway under the memory ceiling',
  { skip: process.platform !== 'linux' && 'needs /proc' },
  async (t) => {
    let served = 0;
    const fake = await startFakeAtlassian(t, (_request, response, address) => {
      if (address.pathname.endsWith('/myself')) return sendJson(response, { name: 'bot', displayName: 'Bot' });
      const announce = served++ % 2 === 0;
      void streamBody(response, {
        total: BODY,
        announce,
        head: '{"id":"1","key":"OPS-1","fields":{"summary":"Huge","comment":{"total":1,"comments":[{"id":"9","body":"',
        tail: '"}]}}}',
      });
    });
    const { child, url } = await startGatewayProcess(
      [],
      cleanEnv({ JIRA_URL: fake.url, JIRA_PERSONAL_TOKEN: 'fake-pat-0000' }),
    );
    t.teardown(() => void child.kill('SIGKILL'));
    const client = await connectClient(url, 'http-2026');
    t.teardown(() => client.close());
    const before = peakRssMb(child.pid!);
    const results = await Promise.all(
      Array.from({ length: CALLS }, () =>
        client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } }),
      ),
    );
    const peak = peakRssMb(child.pid!);
    t.comment(
      `peak RSS ${Math.round(before)} MB after start, ${Math.round(peak)} MB after ${CALLS} concurrent ${BODY / 1024 / 1024} MB answers`,
    );
    t.ok(peak < CEILING_MB, `peak RSS ${Math.round(peak)} MB is under ${CEILING_MB} MB`);
    // Only the start of each answer is compared: before the limits each was 50 MB, too big for a readable diff.
    for (const result of results) {
      t.ok(result.isError);
      t.match(textOf(result).slice(0, 1_000), /the answer is larger than the gateway's 10485760-byte limit/);
    }
  },
);
