/** `tool_naming: argument`: one tool per product, routed by a required `instance` argument, gated per instance. */
import t from 'tap';
import { catalogOf, jiraInstance } from '../helpers/catalog.js';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';

t.test('argument mode lists each tool once and routes calls by instance', async (t) => {
  const gateway = await startTestGateway({
    extra: { tool_naming: 'argument' },
    overrides: { staging: { read_only: true } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());

  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name);
  t.equal(new Set(names).size, names.length, 'no tool is listed twice');
  t.notOk(
    names.some((name) => /^(jira_(prod|staging)|confluence_(wiki|dcwiki))_/.test(name)),
    'no instance-prefixed names',
  );
  const getIssue = tools.find((tool) => tool.name === 'jira_get_issue')!;
  const instance = getIssue.inputSchema.properties!.instance as { enum: string[]; description: string };
  t.same(instance.enum, ['prod', 'staging'], 'the enum lists both Jira instances');
  t.match(
    instance.description,
    /prod = Server\/DC at http:\/\/127\.0\.0\.1:\d+.*\(default\); staging = Cloud at .*\(read-only\)/,
  );
  t.equal(getIssue.inputSchema.required?.[0], 'instance', 'instance is required');
  const createIssue = tools.find((tool) => tool.name === 'jira_create_issue')!;
  t.same(
    (createIssue.inputSchema.properties!.instance as { enum: string[] }).enum,
    ['prod'],
    'a write tool is not offered on the read-only instance',
  );
  const pages = tools.find((tool) => tool.name === 'confluence_get_page')!;
  t.same((pages.inputSchema.properties!.instance as { enum: string[] }).enum, ['wiki', 'dcwiki']);
  t.notOk(
    tools.find((tool) => tool.name === 'gateway_list_instances')!.inputSchema.properties?.instance,
    'gateway tools take no instance',
  );

  const prod = await client.callTool({ name: 'jira_get_issue', arguments: { instance: 'prod', issue_key: 'OPS-1' } });
  t.notOk(prod.isError);
  t.match(textOf(prod), /# OPS-1: \[prod\] Login page times out/);
  const staging = await client.callTool({
    name: 'jira_get_issue',
    arguments: { instance: 'staging', issue_key: 'WEB-2' },
  });
  t.notOk(staging.isError);
  t.match(textOf(staging), /# WEB-2: \[staging\] Add export to CSV/);
  t.equal(
    (staging.structuredContent as { key: string }).key,
    'WEB-2',
    'structured content still matches the output schema',
  );
  const wiki = await client.callTool({ name: 'confluence_get_page', arguments: { instance: 'wiki', page_id: '1002' } });
  t.match(textOf(wiki), /# Release process/);

  const missing = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
  t.ok(missing.isError);
  t.equal(textOf(missing), 'Invalid arguments for jira_get_issue: instance: required, one of prod, staging');
  const unknown = await client.callTool({ name: 'jira_get_issue', arguments: { instance: 'qa', issue_key: 'OPS-1' } });
  t.ok(unknown.isError);
  t.match(textOf(unknown), /unknown instance "qa", expected one of prod, staging/);
  const gated = await client.callTool({
    name: 'jira_create_issue',
    arguments: { instance: 'staging', project_key: 'WEB', summary: 'x', issue_type: 'Task' },
  });
  t.ok(gated.isError);
  t.match(
    textOf(gated),
    /jira_create_issue is not available on instance "staging" \(it is read-only there or outside its toolsets\); available on: prod/,
  );
  const badArgs = await client.callTool({ name: 'jira_get_issue', arguments: { instance: 'prod', issue_key: 'nope' } });
  t.ok(badArgs.isError);
  t.match(
    textOf(badArgs),
    /^Invalid arguments for jira_get_issue: issue_key:/,
    'errors quote the name the client called',
  );
  t.equal(
    gateway.sandbox.requests.filter((request) => request.site === 'staging' && request.method === 'POST').length,
    0,
    'nothing was written to staging',
  );

  const listed = await client.callTool({ name: 'gateway_list_instances', arguments: {} });
  t.match(textOf(listed), /\*\*staging\*\* \(jira, cloud, read-only\): .* tools jira_\* /);
});

t.test('the tool count stays constant as instances are added in argument mode', async (t) => {
  const instances = (count: number) =>
    Array.from({ length: count }, (_, index) => jiraInstance(`site${index}`, index === 0 ? { default: true } : {}));
  const prefixOne = catalogOf({ instances: instances(1) }).list.length;
  const prefixTen = catalogOf({ instances: instances(10) }).list.length;
  const argumentOne = catalogOf({ instances: instances(1), tool_naming: 'argument' }).list.length;
  const argumentTen = catalogOf({ instances: instances(10), tool_naming: 'argument' }).list.length;
  t.equal(argumentTen, argumentOne, 'argument mode: same count at 1 and 10 instances');
  t.equal(argumentOne, prefixOne, 'one instance: both modes list the same number of tools');
  const gatewayTools = catalogOf({ instances: instances(1) }).list.filter((tool) => tool.name.startsWith('gateway_'));
  t.equal(
    prefixTen - gatewayTools.length,
    10 * (prefixOne - gatewayTools.length),
    `prefix mode lists every instance tool once per instance (${prefixOne} → ${prefixTen})`,
  );
  t.throws(
    () => catalogOf({ instances: instances(1), tool_naming: 'suffix' }),
    /tool_naming: expected prefix or argument/,
  );
});
