/**
 * Markdown written by a model → the rich text each Jira platform stores: ADF on Cloud (through marklassian),
 * wiki markup on Server/Data Center (markdown-to-wiki.ts).
 */
import type { Platform } from '../../config/schema.js';
import { formatLibraries } from './libraries.js';
import { markdownToWiki } from './markdown-to-wiki.js';
import { assertShallowMarkdown } from './nesting.js';

export function markdownToJira(markdown: string, platform: Platform): unknown {
  assertShallowMarkdown(markdown);
  return platform === 'cloud' ? formatLibraries().marklassian.markdownToAdf(markdown) : markdownToWiki(markdown);
}
