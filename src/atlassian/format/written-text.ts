/**
 * Markdown a caller wrote, converted to what Atlassian stores (ADF, wiki markup, storage format), without letting
 * one text hold the event loop. Short texts convert here at once; a long one goes to a worker thread
 * (conversion-worker.ts) with a time limit, since the markdown libraries are quadratic on some inputs: a text
 * that takes too long is refused, the worker is replaced, and other callers never waited for it.
 */
import { Worker } from 'node:worker_threads';
import type { Platform } from '../../config/schema.js';
import { ToolInputError } from '../input-error.js';

/** Texts up to this many characters convert inline: even a pathological one costs well under 100 ms. */
export const INLINE_CONVERSION_CHARS = 8_000;
/** How long one long text may take in the worker before it is refused. */
export const WORKER_CONVERSION_MS = 3_000;
/** Long texts waiting for the worker at most; more are refused until it catches up. */
const MAX_WAITING = 32;
/** An idle worker is stopped after this long; the next long text starts another (about 100 ms). */
const IDLE_MS = 5_000;

export type ConversionJob =
  | { kind: 'jira'; markdown: string; platform: Platform }
  | { kind: 'storage'; markdown: string }
  | { kind: 'merge'; original: string; markdown: string };

export type ConversionReply =
  { id: number; result: unknown } | { id: number; error: { input: boolean; message: string } };

/**
 * Converts a caller's text: `here` does it at once when the text is short; a long one is sent to the worker as
 * `job`. The product's own modules say what `here` is, so each product's code reaches only its own converters.
 */
export function convertWritten(job: ConversionJob, here: () => unknown): Promise<unknown> {
  const size = job.markdown.length + (job.kind === 'merge' ? job.original.length : 0);
  if (size <= INLINE_CONVERSION_CHARS) return Promise.resolve().then(here);
  return worker().run(job);
}

interface Pending {
  job: ConversionJob;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker, started on the first long text, one job at a time; a job over its time limit costs the worker. */
class ConversionWorker {
  private thread?: Worker;
  private current?: Pending & { id: number; timer: NodeJS.Timeout };
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private idleTimer?: NodeJS.Timeout;

  run(job: ConversionJob): Promise<unknown> {
    if (this.waiting.length >= MAX_WAITING) {
      return Promise.reject(
        new ToolInputError('the gateway is busy converting other long texts; try again shortly (nothing was sent)'),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker; jobs in progress or waiting are refused. */
  stop(): void {
    const refused = new Error('the gateway is shutting down');
    for (const pending of this.waiting.splice(0)) pending.reject(refused);
    clearTimeout(this.idleTimer);
    this.fail(refused);
  }

  private pump(): void {
    if (this.current) return;
    clearTimeout(this.idleTimer);
    const next = this.waiting.shift();
    if (!next) {
      // An idle thread would hold memory, and, in some runners, the process open.
      if (this.thread) this.idleTimer = setTimeout(() => this.retire(), IDLE_MS).unref();
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(() => this.expire(), WORKER_CONVERSION_MS);
    this.current = { ...next, id, timer };
    this.start().postMessage({ id, job: next.job });
  }

  private start(): Worker {
    if (this.thread) return this.thread;
    // The worker needs none of the flags this process was started with (test runners' hooks among them).
    const thread = new Worker(workerEntry(), { execArgv: [] });
    thread.unref();
    thread.on('message', (reply: ConversionReply) => this.settle(reply));
    thread.on('error', (error) => this.fail(new Error(`the text converter stopped: ${error.message}`)));
    thread.on('exit', () => {
      if (this.thread === thread) this.thread = undefined;
    });
    this.thread = thread;
    return thread;
  }

  private settle(reply: ConversionReply): void {
    const current = this.current;
    if (!current || current.id !== reply.id) return;
    clearTimeout(current.timer);
    this.current = undefined;
    if ('error' in reply)
      current.reject(reply.error.input ? new ToolInputError(reply.error.message) : new Error(reply.error.message));
    else current.resolve(reply.result);
    this.pump();
  }

  /** The text took too long: the worker is stopped with it (a new one starts for the next text). */
  private expire(): void {
    const seconds = WORKER_CONVERSION_MS / 1000;
    this.fail(
      new ToolInputError(
        `the text could not be converted within ${seconds} s (some markdown, such as thousands of unclosed emphasis markers, is very slow to convert); nothing was sent`,
      ),
    );
  }

  private retire(): void {
    if (this.current || this.waiting.length) return;
    const thread = this.thread;
    this.thread = undefined;
    void thread?.terminate();
  }

  private fail(error: Error): void {
    const current = this.current;
    this.current = undefined;
    const thread = this.thread;
    this.thread = undefined;
    void thread?.terminate();
    if (current) {
      clearTimeout(current.timer);
      current.reject(error);
    }
    this.pump();
  }
}

/**
 * Built: dist/conversion-worker.js beside this chunk. From source (the tests run under tsx), a worker does not
 * inherit tsx's loader, so a one-line ESM module imports the .ts file through tsx's API.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./conversion-worker.js', import.meta.url);
  const source = new URL('./conversion-worker.ts', import.meta.url).href;
  const code = `import { tsImport } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; await tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

let shared: ConversionWorker | undefined;

function worker(): ConversionWorker {
  return (shared ??= new ConversionWorker());
}

/** Stops the conversion worker, if one runs (the gateway's shutdown). */
export function stopConversionWorker(): void {
  shared?.stop();
}
