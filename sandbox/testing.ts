/**
 * The sandbox's test controls, an entry of their own that `--demo` never imports, so the published bundle carries
 * none of them: a sandbox whose sites can be told to fail (fault injection) and that records the requests it
 * answers. Tests import `@atlassian-mcp-gateway/sandbox/testing`; everything else imports the package's index.
 */
import { createFaults, type Fault } from './testing/faults.js';
import { recordRequests, type RecordedRequest } from './testing/recording.js';
import { startSandbox, type Sandbox, type SandboxOptions } from './index.js';

export type { Fault, FaultRequest } from './testing/faults.js';
export type { RecordedRequest } from './testing/recording.js';

export interface TestSandboxOptions extends Omit<SandboxOptions, 'siteHooks'> {
  /** Keep a log of the requests each site answers (off where a test measures memory). */
  record?: boolean;
}

export interface TestSandbox extends Sandbox {
  /** Makes a site fail as `fault` says, or heals it with `undefined`. */
  fault(siteId: string, fault: Fault | undefined): void;
  /** Every request answered so far, oldest first (empty unless `record` is on). */
  readonly requests: RecordedRequest[];
}

/** A sandbox with the test controls. */
export async function startTestSandbox(options: TestSandboxOptions): Promise<TestSandbox> {
  const faults = createFaults();
  const requests: RecordedRequest[] = [];
  const { record, ...sandboxOptions } = options;
  const sandbox = await startSandbox({
    ...sandboxOptions,
    siteHooks: (scope, site) => {
      // Recorded first: a request a fault answered was still sent.
      if (record) recordRequests(requests, scope, site);
      faults.install(scope, site);
    },
  });
  return { ...sandbox, fault: faults.set, requests };
}
