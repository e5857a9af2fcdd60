/**
 * @atlassian-mcp-gateway/sandbox: an in-memory Jira and Confluence (Cloud and Server/Data Center) on loopback, for
 * the gateway's `--demo`, its tests and its benchmarks. This file is the package's public surface: anything
 * exported here may be used by the gateway; the test controls live in the separate `./testing` entry.
 */
export { startSandbox, type Sandbox, type SandboxOptions, type SiteHooks } from './server.js';
export { cloudIdOf } from './jira/cloud-id.js';
export {
  siteInstanceUrl,
  type SandboxCredentials,
  type SandboxFlavor,
  type SandboxProduct,
  type SiteDefinition,
} from './site/site.js';
export { DEMO_SITES } from './fixtures/demo-sites.js';
export { TINY_PNG } from './fixtures/files.js';
export { parseQuery, QuerySyntaxError, type QueryNode, type ParsedQuery } from './query/query-parser.js';
