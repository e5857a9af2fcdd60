/** Service Management `queues` toolset: a desk's queues with their issue counts, and the issues in one queue. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { numericId } from '../params.js';
import { pageSize, serviceDeskId, start } from './params.js';
import { pageInfo, pageLine, person } from './render.js';

export const getQueues = defineServiceDeskTool({
  name: 'get_queues',
  title: 'List service desk queues',
  toolset: 'queues',
  access: 'read',
  description: 'List the queues of a service desk with how many issues each holds.',
  input: () => z.strictObject({ service_desk_id: serviceDeskId, start, limit: pageSize }),
  action: (args) => `List queues of service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getQueues(args.service_desk_id, { start: args.start, limit: args.limit, signal });
    const queues = page.values.map((queue) => ({
      id: String(queue.id),
      name: queue.name,
      issue_count: queue.issueCount ?? null,
      jql: queue.jql ?? null,
    }));
    const info = pageInfo(page, args.start);
    const lines = queues.map((queue) => `- ${queue.name} (id ${queue.id}): ${queue.issue_count ?? '?'} issue(s)`);
    return {
      text: queues.length
        ? `Queues of desk ${args.service_desk_id}:\n${lines.join('\n')}${pageLine(info)}`
        : 'No queues.',
      structured: { queues, ...info },
    };
  },
});

export const getQueueIssues = defineServiceDeskTool({
  name: 'get_queue_issues',
  title: 'Get issues in a queue',
  toolset: 'queues',
  access: 'read',
  description: "List the issues in one queue of a service desk, in the queue's order.",
  input: () =>
    z.strictObject({
      service_desk_id: serviceDeskId,
      queue_id: numericId('Queue id, from get_queues'),
      start,
      limit: pageSize,
    }),
  action: (args) => `List issues in queue ${args.queue_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getQueueIssues(args.service_desk_id, args.queue_id, {
      start: args.start,
      limit: args.limit,
      signal,
    });
    const issues = page.values.map((issue) => ({
      key: issue.key,
      summary: issue.fields?.summary ?? null,
      status: issue.fields?.status?.name ?? null,
      priority: issue.fields?.priority?.name ?? null,
      assignee: issue.fields?.assignee ? person(issue.fields.assignee) : null,
    }));
    const info = pageInfo(page, args.start);
    const lines = issues.map(
      (issue) =>
        `- ${issue.key}: ${issue.summary ?? ''} — ${issue.status ?? '?'}${issue.priority ? `, ${issue.priority}` : ''}, ${issue.assignee ?? 'unassigned'}`,
    );
    return {
      text: issues.length ? `${lines.join('\n')}${pageLine(info)}` : 'The queue is empty.',
      structured: { issues, ...info },
    };
  },
});
