/**
 * Atlassian's answers checked at the client boundary. Each REST operation declares, as a zod schema, the fields the
 * gateway relies on (the arrays it iterates, the objects it reads into, the strings it calls methods on); an answer
 * in another shape fails here as an `unexpected_shape` `AtlassianError` naming the operation, instead of three calls
 * later as "x.map is not a function". Objects are loose: fields the gateway does not read are neither checked nor
 * dropped. Each schema is built once, when its operation first answers, not at startup (some hundred schemas cost
 * about 10 ms to build, and most processes call few operations).
 */
import type { Method } from 'got';
import { z } from 'zod';
import { AtlassianError } from './errors.js';
import type { AtlassianHttp, Query, RequestOptions } from './http.js';
import { compileAcceptor, type ShapeAcceptor } from './shape-acceptor.js';

/**
 * One REST operation's answer: Atlassian's operation name and the schema of what the gateway reads from it.
 * `T` is the payload as the code reads it; the schema checks the part of it that is relied on.
 */
export interface Operation<T> {
  readonly name: string;
  /** The schema, built on first use and kept. */
  readonly schema: () => z.ZodType;
  /** Says yes quickly to answers the schema accepts (shape-acceptor.ts), built with the schema. */
  readonly acceptor: () => ShapeAcceptor | undefined;
  /** Carries `T` for inference only. */
  readonly _payload?: T;
}

export function operation<T>(name: string, schema: () => z.ZodType): Operation<T> {
  const built = once(schema);
  return { name, schema: built, acceptor: once(() => compileAcceptor(built())) };
}

/** A value built on its first use and kept: answer shapes cost nothing until their operation runs. */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** Sends a request and checks the answer against the operation's shape. */
export async function requestAs<T>(
  http: AtlassianHttp,
  answer: Operation<T>,
  method: Method,
  path: string,
  options?: RequestOptions,
): Promise<T> {
  const body = await http.request<unknown>(method, path, options);
  return checkShape(answer, body, { instance: http.instance, method, path });
}

/** `GET` with `query`, answer checked against the operation's shape. */
export function getAs<T>(
  http: AtlassianHttp,
  answer: Operation<T>,
  path: string,
  query?: Query,
  signal?: AbortSignal,
): Promise<T> {
  return requestAs(http, answer, 'GET', path, { query, signal });
}

/**
 * The body as `T` when it has the operation's shape (said by the quick predicate, or else by zod); otherwise an `unexpected_shape` error saying what was wrong. */
export function checkShape<T>(
  answer: Operation<T>,
  body: unknown,
  request: { instance: string; method: string; path: string },
): T {
  if (answer.acceptor()?.(body)) return body as T;
  const result = answer.schema().safeParse(body);
  if (result.success) return body as T;
  throw new AtlassianError({
    instance: request.instance,
    method: request.method,
    path: request.path.split('?')[0]!,
    failure: 'unexpected_shape',
    shape: { operation: answer.name, problem: describeMismatch(result.error.issues, body) },
  });
}

/** `expected an array at issues, got an object` — the first problem, where it is and what was there instead. */
export function describeMismatch(issues: readonly z.core.$ZodIssue[], body: unknown): string {
  const issue = issues[0];
  if (!issue) return 'the answer did not match';
  const where = issue.path.length ? ` at ${formatPath(issue.path)}` : '';
  const found = kindOf(valueAt(body, issue.path));
  const expected = expectedOf(issue);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return expected ? `expected ${expected}${where}, got ${found}${more}` : `${issue.message}${where}${more}`;
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type') return withArticle(issue.expected);
  if (issue.code === 'invalid_union') {
    // Each branch rejected the value itself (`string | number` got an object): name every type it could have been.
    const expected = issue.errors.map(([first]) =>
      first?.code === 'invalid_type' && first.path.length === 0 ? first.expected : undefined,
    );
    if (expected.every((type) => type !== undefined)) return expected.map((type) => withArticle(type)).join(' or ');
  }
  return undefined;
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === '') return 'an empty answer';
  return withArticle(typeof value);
}

/** Ids Atlassian sends as strings in one API and numbers in another; the gateway turns them into strings. */
export const anyId = z.union([z.string(), z.number()]);

/** A string the gateway may read, absent or null when Atlassian has nothing to say. */
export const optionalText = z.string().nullish();

/** A loose object: the listed fields are checked, any others pass through untouched. */
export const loose = z.looseObject;

/** An optional array of `item`, absent or null when empty. */
export function optionalList<S extends z.ZodType>(item: S) {
  return z.array(item).nullish();
}

/** An optional loose object, absent or null when Atlassian leaves it out. */
export function optionalObject<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.looseObject(shape).nullish();
}
