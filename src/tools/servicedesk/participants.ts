/** Service Management `participants` toolset: who follows a request, adding and removing them, and notifications. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { pageSize, requestKey, start } from './params.js';
import { pageInfo, pageLine, person } from './render.js';

const people = z
  .array(z.string().trim().min(1).max(128))
  .min(1)
  .max(50)
  .describe('Cloud accountIds, Server/DC usernames');

export const getParticipants = defineServiceDeskTool({
  name: 'get_participants',
  title: 'Get request participants',
  toolset: 'participants',
  access: 'read',
  description: 'List the participants of a request (people who follow it besides the reporter).',
  input: () => z.strictObject({ request_key: requestKey, start, limit: pageSize }),
  action: (args) => `Get participants of ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getParticipants(args.request_key, { start: args.start, limit: args.limit, signal });
    const participants = page.values.map(person);
    const info = pageInfo(page, args.start);
    return {
      text: participants.length
        ? `Participants of ${args.request_key}: ${participants.join(', ')}${pageLine(info)}`
        : `${args.request_key} has no participants.`,
      structured: { request_key: args.request_key, participants, ...info },
    };
  },
});

export const addParticipants = defineServiceDeskTool({
  name: 'add_participants',
  title: 'Add request participants',
  toolset: 'participants',
  access: 'write',
  description: 'Add people as participants of a request, so they see it and are notified.',
  input: () => z.strictObject({ request_key: requestKey, people }),
  action: (args) => `Add participants to ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.changeParticipants(args.request_key, 'add', args.people, signal);
    const participants = page.values.map(person);
    return {
      text: `Participants of ${args.request_key} now: ${participants.join(', ') || 'none'}.`,
      structured: { request_key: args.request_key, participants },
    };
  },
});

export const removeParticipants = defineServiceDeskTool({
  name: 'remove_participants',
  title: 'Remove request participants',
  toolset: 'participants',
  access: 'destructive',
  description: 'Remove people from the participants of a request.',
  input: () => z.strictObject({ request_key: requestKey, people }),
  action: (args) => `Remove participants from ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.changeParticipants(args.request_key, 'remove', args.people, signal);
    const participants = page.values.map(person);
    return {
      text: `Participants of ${args.request_key} now: ${participants.join(', ') || 'none'}.`,
      structured: { request_key: args.request_key, participants },
    };
  },
});

export const manageNotifications = defineServiceDeskTool({
  name: 'manage_notifications',
  title: 'Subscribe to request notifications',
  toolset: 'participants',
  access: 'write',
  idempotent: true,
  description: "Subscribe this account to a request's notifications, or unsubscribe it.",
  input: () =>
    z.strictObject({
      request_key: requestKey,
      subscribe: z.boolean().describe('true: subscribe; false: unsubscribe'),
    }),
  action: (args) => `${args.subscribe ? 'Subscribe to' : 'Unsubscribe from'} ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const subscribed = await serviceDesk.setNotifications(args.request_key, args.subscribe, signal);
    return {
      text: `${subscribed ? 'Subscribed to' : 'Not subscribed to'} notifications of ${args.request_key}${subscribed === args.subscribe ? '' : ' (Atlassian did not take the change)'}.`,
      structured: { request_key: args.request_key, subscribed },
    };
  },
});
