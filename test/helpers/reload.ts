/** Helpers for configuration reload tests: write the file as editors do, and wait for what a reload sends. */
import { renameSync, writeFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/client';
import { stringify } from 'yaml';

/** Writes YAML the way editors save: a new file renamed over the old one. */
export function writeYaml(file: string, value: unknown): void {
  const next = `${file}.${process.pid}.tmp`;
  writeFileSync(next, stringify(value));
  renameSync(next, file);
}

export async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name);
}

/** Resolves on the client's next `notifications/tools/list_changed`. */
export function untilListChanged(client: Client): Promise<void> {
  return new Promise((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
}

/** Polls `condition` every 50 ms; rejects naming `what` after 15 s, so a broken reload fails instead of hanging. */
export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
