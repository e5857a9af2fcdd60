/** Counts events over the last minute in one-second buckets: exact enough for a status page, and of fixed size. */

const WINDOW_SECONDS = 60;

export class RecentCount {
  private readonly buckets = new Array<number>(WINDOW_SECONDS).fill(0);
  private readonly seconds = new Array<number>(WINDOW_SECONDS).fill(-1);

  add(now = Date.now()): void {
    const second = Math.floor(now / 1000);
    const slot = second % WINDOW_SECONDS;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.buckets[slot] = 0;
    }
    this.buckets[slot]!++;
  }

  /** Events in the last 60 seconds. */
  total(now = Date.now()): number {
    const oldest = Math.floor(now / 1000) - WINDOW_SECONDS;
    let sum = 0;
    for (let slot = 0; slot < WINDOW_SECONDS; slot++) if (this.seconds[slot]! > oldest) sum += this.buckets[slot]!;
    return sum;
  }
}
