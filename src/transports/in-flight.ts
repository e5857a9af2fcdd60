/**
 * HTTP requests still being answered (stateless and stateful streamable HTTP), so a shutdown can wait for
 * them within its grace period instead of cutting them off. Long-lived GET streams are not counted: they
 * carry no call of their own.
 */
import type { ServerResponse } from 'node:http';

export class InFlightRequests {
  private count = 0;
  private idleWaiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  /** Counts the request until its response is finished or its connection closes. */
  track(response: ServerResponse): void {
    // A client that hung up while the request was authenticated has closed it already: 'close' will not come again.
    if (response.destroyed) return;
    this.count++;
    response.once('close', () => {
      if (--this.count === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    });
  }

  /** Resolves once nothing is in flight. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
