/**
 * Stateful streamable HTTP sessions (`--stateful`, 2025-era clients): opening one on `initialize`, finding it again
 * by `Mcp-Session-Id`, and closing it. A session belongs to the caller that opened it. With shared state, a session
 * this replica does not know is looked up there and rebuilt (a fresh transport and server, the client's handshake
 * replayed into them), so any replica serves any session; closing it closes it everywhere.
 */
import { randomUUID } from 'node:crypto';
import { toNodeHandler, type FetchLikeMcpHandler, type NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { WebStandardStreamableHTTPServerTransport, type McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerFingerprint } from '../access/caller-catalogs.js';
import { factoryForCaller } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { factoryForSession } from '../mcp/session-context.js';
import { reasonOf, SharedStateError } from '../state/shared-state.js';
import { sameCaller } from './caller-hook.js';
import {
  JSONRPC_INVALID_REQUEST,
  JSONRPC_SESSION_NOT_FOUND,
  JSONRPC_TOO_MANY_SESSIONS,
  sendJsonRpcError,
} from './jsonrpc-errors.js';
import { accountOf, type SessionLimits } from './session-limits.js';
import { SessionStore } from './session-store.js';
import type { SessionRecord, SharedSessions } from './shared-sessions.js';

/** One session's transport and the Node handler in front of it. */
interface LiveSession {
  record: SessionRecord;
  serve: NodeMcpRequestHandler;
  /** The transport itself, for messages that come from no HTTP request (a replayed handshake). */
  fetch: FetchLikeMcpHandler['fetch'];
  close(): Promise<void>;
}

export interface HttpSessionsOptions {
  factory: McpServerFactory;
  idleMs: number;
  limits: SessionLimits;
  log: Logger;
  onerror: (error: Error) => void;
  /** Where sessions are shared with other replicas; without it they live in this process only. */
  shared?: SharedSessions;
}

export class HttpSessions {
  private readonly local: SessionStore<LiveSession>;

  constructor(private readonly options: HttpSessionsOptions) {
    this.local = new SessionStore(options.idleMs, options.limits);
  }

  /** Drops this replica's copy of every session another replica closed. */
  async listen(): Promise<void> {
    await this.options.shared?.onClosed((id) => {
      const session = this.local.touch(id);
      if (!session) return;
      this.local.delete(id);
      void session.close().catch(() => undefined);
    });
  }

  get size(): number {
    return this.local.size;
  }

  /** Closes this replica's sessions; shared ones stay open for the other replicas. */
  closeAll(): Promise<void> {
    return this.local.closeAll();
  }

  async serve(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    let session = sessionId ? this.local.touch(sessionId) : undefined;
    if (sessionId && !session) {
      const found = await this.restore(sessionId, request, reply);
      if (!found) return;
      session = found;
    }
    // A session belongs to the caller that opened it: another key or tenant cannot ride on its id.
    if (session && !sameCaller(request, this.local.ownerOf(sessionId!)))
      return void sendJsonRpcError(reply, 404, JSONRPC_SESSION_NOT_FOUND, 'Session not found for these credentials');
    if (!session) {
      if (request.method !== 'POST' || !initializeOf(request.body)) {
        return void sendJsonRpcError(
          reply,
          400,
          JSONRPC_INVALID_REQUEST,
          'Bad request: send initialize first, or include a valid Mcp-Session-Id header',
        );
      }
      if (!this.admit(request, reply)) return;
      session = await this.open(request, {
        id: randomUUID(),
        owner: callerFingerprint(request.caller),
        account: accountOf(request),
        initialize: initializeOf(request.body),
        initialized: false,
      });
    } else {
      if (request.method === 'POST') reply.raw.once('close', this.local.begin(sessionId!));
      this.options.shared?.renew(sessionId!);
      if (!session.record.initialized && isInitialized(request.body))
        void this.options.shared?.markInitialized(session.record);
    }
    reply.hijack();
    await session.serve(request.raw, reply.raw, request.body);
  }

  /** A session another replica opened, rebuilt here; undefined when the request has been answered instead. */
  private async restore(id: string, request: FastifyRequest, reply: FastifyReply): Promise<LiveSession | undefined> {
    const { shared, log } = this.options;
    let record: SessionRecord | undefined;
    try {
      record = await shared?.find(id);
    } catch (error) {
      if (!(error instanceof SharedStateError)) throw error;
      log.warn({ cause: error.message }, 'a session could not be looked up');
      sendJsonRpcError(reply, 503, JSONRPC_SESSION_NOT_FOUND, `Session could not be looked up: ${error.message}`);
      return undefined;
    }
    if (!record) {
      sendJsonRpcError(reply, 404, JSONRPC_SESSION_NOT_FOUND, 'Session not found: it expired or was closed; reconnect');
      return undefined;
    }
    if (!sameCaller(request, record.owner)) {
      sendJsonRpcError(reply, 404, JSONRPC_SESSION_NOT_FOUND, 'Session not found for these credentials');
      return undefined;
    }
    if (!this.admit(request, reply)) return undefined;
    this.restoring.add(id);
    try {
      const session = await this.open(request, record);
      await replayHandshake(session, record);
      return session;
    } catch (error) {
      log.error({ cause: reasonOf(error) }, 'a shared session could not be restored');
      sendJsonRpcError(reply, 503, JSONRPC_SESSION_NOT_FOUND, 'Session could not be restored here; reconnect');
      return undefined;
    } finally {
      this.restoring.delete(id);
    }
  }

  private admit(request: FastifyRequest, reply: FastifyReply): boolean {
    if (this.local.admit(accountOf(request))) return true;
    sendJsonRpcError(
      reply,
      503,
      JSONRPC_TOO_MANY_SESSIONS,
      'Too many open sessions, all of them busy; try again shortly',
    );
    return false;
  }

  /** A transport and a server for session `record.id`, known to this replica once the handshake has run. */
  private async open(request: FastifyRequest, record: SessionRecord): Promise<LiveSession> {
    const { shared, onerror } = this.options;
    const { id } = record;
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      onsessioninitialized: async () => {
        this.local.add(id, session, record.owner, record.account);
        // A restored session is already shared; a new one is shared before the client learns its id.
        if (!this.restoring.has(id)) await shared?.save(record);
      },
      onsessionclosed: async () => {
        this.local.delete(id);
        await shared?.remove(id);
      },
    });
    transport.onerror = onerror;
    const fetch: LiveSession['fetch'] = (webRequest, options) => transport.handleRequest(webRequest, options);
    const session: LiveSession = {
      record,
      fetch,
      serve: toNodeHandler({ fetch }, { onerror }),
      close: () => transport.close(),
    };
    const server = await factoryForCaller(
      factoryForSession(this.options.factory, id),
      request.caller,
    )({ era: 'legacy' });
    transport.onclose = () => {
      this.local.delete(id);
      shared?.forgetLocally(id);
      void server.close();
    };
    await server.connect(transport);
    return session;
  }

  /** Ids of sessions being rebuilt from the shared state. */
  private readonly restoring = new Set<string>();
}

/** Plays the client's handshake into a fresh transport and server, as the client once sent it to another replica. */
async function replayHandshake(session: LiveSession, record: SessionRecord): Promise<void> {
  const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
  for (const message of record.initialized ? [record.initialize, initialized] : [record.initialize]) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    };
    // After `initialize`, the transport knows its id and expects it on every message.
    if (message !== record.initialize) headers['mcp-session-id'] = record.id;
    const response = await session.fetch(
      new Request('http://replica.invalid/mcp', { method: 'POST', headers, body: JSON.stringify(message) }),
      { parsedBody: message },
    );
    await response.text();
    if (!response.ok) throw new Error(`the replayed handshake was answered with HTTP ${response.status}`);
  }
}

/** The `initialize` request in a body (alone or in a batch). */
function initializeOf(body: unknown): unknown {
  return messagesOf(body).find((message) => message.method === 'initialize');
}

function isInitialized(body: unknown): boolean {
  return messagesOf(body).some((message) => message.method === 'notifications/initialized');
}

function messagesOf(body: unknown): Array<{ method?: unknown }> {
  return (Array.isArray(body) ? body : [body]).filter(
    (message): message is { method?: unknown } => typeof message === 'object' && message !== null,
  );
}
