/**
 * Paging of Confluence listings: Cloud's cursors (`_links.next`) and Server/DC's offsets, each checked to move forward.
 */
import { checkNext, type PagingStop } from '../paging.js';

export interface Page<T> {
  items: T[];
  /** Cloud: pass back as `cursor`. */
  nextCursor?: string;
  /** Server/DC: pass back as `start`. */
  nextStart?: number;
  /** Set when Atlassian announced a next page that leads nowhere (an empty page, the same cursor or offset again). */
  stopped?: PagingStop;
}
export interface Paging {
  limit: number;
  cursor?: string;
  start?: number;
  signal?: AbortSignal;
}

export type Links = { _links?: { next?: string } };
export type Listing<T> = { results: T[]; size?: number } & Links;

/** Cloud: `items` made from `answer`, with the cursor of `_links.next` unless it leads back to where this page started. */
export function cursorPage<T>(items: T[], requested: string | undefined, answer: Listing<unknown>): Page<T> {
  const checked = checkNext({
    position: requested,
    next: cursorOf(answer._links?.next),
    received: answer.results.length,
  });
  return { items, nextCursor: checked.next, stopped: checked.stopped };
}

/** Server/DC: `items` made from `answer`, with the next offset when `_links.next` says there is one, unless it does not move forward. */
export function offsetPage<T>(items: T[], start: number, answer: Listing<unknown>): Page<T> {
  const received = answer.results.length;
  const checked = checkNext({
    position: start,
    next: answer._links?.next ? start + (answer.size ?? received) : undefined,
    received,
  });
  return { items, nextStart: checked.next, stopped: checked.stopped };
}

/** The `cursor` parameter of a `_links.next` URL, which is how Cloud says there is more. */
export function cursorOf(next: string | undefined): string | undefined {
  if (!next) return undefined;
  return new URLSearchParams(next.includes('?') ? next.slice(next.indexOf('?') + 1) : '').get('cursor') ?? undefined;
}
