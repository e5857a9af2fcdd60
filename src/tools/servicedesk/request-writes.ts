/** Service Management `requests` toolset, writing: create a request (fields checked first) and comment on one. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { pageSize, requestKey, requestTypeId, serviceDeskId, start } from './params.js';
import { pageInfo, pageLine, person, when } from './render.js';
import { summaryOf } from './requests.js';

export const createRequest = defineServiceDeskTool({
  name: 'create_request',
  title: 'Create a service request',
  toolset: 'requests',
  inDefaultSet: true,
  access: 'write',
  description:
    'Raise a customer request. `fields` maps field ids or names (see get_request_type_fields) to values; they are checked against ' +
    'the request type first, and nothing is sent while a required field is missing or a value is not allowed.',
  input: () =>
    z.strictObject({
      service_desk_id: serviceDeskId,
      request_type_id: requestTypeId,
      fields: z
        .record(z.string(), z.unknown())
        .describe('e.g. {"summary": "VPN down", "description": "…", "priority": "High"}'),
      on_behalf_of: z
        .string()
        .trim()
        .min(1)
        .max(128)
        .optional()
        .describe('Customer to raise it for: Cloud accountId, Server/DC username'),
      participants: z
        .array(z.string().trim().min(1).max(128))
        .max(50)
        .optional()
        .describe('People to add: Cloud accountIds, Server/DC usernames'),
    }),
  action: (args) => `Create a request of type ${args.request_type_id} on service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const created = await serviceDesk.createRequest({
      serviceDeskId: args.service_desk_id,
      requestTypeId: args.request_type_id,
      values: args.fields,
      onBehalfOf: args.on_behalf_of,
      participants: args.participants,
      signal,
    });
    const record = summaryOf(created);
    return {
      text: `Created ${record.key}: ${record.summary ?? ''} (status ${record.status ?? '?'}, reporter ${record.reporter}).`,
      structured: record,
    };
  },
});

export const addComment = defineServiceDeskTool({
  name: 'add_comment',
  title: 'Comment on a service request',
  toolset: 'requests',
  inDefaultSet: true,
  access: 'write',
  description:
    'Add a markdown comment to a request: public (the customer sees it) or internal (agents only). Some instances make every comment internal.',
  input: () =>
    z.strictObject({
      request_key: requestKey,
      body: z.string().min(1).max(32_000).describe('Markdown'),
      public: z.boolean().default(false).describe('true: the customer sees it'),
    }),
  action: (args) => `Comment on ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const comment = await serviceDesk.addComment(args.request_key, args.body, args.public, signal);
    const record = { request_key: args.request_key, id: String(comment.id), public: comment.public };
    return {
      text: `Added ${comment.public ? 'a public' : 'an internal'} comment (id ${record.id}) to ${args.request_key}.`,
      structured: record,
    };
  },
});

export const getRequestComments = defineServiceDeskTool({
  name: 'get_request_comments',
  title: 'Get request comments',
  toolset: 'requests',
  inDefaultSet: true,
  access: 'read',
  description: 'List the comments of a request, each marked public or internal, oldest first.',
  input: () =>
    z.strictObject({
      request_key: requestKey,
      visibility: z.enum(['all', 'public', 'internal']).default('all'),
      start,
      limit: pageSize,
    }),
  action: (args) => `Get comments of ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const visibility = args.visibility === 'all' ? undefined : args.visibility;
    const page = await serviceDesk.getComments(args.request_key, {
      visibility,
      start: args.start,
      limit: args.limit,
      signal,
    });
    const comments = page.values.map((comment) => ({
      id: String(comment.id),
      public: comment.public,
      author: person(comment.author),
      created: when(comment.created),
      body: comment.body ?? '',
    }));
    const info = pageInfo(page, args.start);
    const blocks = comments.map(
      (comment) =>
        `### ${comment.public ? 'Public' : 'Internal'} · ${comment.author} · ${comment.created ?? '?'} (id ${comment.id})\n${comment.body}`,
    );
    return {
      text: comments.length ? `${blocks.join('\n\n')}${pageLine(info)}` : `${args.request_key} has no comments.`,
      structured: { request_key: args.request_key, comments, ...info },
    };
  },
});
