/**
 * The worker thread that converts long markdown a caller wrote (written-text.ts sends the work). marked and
 * marklassian are quadratic on some inputs (20,000 characters of `_a` take about half a second, 100,000 about
 * eleven), so long texts are converted here, where a slow one holds this thread and not the gateway's.
 */
import { parentPort } from 'node:worker_threads';
import { ToolInputError } from '../input-error.js';
import { loadFormatLibraries } from './libraries.js';
import { markdownToJira } from './markdown-to-jira.js';
import { markdownToStorage } from './markdown-to-storage.js';
import { mergeMarkdownIntoStorage } from './storage-merge.js';
import type { ConversionJob, ConversionReply } from './written-text.js';

const ready = loadFormatLibraries(['marked', 'marklassian', 'jira2md', 'htmlparser2']);

function run(job: ConversionJob): unknown {
  switch (job.kind) {
    case 'jira':
      return markdownToJira(job.markdown, job.platform);
    case 'storage':
      return markdownToStorage(job.markdown);
    case 'merge':
      return mergeMarkdownIntoStorage(job.original, job.markdown);
  }
}

parentPort?.on('message', (message: { id: number; job: ConversionJob }) => {
  void ready.then(() => {
    let reply: ConversionReply;
    try {
      reply = { id: message.id, result: run(message.job) };
    } catch (error) {
      reply = {
        id: message.id,
        error: {
          input: error instanceof ToolInputError,
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
    parentPort!.postMessage(reply);
  });
});
