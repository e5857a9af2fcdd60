/** Markdown a caller wrote for Confluence, as storage format: short texts at once, long ones off the main thread. */
import { markdownToStorage } from './markdown-to-storage.js';
import { mergeMarkdownIntoStorage } from './storage-merge.js';
import { convertWritten } from './written-text.js';

export async function writeStorage(markdown: string): Promise<string> {
  return (await convertWritten({ kind: 'storage', markdown }, () => markdownToStorage(markdown))) as string;
}

/** A markdown edit of a page applied to its storage, keeping what did not change (storage-merge.ts). */
export async function mergeIntoStorage(
  original: string,
  markdown: string,
): Promise<ReturnType<typeof mergeMarkdownIntoStorage>> {
  const merge = () => mergeMarkdownIntoStorage(original, markdown);
  return (await convertWritten({ kind: 'merge', original, markdown }, merge)) as ReturnType<
    typeof mergeMarkdownIntoStorage
  >;
}
