/**
 * An SDK `Transport` over any message channel the gateway owns (an SSE stream plus POSTs, a WebSocket, stdio):
 * the transport file only decides how a JSON-RPC message is written and when the channel ends.
 *
 * It also knows which requests it has delivered and not yet answered, so a shutdown can let them finish
 * (`drain`) while refusing new ones, and so a full gateway can tell an idle session from a busy one.
 */
import type { JSONRPCMessage, MessageExtraInfo, RequestId, Transport } from '@modelcontextprotocol/server';
import { JSONRPC_SHUTTING_DOWN } from './jsonrpc-errors.js';

export interface ChannelWriter {
  /** Resolves once the channel can take more (backpressure); may end the channel when its peer stops reading. */
  write(message: JSONRPCMessage): void | Promise<void>;
  end(): void;
}

export class ChannelTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  /** When the peer last sent a message (epoch ms); idle sessions are the first to make room. */
  lastActive = Date.now();
  private closed = false;
  private draining = false;
  private readonly pending = new Set<RequestId>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly writer: ChannelWriter,
    readonly sessionId?: string,
  ) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return;
    if (isResponse(message) && message.id !== undefined) this.settle(message.id);
    await this.writer.write(message);
  }

  /** Hands an inbound message to the connected server; while draining, new requests are answered with an error. */
  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    if (this.closed) return;
    this.lastActive = Date.now();
    if (isRequest(message)) {
      if (this.draining) {
        const refusal = {
          code: JSONRPC_SHUTTING_DOWN,
          message: 'The gateway is shutting down; reconnect and send the request again',
        };
        void this.writer.write({ jsonrpc: '2.0', id: message.id, error: refusal });
        return;
      }
      this.pending.add(message.id);
    } else if ('method' in message && message.method === 'notifications/cancelled') {
      // A cancelled request gets no answer (MCP cancellation), so it stops counting as in flight.
      const cancelled = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (cancelled !== undefined) this.settle(cancelled);
    }
    this.onmessage?.(message, extra);
  }

  /** True while a request it delivered is still unanswered. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Refuses new requests from now on and resolves once every delivered one is answered (or the channel closed). */
  drain(): Promise<void> {
    this.draining = true;
    if (this.closed || this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Closes from our side (shutdown, idle, eviction) or after the peer went away; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    this.wakeIdleWaiters();
    this.writer.end();
    this.onclose?.();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private settle(id: RequestId): void {
    if (this.pending.delete(id) && this.pending.size === 0) this.wakeIdleWaiters();
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

/*
 * The kind of a message, read from its members. What `receive` gets has passed the JSON-RPC checks already
 * (json-text.ts, the SSE route) and what `send` gets is the SDK's own, so these need not run the SDK's schema
 * guards again: those are zod parses, four of them per call on this path, for an answer already known.
 */
function isRequest(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId; method: string } {
  return 'method' in message && 'id' in message;
}

function isResponse(message: JSONRPCMessage): message is JSONRPCMessage & { id?: RequestId } {
  return !('method' in message) && ('result' in message || 'error' in message);
}
