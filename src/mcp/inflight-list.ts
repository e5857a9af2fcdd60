/**
 * The SDK's set of per-request servers still serving an exchange, which the bundle keeps in this list instead of a
 * `Set` (scripts/young-generation.ts says why: a long-lived `Set` that every exchange is added to and deleted from
 * leaves its outgrown hash tables, and the exchanges in them, to the old generation). It offers what the SDK uses
 * of the `Set`: `add`, `delete`, `clear` and iteration.
 */
export class InflightList<T> implements Iterable<T> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  add(item: T): this {
    if (!this.#items.includes(item)) this.#items.push(item);
    return this;
  }

  /** Removes `item` by moving the last one into its place: order is not kept, and nothing is reallocated. */
  delete(item: T): boolean {
    const index = this.#items.indexOf(item);
    if (index === -1) return false;
    const last = this.#items.pop()!;
    if (index < this.#items.length) this.#items[index] = last;
    return true;
  }

  clear(): void {
    this.#items.length = 0;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items[Symbol.iterator]();
  }
}
