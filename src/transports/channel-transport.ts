/**
 * An SDK `Transport` over any message channel the gateway owns (an SSE stream plus POSTs, a WebSocket):
 * the transport file only decides how a JSON-RPC message is written and when the channel ends.
 */
import type { JSONRPCMessage, MessageExtraInfo, Transport } from '@modelcontextprotocol/server';

export interface ChannelWriter {
  write(message: JSONRPCMessage): void | Promise<void>;
  end(): void;
}

export class ChannelTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private closed = false;

  constructor(
    private readonly writer: ChannelWriter,
    readonly sessionId?: string,
  ) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return;
    await this.writer.write(message);
  }

  /** Hands an inbound message to the connected server. */
  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    if (!this.closed) this.onmessage?.(message, extra);
  }

  /** Closes from our side (shutdown, idle) or after the peer went away; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writer.end();
    this.onclose?.();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
