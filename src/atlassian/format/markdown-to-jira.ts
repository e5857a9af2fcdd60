/**
 * Markdown written by a model → the rich text each Jira platform stores: ADF on Cloud (through marklassian),
 * wiki markup on Server/Data Center (through jira2md).
 */
import jira2md from 'jira2md';
import { markdownToAdf } from 'marklassian';
import type { Platform } from '../../config/schema.js';

export function markdownToJira(markdown: string, platform: Platform): unknown {
  return platform === 'cloud' ? markdownToAdf(markdown) : jira2md.to_jira(markdown);
}
