/**
 * The Helm chart in deploy/helm, rendered by helm itself (scripts/helm.ts) with its default values and with every
 * option on (ci/all-features-values.yaml); every rendered object is validated against the Kubernetes schemas, and
 * the gateway accepts the configuration the chart hands it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import t from 'tap';
import { parseAllDocuments } from 'yaml';
import { ensureHelm } from '../../scripts/helm.js';
import { documentedCommands, runDocumented } from '../helpers/doc-commands.js';
import { validateObject } from '../helpers/kubernetes.js';
import { cleanEnv, runGateway } from '../helpers/process.js';

const CHART = 'deploy/helm/atlassian-mcp-gateway';
const ALL_FEATURES = `${CHART}/ci/all-features-values.yaml`;

type K8sObject = Record<string, unknown> & { kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> } };
interface Container {
  env: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ secretRef: { name: string } }>;
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  volumeMounts: Array<{ name: string; mountPath: string }>;
  args: string[];
}
interface PodSpec {
  securityContext: { runAsNonRoot: boolean; runAsUser: number };
  containers: Container[];
  volumes: Array<{ name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: object; configMap?: { name: string } }>;
}

const helm = ensureHelm();

function render(...args: string[]): K8sObject[] {
  const text = execFileSync(helm, ['template', 'gw', CHART, '--namespace', 'tools', ...args], { encoding: 'utf8' });
  return parseAllDocuments(text).map((document) => document.toJS() as K8sObject).filter(Boolean);
}

function only(objects: K8sObject[], kind: string): K8sObject {
  const found = objects.filter((object) => object.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, rendered ${found.length}`);
  return found[0]!;
}

const podSpecOf = (objects: K8sObject[]) => (only(objects, 'Deployment').spec as { template: { spec: PodSpec } }).template.spec;
const envOf = (container: Container) => Object.fromEntries(container.env.map(({ name, value }) => [name, value ?? '']));

t.test('helm lint --strict passes with the default values and with every option on', async (t) => {
  for (const args of [[], ['-f', ALL_FEATURES]]) {
    const output = execFileSync(helm, ['lint', '--strict', CHART, ...args], { encoding: 'utf8' });
    t.match(output, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  }
});

t.test('the validation is strict: a misspelt field and a wrong type are caught', async (t) => {
  const deployment = structuredClone(only(render(), 'Deployment'));
  const container = (deployment.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec.containers[0]!;
  container.readinesProbe = container.readinessProbe;
  t.same(validateObject(deployment), ['apps/v1/Deployment /spec/template/spec/containers/0/readinesProbe: field not declared by the schema']);
  delete container.readinesProbe;
  (deployment.spec as Record<string, unknown>).replicas = 'two';
  t.same(validateObject(deployment), ['apps/v1/Deployment /spec/replicas: must be integer']);
});

for (const [label, args, kinds] of [
  ['default values', [], ['ConfigMap', 'Deployment', 'Service', 'ServiceAccount']],
  ['every option on', ['-f', ALL_FEATURES], ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'Secret', 'Service', 'ServiceAccount']],
] as const) {
  t.test(`with ${label}, every rendered object is valid against the Kubernetes schemas`, async (t) => {
    const objects = render(...args);
    t.same(objects.map((object) => object.kind).sort(), kinds);
    for (const object of objects) t.same(validateObject(object), [], `${object.kind} ${object.metadata.name}`);
  });
}

t.test('the Deployment: probes, non-root, read-only root, resources, a token store at OAUTH_TOKEN_DIR', async (t) => {
  for (const args of [[], ['-f', ALL_FEATURES]]) {
    const pod = podSpecOf(render(...args));
    const container = pod.containers[0]!;
    t.equal(container.livenessProbe.httpGet.path, '/healthz');
    t.equal(container.readinessProbe.httpGet.path, '/readyz');
    t.equal(pod.securityContext.runAsNonRoot, true);
    t.equal(pod.securityContext.runAsUser, 1000);
    t.match(container.securityContext, { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    t.ok(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory, 'requests and a memory limit');
    const env = envOf(container);
    t.match(env, { HOST: '0.0.0.0', PORT: '9000', OAUTH_TOKEN_DIR: '/data/oauth' });
    const tokens = container.volumeMounts.find((mount) => mount.mountPath === env.OAUTH_TOKEN_DIR);
    t.ok(tokens, 'something writable is mounted where the tokens go');
    const volume = pod.volumes.find((candidate) => candidate.name === tokens?.name);
    if (args.length === 0) t.ok(volume?.emptyDir, 'an emptyDir without persistence');
    else t.equal(volume?.persistentVolumeClaim?.claimName, 'gw-atlassian-mcp-gateway-oauth-tokens', 'the chart-made claim with persistence');
    t.same(container.args, ['--config', '/config/instances.yaml']);
  }
});

t.test('selectors, the autoscaler, the budget and the Ingress all point at the same pods and Service', async (t) => {
  const objects = render('-f', ALL_FEATURES);
  const deployment = only(objects, 'Deployment');
  const podLabels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
  const selected = (selector: Record<string, string>) => Object.entries(selector).every(([key, value]) => podLabels[key] === value);
  t.ok(selected((only(objects, 'Service').spec as { selector: Record<string, string> }).selector), 'the Service selects the pods');
  t.ok(selected((only(objects, 'PodDisruptionBudget').spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels), 'so does the budget');
  t.equal((deployment.spec as { replicas?: number }).replicas, undefined, 'the autoscaler owns the replica count');
  t.match(only(objects, 'HorizontalPodAutoscaler').spec, { scaleTargetRef: { kind: 'Deployment', name: deployment.metadata.name }, minReplicas: 2, maxReplicas: 6 });

  const ingress = only(objects, 'Ingress');
  t.match(ingress.metadata.annotations, {
    'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
    'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    'cert-manager.io/cluster-issuer': 'letsencrypt',
  });
  const rule = (ingress.spec as { rules: Array<{ host: string; http: { paths: Array<{ backend: { service: { name: string; port: { number: number } } } }> } }> }).rules[0]!;
  t.same(rule.http.paths[0]!.backend.service, { name: only(objects, 'Service').metadata.name, port: { number: 9000 } });
  const allowed = envOf(podSpecOf(objects).containers[0]!).MCP_ALLOWED_HOSTS!.split(',');
  for (const host of ['mcp.example.com', 'mcp-internal.example.com', 'gw-atlassian-mcp-gateway.tools.svc']) t.ok(allowed.includes(host), `${host} is an allowed Host`);
});

t.test('an existing Secret and an existing claim are used instead of chart-made ones', async (t) => {
  const objects = render('--set', 'secrets.existingSecret=gateway-secrets', '--set', 'oauthTokens.persistence.enabled=true', '--set', 'oauthTokens.persistence.existingClaim=shared-tokens');
  t.same(objects.filter((object) => object.kind === 'Secret' || object.kind === 'PersistentVolumeClaim'), []);
  const pod = podSpecOf(objects);
  t.same(pod.containers[0]!.envFrom, [{ secretRef: { name: 'gateway-secrets' } }]);
  t.equal(pod.volumes.find((volume) => volume.persistentVolumeClaim)?.persistentVolumeClaim?.claimName, 'shared-tokens');
  for (const object of objects) t.same(validateObject(object), [], `${object.kind} ${object.metadata.name}`);
});

t.test('the gateway accepts the configuration the chart hands it, with nothing skipped or ignored', async (t) => {
  const objects = render('-f', ALL_FEATURES);
  const file = join(t.testdir(), 'instances.yaml');
  writeFileSync(file, (only(objects, 'ConfigMap').data as Record<string, string>)['instances.yaml']!);
  const secrets = (only(objects, 'Secret').stringData ?? {}) as Record<string, string>;
  const env = cleanEnv({ ...envOf(podSpecOf(objects).containers[0]!), ...secrets });
  const result = await runGateway(['--config', file, '--check-config'], env);
  t.equal(result.code, 0, result.stderr || result.stdout);
  t.match(result.stdout, /^Configuration OK: 3 instance\(s\)/);
  t.match(result.stdout, /\n {2}log_level +warn +env LOG_LEVEL\n/, 'values.env reaches the gateway as settings');
});

t.test("docs/deployment.md's Helm commands run as written and render valid objects", async (t) => {
  const dir = t.testdir();
  symlinkSync(resolve('deploy'), join(dir, 'deploy'));
  const env = cleanEnv({ PATH: `${dirname(helm)}:${process.env.PATH ?? ''}` });
  for (const line of documentedCommands('helm')) {
    const result = await runDocumented(line, { cwd: dir, env });
    t.equal(result.code, 0, `${line}\n${result.stderr}`);
  }
  const objects = parseAllDocuments(readFileSync(join(dir, 'gateway.yaml'), 'utf8')).map((document) => document.toJS() as K8sObject).filter(Boolean);
  t.ok(objects.length >= 9, `${objects.length} objects rendered`);
  for (const object of objects) t.same(validateObject(object), [], `${object.kind} ${object.metadata.name}`);
});
