/** Starts one of the paced rows' bundled floors (bench/floor-proxy.ts, bench/stack-floor.ts) in front of a sandbox site. */
import type { Test } from 'tap';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import type { BundledScript } from '../../bench/bundled-script.js';
import { startProcess, stopProcess } from '../../bench/processes.js';
import { TEST_SITES } from './gateway.js';

export interface RunningFloor {
  /** Where the floor serves (`/mcp`, `/readyz`). */
  url: string;
  /** The site the floor reads issues from, and the `Authorization` it sends there. */
  siteUrl: string;
  authorization: string;
}

/** Runs `bundle` as the bench does, in front of the sandbox's staging site; everything stops when `t` ends. */
export async function startFloorOnSandbox(t: Test, bundle: BundledScript): Promise<RunningFloor> {
  const site = TEST_SITES.find((candidate) => candidate.id === 'staging')!;
  const sandbox = await startSandbox({ sites: [site] });
  t.teardown(() => sandbox.close());
  const siteUrl = `${sandbox.url}/sites/${site.id}`;
  const credentials = site.credentials as { username: string; token: string };
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
  const { child, match } = await startProcess([bundle.file, siteUrl, authorization], /^(\{.*\})\n/m, 'stdout');
  t.teardown(() => stopProcess(child));
  const { url } = JSON.parse(match[1]!) as { url: string };
  return { url, siteUrl, authorization };
}
