/**
 * Debian's `chromium`, headless, driven over the Chrome DevTools Protocol on loopback: one page, its viewport,
 * headers and JavaScript switch, the DOM as rendered, layout boxes and screenshots. Nothing is installed here;
 * `findChromium` says whether the binary exists (.ci/run installs it).
 *
 * Every wait is bounded: an answer or event Chromium does not send within {@link STEP_TIMEOUT_MS} fails the test
 * naming the DevTools method and the tail of Chromium's stderr, and a Chromium that ignores SIGTERM is killed, so
 * a stuck browser is a failure that says where it stuck instead of the whole file's timeout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Test } from 'tap';
import WebSocket from 'ws';

/** How long one DevTools answer or event may take; a page of this size loads in well under a second. */
const STEP_TIMEOUT_MS = 20_000;
/** How long Chromium may take to print its DevTools address, and to exit after SIGTERM before it is killed. */
const START_TIMEOUT_MS = 30_000;
const EXIT_GRACE_MS = 5_000;
/** How long the profile's removal is retried while Chromium's last helper processes finish writing into it. */
const PROFILE_REMOVAL_MS = 10_000;

export function findChromium(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One page of a headless Chromium, closed with the test. */
export class ChromiumPage {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly waiting: Array<{
    method: string;
    accept(params: unknown): boolean;
    resolve(params: unknown): void;
    reject(error: Error): void;
  }> = [];
  private sessionId = '';

  private constructor(
    private readonly socket: WebSocket,
    private readonly stderr: () => string,
  ) {
    socket.on('close', () => this.failAll('the DevTools connection closed'));
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: unknown;
      };
      if (message.id !== undefined) {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) call?.reject(new Error(message.error.message));
        else call?.resolve(message.result);
        return;
      }
      const index = this.waiting.findIndex(
        (waiter) => waiter.method === message.method && waiter.accept(message.params),
      );
      if (index >= 0) this.waiting.splice(index, 1)[0]!.resolve(message.params);
    });
  }

  /** Starts Chromium with a throwaway profile and opens a blank page; everything stops when the test ends. */
  static async launch(t: Test, binary: string): Promise<ChromiumPage> {
    const profile = mkdtempSync(join(tmpdir(), 'gateway-chromium-'));
    const child = spawn(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--hide-scrollbars',
        '--force-color-profile=srgb',
        '--remote-debugging-address=127.0.0.1',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      // A process group of its own, so that the browser's helper processes (zygote, GPU, network, storage) are
      // signalled with it: left to notice the browser's exit, they went on writing into the profile for seconds.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The whole group has exited already.
      }
    };
    // Chromium writes into its profile until it has exited: the profile goes only after that. A failure here
    // would skip the test's other teardowns (tap drops them), so the removal waits for the writers instead.
    t.teardown(async () => {
      signalGroup('SIGTERM');
      const grace = setTimeout(() => signalGroup('SIGKILL'), EXIT_GRACE_MS);
      await exited;
      clearTimeout(grace);
      await removeProfile(profile);
    });
    // Only the tail is kept: enough to find the DevTools address in, and to end the messages of failed steps with.
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + String(chunk)).slice(-4000);
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`chromium did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr.slice(-2000)}`)),
        START_TIMEOUT_MS,
      );
      const onData = () => {
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          child.stderr.off('data', onData);
          resolve(match[1]!);
        }
      };
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`chromium exited (${code}): ${stderr.slice(-2000)}`));
      });
    });
    const socket = new WebSocket(endpoint, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    t.teardown(() => socket.close());
    const page = new ChromiumPage(socket, () => stderr);
    child.once('exit', (code, signal) => page.failAll(`chromium exited (${code ?? signal})`));
    const { targetId } = await page.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await page.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    page.sessionId = sessionId;
    await page.send('Page.enable');
    await page.send('Network.enable');
    await page.send('DOM.enable');
    return page;
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    const message = { id, method, params, ...(this.sessionId ? { sessionId: this.sessionId } : {}) };
    return this.bounded<T>(`chromium did not answer ${method}`, (settle) => {
      this.pending.set(id, settle);
      this.socket.send(JSON.stringify(message));
      return () => this.pending.delete(id);
    });
  }

  /** Loads `url` and resolves once its load event fired; the answer's HTTP status is returned. */
  async open(url: string): Promise<number> {
    const loaded = this.next('Page.loadEventFired');
    // The document's own answer, not a favicon or anything else the page asks for.
    const answered = this.next<{ type: string; response: { status: number; url: string } }>(
      'Network.responseReceived',
      (params) => params.type === 'Document',
    );
    await this.send('Page.navigate', { url });
    const [{ response }] = await Promise.all([answered, loaded]);
    return response.status;
  }

  /** A phone or desktop viewport (CSS pixels, one device pixel each) with JavaScript on or off. */
  async viewport(width: number, height: number, { mobile = false, javascript = true } = {}): Promise<void> {
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile });
    await this.send('Emulation.setScriptExecutionDisabled', { value: !javascript });
  }

  /** The rendered document, as `chromium --dump-dom` prints it. */
  async html(): Promise<string> {
    const { root } = await this.send<{ root: { nodeId: number } }>('DOM.getDocument', { depth: -1 });
    const { outerHTML } = await this.send<{ outerHTML: string }>('DOM.getOuterHTML', { nodeId: root.nodeId });
    return outerHTML;
  }

  /** Every element matching `selector`, with its attributes and its border box in page coordinates. */
  async elements(selector: string): Promise<Array<{ attributes: Record<string, string>; box: Box | undefined }>> {
    const { root } = await this.send<{ root: { nodeId: number } }>('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await this.send<{ nodeIds: number[] }>('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector,
    });
    return Promise.all(
      nodeIds.map(async (nodeId) => {
        const { attributes } = await this.send<{ attributes: string[] }>('DOM.getAttributes', { nodeId });
        const pairs: Record<string, string> = {};
        for (let index = 0; index < attributes.length; index += 2) pairs[attributes[index]!] = attributes[index + 1]!;
        const box = await this.send<{ model: { border: number[] } }>('DOM.getBoxModel', { nodeId }).then(
          ({ model }) => quadBox(model.border),
          () => undefined,
        );
        return { attributes: pairs, box };
      }),
    );
  }

  /** Width and height of the whole laid-out page, and of the viewport, in CSS pixels. */
  async layout(): Promise<{ content: { width: number; height: number }; viewport: { width: number } }> {
    const metrics = await this.send<{
      cssContentSize: { width: number; height: number };
      cssLayoutViewport: { clientWidth: number };
    }>('Page.getLayoutMetrics');
    return {
      content: metrics.cssContentSize,
      viewport: { width: metrics.cssLayoutViewport.clientWidth },
    };
  }

  /** A PNG of the whole page, beyond the viewport too. */
  async screenshot(): Promise<Buffer> {
    const { content } = await this.layout();
    const { data } = await this.send<{ data: string }>('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: Math.ceil(content.width), height: Math.ceil(content.height), scale: 1 },
    });
    return Buffer.from(data, 'base64');
  }

  /** Rejects every answer and event still awaited: Chromium or its DevTools connection is gone. */
  failAll(reason: string): void {
    const error = this.stuck(reason);
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  private next<T>(method: string, accept: (params: T) => boolean = () => true): Promise<T> {
    return this.bounded<T>(`chromium sent no ${method}`, (settle) => {
      const waiter = { method, accept: (params: unknown) => accept(params as T), ...settle };
      this.waiting.push(waiter);
      return () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
      };
    });
  }

  /**
   * A promise that `register` hands to whatever settles it (an answer, an event), rejected as stuck after
   * {@link STEP_TIMEOUT_MS}; `register` returns how to withdraw the registration then.
   */
  private bounded<T>(
    stuckReason: string,
    register: (settle: { resolve(value: unknown): void; reject(error: Error): void }) => () => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        withdraw();
        reject(this.stuck(`${stuckReason} within ${STEP_TIMEOUT_MS / 1000} s`));
      }, STEP_TIMEOUT_MS);
      const withdraw = register({
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private stuck(reason: string): Error {
    return new Error(`${reason}; chromium's stderr ends: ${this.stderr().slice(-1500) || '(nothing)'}`);
  }
}

/** Removes the profile, retrying while a helper process that has not yet exited still writes into it. */
async function removeProfile(profile: string): Promise<void> {
  const deadline = Date.now() + PROFILE_REMOVAL_MS;
  for (;;) {
    try {
      rmSync(profile, { recursive: true, force: true });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(200);
    }
  }
}

function quadBox(quad: number[]): Box {
  const xs = [quad[0]!, quad[2]!, quad[4]!, quad[6]!];
  const ys = [quad[1]!, quad[3]!, quad[5]!, quad[7]!];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
