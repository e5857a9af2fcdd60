/** A client-side MCP transport over WebSocket (subprotocol `mcp`, one JSON-RPC message per text frame). */
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import WebSocket from 'ws';

export class WebSocketClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private socket?: WebSocket;

  /** `options` reach the socket as they are (a `ca` for wss:// through a TLS proxy). */
  constructor(
    private readonly url: string,
    private readonly headers?: Record<string, string>,
    private readonly options: WebSocket.ClientOptions = {},
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, 'mcp', { ...this.options, headers: this.headers });
      this.socket = socket;
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.on('message', (data) => this.onmessage?.(JSON.parse((data as Buffer).toString()) as JSONRPCMessage));
      socket.on('close', () => this.onclose?.());
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket!.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve())),
    );
  }

  async close(): Promise<void> {
    this.socket?.close();
  }
}
