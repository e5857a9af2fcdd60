/**
 * The shared shape of the product test files: one sandbox + gateway + connected client per file, a `call` that
 * returns what a model would see, and the check that every recorded request matches the official spec.
 */
import type { Client } from '@modelcontextprotocol/client';
import type { Test } from 'tap';
import { connectClient, textOf, type TransportKind } from './clients.js';
import { startTestGateway, TEST_SITES, type TestGateway, type TestGatewayOptions } from './gateway.js';
import { specFor, validateRequest } from './openapi.js';

export interface CallResult {
  isError: boolean;
  text: string;
  data: Record<string, any>;
  content: Array<Record<string, any>>;
}

export interface Harness {
  readonly gateway: TestGateway;
  readonly client: Client;
  call(name: string, args: Record<string, unknown>): Promise<CallResult>;
}

/** Starts the gateway before the file's tests and stops it after them. */
export function useGateway(t: Test, options: TestGatewayOptions & { transport?: TransportKind }): Harness {
  let gateway: TestGateway | undefined;
  let client: Client | undefined;
  t.before(async () => {
    gateway = await startTestGateway(options);
    client = await connectClient(gateway.url, options.transport ?? 'http-2026');
  });
  t.teardown(async () => {
    await client?.close();
    await gateway?.close();
  });
  return {
    get gateway() {
      return gateway!;
    },
    get client() {
      return client!;
    },
    async call(name, args) {
      const result = await client!.callTool({ name, arguments: args });
      return {
        isError: Boolean(result.isError),
        text: textOf(result),
        data: result.structuredContent as CallResult['data'],
        content: result.content as CallResult['content'],
      };
    },
  };
}

export const JIRA_SITES = TEST_SITES.filter((site) => site.product === 'jira');

/** The two Jira platforms of the test sites: label, tool prefix, project key. */
export const JIRA_PLATFORMS = [
  ['Server/DC', 'jira_', 'OPS'],
  ['Cloud', 'jira_staging_', 'WEB'],
] as const;

/** Both Jira test sites with every toolset on (prod, Server/DC, is the default), over `transport`. */
export function useAllJiraTools(t: Test, transport: TransportKind): Harness {
  return useGateway(t, { sites: JIRA_SITES, defaults: ['prod'], extra: { toolsets: ['all'] }, transport });
}

/** Every request the sandbox recorded, checked against the spec for its site's platform. */
export function assertRequestsMatchSpec(t: Test, gateway: TestGateway): void {
  for (const request of gateway.sandbox.requests) {
    const site = TEST_SITES.find((candidate) => candidate.id === request.site)!;
    const { spec, specPath } = specFor(site.product, site.flavor, request.path);
    // Objects and strings are JSON bodies; arrays are the fields of a multipart form.
    const body =
      typeof request.body === 'object' && request.body !== null
        ? request.body
        : request.body === undefined || typeof request.body === 'string'
          ? request.body
          : undefined;
    t.same(
      validateRequest(spec, request.method, specPath, request.query, body, { cloud: site.flavor === 'cloud' }),
      [],
      `${request.method} ${request.path}`,
    );
  }
}
