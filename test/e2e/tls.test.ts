/** TLS verification per instance: an untrusted certificate is refused with a clear error unless ssl_verify is off. */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { createGatewayCore } from '../../src/gateway.js';
import { callBoundTool } from '../../src/mcp/call.js';
import { silentLogger } from '../helpers/catalog.js';
import { selfSignedCertificate } from '../helpers/certificates.js';
import { textOf } from '../helpers/clients.js';
import { sandboxConfig, TEST_SITES } from '../helpers/gateway.js';

t.test('self-signed sandbox over HTTPS', async (t) => {
  const { keyFile, certFile } = selfSignedCertificate(t.testdir());
  const site = TEST_SITES.find((candidate) => candidate.id === 'staging')!;
  const sandbox = await startSandbox({
    sites: [site],
    tls: { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') },
  });
  t.teardown(() => sandbox.close());

  for (const [sslVerify, expectation] of [
    [
      true,
      /Get issue WEB-1 failed on instance "staging": the TLS connection failed \(certificate not trusted or invalid\)/,
    ],
    [false, /# WEB-1: \[staging\]/],
  ] as const) {
    const config = sandboxConfig(sandbox, [site], ['staging'], {}, { staging: { ssl_verify: sslVerify } });
    const core = await createGatewayCore(config, { logger: silentLogger });
    t.teardown(() => core.close());
    const tool = core.catalog.tools.get('jira_get_issue')!;
    const result = await callBoundTool(tool, { issue_key: 'WEB-1' }, core.catalog, new AbortController().signal);
    t.equal(Boolean(result.isError), sslVerify, `ssl_verify ${sslVerify}`);
    t.match(textOf(result), expectation);
  }
});
