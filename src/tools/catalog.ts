/** Every tool spec the gateway knows, in a stable order (tool lists must not reorder across restarts). */
import * as confluencePages from './confluence/pages.js';
import type { ToolSpec } from './define.js';
import { listInstances } from './gateway/instances.js';
import * as jiraIssues from './jira/issues.js';

export const TOOL_SPECS: readonly ToolSpec[] = [
  jiraIssues.getIssue,
  jiraIssues.search,
  confluencePages.search,
  confluencePages.getPage,
  listInstances,
];
