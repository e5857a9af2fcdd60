/**
 * Answers repeated `tools/list` requests on stateless streamable HTTP from memory.
 *
 * A caller's tool list is fixed until a configuration reload changes it (which clears what is kept), and serialising it is most of
 * the cost of answering: about 2 ms of CPU for the 561 tools of 10 instances with every toolset. So the SDK's
 * first answer is kept, and a later request that differs only in its JSON-RPC id (same caller, same protocol
 * headers, same params) gets the same bytes with its own id spliced in. The SDK still decides every first answer,
 * so protocol validation is unchanged: an identical request can only get an identical answer.
 *
 * Only `200 application/json` answers are kept (2026-07-28 clients); anything else, such as the event streams
 * 2025-era clients get, is passed through as the SDK produced it.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerFingerprint } from '../access/caller-catalogs.js';
import type { Logger } from '../logging.js';

/**
 * Bounds on what is kept; clients differ in the `_meta` they send, and the least recently used answer goes first.
 * The byte bound matters when lists are large (50 instances with every toolset answer about 1.9 MB).
 */
const MAX_ENTRIES = 64;
const MAX_BYTES = 16 * 1024 * 1024;

/** The request headers the SDK reads to classify a request; any difference means a different answer. */
const CLASSIFYING_HEADERS = ['mcp-protocol-version', 'mcp-method', 'mcp-name', 'accept', 'content-type'] as const;

type JsonRpcId = string | number;

interface KeptAnswer {
  /** The answer up to, not including, the id's value: the SDK writes `…,"id":<id>}` last. */
  head: Buffer;
  headers: Record<string, string>;
}

export class ToolListCache {
  private readonly answers = new Map<string, KeptAnswer>();
  private keptBytes = 0;
  /** Bumped by `clear`: an answer asked for before a reload is not kept after it. */
  private generation = 0;

  constructor(private readonly log: Logger) {}

  /** Forgets every kept answer: a configuration reload changed the lists. */
  clear(): void {
    this.generation++;
    this.answers.clear();
    this.keptBytes = 0;
  }

  /** The cache key of a single `tools/list` request, or undefined for any other request. */
  keyOf(request: FastifyRequest): { key: string; id: JsonRpcId } | undefined {
    const body = request.body as { jsonrpc?: unknown; method?: unknown; id?: unknown } | null | undefined;
    if (
      request.method !== 'POST' ||
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      body.method !== 'tools/list'
    )
      return undefined;
    const { id, ...rest } = body;
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    const headers = CLASSIFYING_HEADERS.map((name) => request.headers[name] ?? null);
    return { key: JSON.stringify([callerFingerprint(request.caller), headers, rest]), id };
  }

  /** Sends the kept answer for `key`, or asks the SDK once (`answer`) and keeps what it says if it can. */
  async reply(reply: FastifyReply, key: string, id: JsonRpcId, answer: () => Promise<Response>): Promise<FastifyReply> {
    const kept = this.answers.get(key);
    if (kept) {
      if (this.log.isLevelEnabled('debug')) this.log.debug({ id }, 'tools/list answered from the kept answer');
      this.answers.delete(key);
      this.answers.set(key, kept);
      return reply
        .code(200)
        .headers(kept.headers)
        .send(Buffer.concat([kept.head, Buffer.from(`${JSON.stringify(id)}}`)]));
    }
    const generation = this.generation;
    const response = await answer();
    const headers = passableHeaders(response.headers);
    if (response.status !== 200 || !headers['content-type']?.startsWith('application/json')) {
      return reply
        .code(response.status)
        .headers(headers)
        .send(response.body ? Readable.fromWeb(response.body as NodeReadableStream) : undefined);
    }
    const body = Buffer.from(await response.arrayBuffer());
    const tail = Buffer.from(`"id":${JSON.stringify(id)}}`);
    if (generation === this.generation && body.subarray(body.length - tail.length).equals(tail))
      this.keep(key, { head: body.subarray(0, body.length - tail.length + '"id":'.length), headers });
    return reply.code(200).headers(headers).send(body);
  }

  private keep(key: string, answer: KeptAnswer): void {
    if (answer.head.length > MAX_BYTES || this.answers.has(key)) return;
    for (const [oldest, { head }] of this.answers) {
      if (this.answers.size < MAX_ENTRIES && this.keptBytes + answer.head.length <= MAX_BYTES) break;
      this.answers.delete(oldest);
      this.keptBytes -= head.length;
    }
    this.answers.set(key, answer);
    this.keptBytes += answer.head.length;
  }
}

/** The answer's own headers, minus those that described its framing; Fastify frames what it sends. */
function passableHeaders(headers: Headers): Record<string, string> {
  const passable: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (
      name !== 'content-length' &&
      name !== 'transfer-encoding' &&
      name !== 'connection' &&
      name !== 'date' &&
      name !== 'keep-alive'
    )
      passable[name] = value;
  }
  return passable;
}
