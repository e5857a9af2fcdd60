/**
 * Splits a byte stream into lines (stdio's framing: one JSON-RPC message per line) with a bound on line length.
 * A line longer than the bound is skipped up to its end and reported, so one oversized message costs its sender an
 * error answer, not the whole session (the SDK's reader closed the transport, and the process exited 0).
 */
export interface LineHandlers {
  line(text: string): void;
  /** A line over the limit was dropped; `bytes` is how much of it had arrived when it was. */
  oversized(bytes: number): void;
}

export class LineReader {
  private parts: Buffer[] = [];
  private length = 0;
  /** Inside an oversized line: bytes are dropped until its newline. */
  private skipping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly handlers: LineHandlers,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline < 0 ? chunk.length : newline;
      if (!this.skipping) this.append(chunk.subarray(start, end));
      if (newline < 0) return;
      if (this.skipping) this.skipping = false;
      else this.emit();
      start = newline + 1;
    }
  }

  private append(piece: Buffer): void {
    if (this.length + piece.length > this.maxLineBytes) {
      const dropped = this.length + piece.length;
      this.parts = [];
      this.length = 0;
      this.skipping = true;
      this.handlers.oversized(dropped);
      return;
    }
    this.parts.push(piece);
    this.length += piece.length;
  }

  private emit(): void {
    const text = Buffer.concat(this.parts, this.length).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.length = 0;
    if (text.trim()) this.handlers.line(text);
  }
}
