/**
 * Validates requests and responses against Atlassian's official OpenAPI documents, kept gzipped in
 * test/fixtures/atlassian-specs (SOURCES.md there says where each came from). OpenAPI 3.0 `nullable` is rewritten
 * to JSON Schema type unions for Ajv.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';

type Json = Record<string, unknown>;

/** Inside the repository, so a fresh clone tests with nothing beside it. */
export const SPEC_DIR = new URL('../fixtures/atlassian-specs/', import.meta.url);

export const SPEC_NAMES = [
  'jira-platform-v3',
  'jira-platform-v2',
  'jira-software-agile',
  'jira-service-management',
  'confluence-v1',
  'confluence-v2',
] as const;

/** A spec's JSON text exactly as Atlassian published it. */
export function readSpecText(name: SpecName): Buffer {
  return gunzipSync(readFileSync(new URL(`${name}.json.gz`, SPEC_DIR)));
}

export type SpecName = (typeof SPEC_NAMES)[number];

interface LoadedSpec {
  name: SpecName;
  document: Json;
  ajv: Ajv;
  routes: Array<{ template: string; pattern: RegExp; item: Json }>;
}

const loaded = new Map<SpecName, LoadedSpec>();

export function loadSpec(name: SpecName): LoadedSpec {
  let spec = loaded.get(name);
  if (spec) return spec;
  const document = JSON.parse(readSpecText(name).toString('utf8')) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, discriminator: false });
  ajv.addSchema({ $id: 'spec', components: nullableToUnion((document.components ?? {}) as Json) });
  const routes = Object.entries(document.paths as Record<string, Json>).map(([template, item]) => ({
    template,
    pattern: templatePattern(template),
    item,
  }));
  // Literal paths win over templated ones (`/issue/picker` before `/issue/{key}`).
  routes.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  spec = { name, document, ajv, routes };
  loaded.set(name, spec);
  return spec;
}

/** Which spec and which spec path a recorded request belongs to, by site flavour and path. */
export function specFor(
  product: 'jira' | 'confluence',
  flavor: 'cloud' | 'server',
  path: string,
): { spec: SpecName; specPath: string } {
  if (product === 'jira') {
    if (path.startsWith('/rest/agile/')) return { spec: 'jira-software-agile', specPath: path };
    if (path.startsWith('/rest/servicedeskapi/')) return { spec: 'jira-service-management', specPath: path };
    return { spec: flavor === 'cloud' ? 'jira-platform-v3' : 'jira-platform-v2', specPath: path };
  }
  if (path.startsWith('/wiki/api/v2/')) return { spec: 'confluence-v2', specPath: path.slice('/wiki/api/v2'.length) };
  return { spec: 'confluence-v1', specPath: path.startsWith('/wiki/') ? path : `/wiki${path}` };
}

/**
 * Server/Data Center operations that Atlassian's Cloud documents no longer list (Cloud moved them to v2).
 * Their parameters come from the Confluence Data Center REST reference; their bodies are checked against the
 * v1 component schemas the Cloud document still carries.
 */
const SERVER_ONLY_OPERATIONS: ReadonlyArray<{
  spec: SpecName;
  method: string;
  template: string;
  query: string[];
  response?: string;
  request?: string;
}> = [
  {
    spec: 'confluence-v1',
    method: 'POST',
    template: '/wiki/rest/api/content',
    query: ['status', 'expand'],
    response: '#/components/schemas/Content',
    request: '#/components/schemas/ContentCreate',
  },
  {
    spec: 'confluence-v1',
    method: 'PUT',
    template: '/wiki/rest/api/content/{id}',
    query: ['status', 'conflictPolicy'],
    response: '#/components/schemas/Content',
    request: '#/components/schemas/ContentUpdate',
  },
  // Jira Server/DC serves attachment bytes outside the REST API, at the `content` URL of the attachment.
  { spec: 'jira-platform-v2', method: 'GET', template: '/secure/attachment/{id}/{filename}', query: [] },
  // Jira's dev-status API (what the issue view's Development panel calls) is in no published document, on either platform.
  ...(['jira-platform-v2', 'jira-platform-v3'] as const).flatMap((spec) => [
    { spec, method: 'GET', template: '/rest/dev-status/latest/issue/summary', query: ['issueId'] },
    {
      spec,
      method: 'GET',
      template: '/rest/dev-status/latest/issue/detail',
      query: ['issueId', 'applicationType', 'dataType'],
    },
  ]),
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}',
    query: ['expand', 'status', 'version'],
    response: '#/components/schemas/Content',
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content',
    query: ['spaceKey', 'title', 'type', 'status', 'postingDay', 'expand', 'start', 'limit'],
    response: '#/components/schemas/ContentArray',
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/space',
    query: ['spaceKey', 'type', 'status', 'label', 'favourite', 'expand', 'start', 'limit'],
    response: '#/components/schemas/SpaceArray',
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/space/{spaceKey}',
    query: ['expand'],
    response: '#/components/schemas/Space',
  },
  { spec: 'confluence-v1', method: 'DELETE', template: '/wiki/rest/api/content/{id}', query: ['status'] },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/label',
    query: ['prefix', 'start', 'limit'],
    response: '#/components/schemas/LabelArray',
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/attachment',
    query: ['expand', 'start', 'limit', 'filename', 'mediaType'],
    response: '#/components/schemas/ContentArray',
  },
  // Attachment bytes come from the download link Confluence itself hands out, outside the REST API on both platforms.
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/download/attachments/{pageId}/{filename}',
    query: ['version', 'modificationDate', 'cacheVersion', 'api'],
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/version',
    query: ['start', 'limit', 'expand'],
    response: '#/components/schemas/VersionArray',
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/page',
    query: ['expand', 'parentVersion', 'start', 'limit'],
    response: '#/components/schemas/ContentArray',
  },
  {
    spec: 'confluence-v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/comment',
    query: ['expand', 'parentVersion', 'start', 'limit', 'location', 'depth'],
    response: '#/components/schemas/ContentArray',
  },
];

function serverOnlyOperation(specName: SpecName, method: string, path: string): Operation | undefined {
  const known = SERVER_ONLY_OPERATIONS.find(
    (candidate) =>
      candidate.spec === specName &&
      candidate.method === method.toUpperCase() &&
      templatePattern(candidate.template).test(path),
  );
  if (!known) return undefined;
  return {
    template: known.template,
    operation: {
      responses: known.response
        ? { '200': { content: { 'application/json': { schema: { $ref: known.response } } } } }
        : {},
      ...(known.request
        ? { requestBody: { content: { 'application/json': { schema: { $ref: known.request } } } } }
        : {}),
    },
    parameters: known.query.map((name) => ({ name, in: 'query' })),
  };
}

function templatePattern(template: string): RegExp {
  return new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
}

/**
 * Request bodies an operation's own description documents but its schema omits. Each entry quotes the spec.
 */
const DOCUMENTED_BODIES: ReadonlyArray<{
  method: string;
  template: RegExp;
  accepts: (body: unknown) => boolean;
  quote: string;
}> = [
  {
    method: 'PUT',
    template: /^\/rest\/api\/[23]\/issue\/\{issueIdOrKey\}\/assignee$/,
    accepts: (body) => JSON.stringify(body) === '{"accountId":null}' || JSON.stringify(body) === '{"name":null}',
    quote: 'If `name` or `accountId` is set to `null`, the issue is set to unassigned.',
  },
];

/**
 * Defects in Atlassian's documents that no valid request can satisfy, each quoted. The body is still checked,
 * with only the named error ignored.
 */
const SPEC_DEFECTS: ReadonlyArray<{ template: string; ignore: RegExp; why: string }> = [
  {
    template: '/rest/api/3/bulk/issues/move',
    ignore: /must have required property '(issueIdOrKeys|targetToMultipleSourceMapping)'/,
    why: "IssueBulkMovePayload requires 'targetToMultipleSourceMapping', which it does not define (it defines targetToSourcesMapping), and targetToSourcesMapping requires 'issueIdOrKeys' while defining 'issueIdsOrKeys'",
  },
];

export interface Operation {
  template: string;
  operation: Json;
  parameters: Json[];
}

export function findOperation(specName: SpecName, method: string, path: string): Operation | undefined {
  const spec = loadSpec(specName);
  const route = spec.routes.find((candidate) => candidate.pattern.test(path) && candidate.item[method.toLowerCase()]);
  if (!route) return serverOnlyOperation(specName, method, path);
  const operation = route.item[method.toLowerCase()] as Json;
  const parameters = [...((route.item.parameters as Json[]) ?? []), ...((operation.parameters as Json[]) ?? [])].map(
    (parameter) => resolve(spec, parameter),
  );
  return { template: route.template, operation, parameters };
}

/**
 * Problems with a request: unknown path or method, undeclared query parameters, a body the schema rejects,
 * and on Cloud an operation Atlassian marks deprecated (such as the removed `/rest/api/3/search`).
 */
export function validateRequest(
  specName: SpecName,
  method: string,
  path: string,
  query: Record<string, string>,
  body: unknown,
  options: { cloud?: boolean } = {},
): string[] {
  const found = findOperation(specName, method, path);
  if (!found) return [`${method} ${path}: no such operation in ${specName}`];
  const problems: string[] = [];
  if (options.cloud && found.operation.deprecated)
    problems.push(
      `${method} ${found.template}: deprecated on Cloud (${typeof found.operation.summary === 'string' ? found.operation.summary : ''})`,
    );
  const declared = new Set(
    found.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => String(parameter.name)),
  );
  for (const name of Object.keys(query))
    if (!declared.has(name))
      problems.push(`${method} ${found.template}: query parameter "${name}" is not in ${specName}`);
  const requestBody = found.operation.requestBody
    ? resolve(loadSpec(specName), found.operation.requestBody as Json)
    : undefined;
  const multipart = (requestBody?.content as Record<string, Json> | undefined)?.['multipart/form-data']?.schema as
    Json | undefined;
  if (multipart && isFormParts(body))
    problems.push(...missingFormFields(`${method} ${found.template}`, resolve(loadSpec(specName), multipart), body));
  const schema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
  const documented = DOCUMENTED_BODIES.some(
    (entry) => entry.method === method.toUpperCase() && entry.template.test(found.template) && entry.accepts(body),
  );
  if (body !== undefined && body !== null && schema && !documented) {
    const validate = compile(specName, schema as Json);
    const defect = SPEC_DEFECTS.find((entry) => entry.template === found.template);
    const errors = validate(body)
      ? []
      : (validate.errors ?? [])
          .filter((error) => !defect?.ignore.test(`${error.message ?? ''}`))
          // OpenAPI 3.0 documents use oneOf where branches overlap; matching several branches is still valid.
          .filter(
            (error) =>
              !(
                error.keyword === 'oneOf' &&
                Array.isArray((error.params as { passingSchemas?: unknown }).passingSchemas)
              ),
          );
    if (errors.length > 0)
      problems.push(`${method} ${found.template}: body ${loadSpec(specName).ajv.errorsText(errors)}`);
  }
  return problems;
}

/** A multipart body as the sandbox records it: one entry per form field. */
export interface FormPart {
  name: string;
  filename?: string;
}

function isFormParts(body: unknown): body is FormPart[] {
  return Array.isArray(body) && body.every((part) => typeof (part as FormPart | null)?.name === 'string');
}

/** The form fields a multipart operation requires (`required` of an object schema) that the request left out. */
function missingFormFields(operation: string, schema: Json, parts: FormPart[]): string[] {
  const required = schema.type === 'object' && Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const sent = new Set(parts.map((part) => part.name));
  return required
    .filter((field) => !sent.has(field))
    .map((field) => `${operation}: multipart field "${field}" is required`);
}

/** Problems with a response body against the operation's schema for that status. */
export function validateResponse(
  specName: SpecName,
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] {
  const found = findOperation(specName, method, path);
  if (!found) return [`${method} ${path}: no such operation in ${specName}`];
  const responses = found.operation.responses as Record<string, Json>;
  const response = resolve(loadSpec(specName), responses[String(status)] ?? responses.default ?? {});
  const schema = (response.content as Record<string, Json> | undefined)?.['application/json']?.schema;
  if (!schema)
    return status >= 400 ? [] : [`${method} ${found.template}: ${specName} documents no JSON body for ${status}`];
  const validate = compile(specName, schema as Json);
  return validate(body)
    ? []
    : [
        `${method} ${found.template} ${status}: ${loadSpec(specName).ajv.errorsText(validate.errors, { separator: '\n  ' })}`,
      ];
}

const compiled = new Map<string, ValidateFunction>();

function compile(specName: SpecName, schema: Json): ValidateFunction {
  const key = `${specName}:${JSON.stringify(schema)}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = loadSpec(specName).ajv.compile(rewriteRefs(nullableToUnion(schema)) as Json);
    compiled.set(key, validate);
  }
  return validate;
}

function resolve(spec: LoadedSpec, value: Json): Json {
  const ref = value.$ref;
  if (typeof ref !== 'string') return value;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json)?.[key], spec.document) as Json;
  return resolve(spec, target);
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' ? `spec${item}` : rewriteRefs(item),
    ]),
  );
}

function nullableToUnion<T>(value: T): T {
  if (Array.isArray(value)) return value.map(nullableToUnion) as T;
  if (value === null || typeof value !== 'object') return value;
  const record: Json = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullableToUnion(item)]));
  if (record.nullable === true) {
    delete record.nullable;
    if (typeof record.type === 'string') record.type = [record.type, 'null'];
    else if (record.$ref || record.allOf || record.oneOf || record.anyOf)
      return { anyOf: [{ ...record }, { type: 'null' }] } as T;
    if (Array.isArray(record.enum)) record.enum = [...record.enum, null];
  }
  return record as T;
}
