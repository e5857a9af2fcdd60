/** Jira `users` and `watchers` toolsets: who someone is, who can be assigned, who watches an issue. */
import { z } from 'zod';
import {
  addWatcher as add,
  assignableUsers,
  getUser,
  getWatchers,
  removeWatcher as remove,
} from '../../atlassian/jira/users.js';
import { withRole } from '../argument-roles.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, limit, projectKey } from '../params.js';
import { personLine, personRecord } from './people.js';

const person = z.object({
  display_name: z.string().nullable(),
  account_id: z.string().nullable(),
  username: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean().nullable(),
});
const userIdentifier = withRole(
  'person',
  z.string().trim().min(1).describe('accountId, email or display name (Cloud); username (Server/DC)'),
);

export const getUserProfile = defineJiraTool({
  name: 'get_user_profile',
  title: 'Get Jira user',
  toolset: 'users',
  access: 'read',
  description:
    'Look up one person: display name, accountId or username, email (when visible) and whether the account is active.',
  input: () => z.strictObject({ user_identifier: userIdentifier }),
  output: () => person,
  action: (args) => `Get user ${args.user_identifier}`,
  run: async ({ jira, signal }, args) => {
    const user = await getUser(jira, args.user_identifier, signal);
    return { text: personLine(user).slice(2), structured: personRecord(user) };
  },
});

export const searchAssignableUsers = defineJiraTool({
  name: 'search_assignable_users',
  title: 'Search assignable Jira users',
  toolset: 'users',
  access: 'read',
  description: 'Find people who can be assigned issues in a project (or a given issue), by name or email.',
  input: () =>
    z.strictObject({
      query: z.string().trim().min(1).describe('Part of a name, email or username'),
      project_key: projectKey.optional(),
      issue_key: issueKey.optional(),
      limit: limit(10, 50),
    }),
  output: () => z.object({ users: z.array(person) }),
  action: () => 'Search assignable users',
  run: async ({ jira, signal }, args) => {
    if (!args.project_key && !args.issue_key) throw new ToolInputError('pass project_key or issue_key');
    const users = await assignableUsers(jira, {
      project: args.project_key,
      issueKey: args.issue_key,
      query: args.query,
      limit: args.limit,
      signal,
    });
    return {
      text: users.length ? users.map(personLine).join('\n') : `Nobody assignable matches "${args.query}".`,
      structured: { users: users.map(personRecord) },
    };
  },
});

export const getIssueWatchers = defineJiraTool({
  name: 'get_issue_watchers',
  title: 'Get Jira issue watchers',
  toolset: 'watchers',
  access: 'read',
  description: 'List who watches an issue.',
  input: () => z.strictObject({ issue_key: issueKey }),
  output: () => z.object({ issue_key: z.string(), watch_count: z.number(), watchers: z.array(person) }),
  action: (args) => `Get watchers of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const { watchCount, watchers } = await getWatchers(jira, key, signal);
    const text = watchers.length
      ? `${watchCount} watching ${key}:\n${watchers.map(personLine).join('\n')}`
      : `Nobody watches ${key}.`;
    return { text, structured: { issue_key: key, watch_count: watchCount, watchers: watchers.map(personRecord) } };
  },
});

export const addWatcher = defineJiraTool({
  name: 'add_watcher',
  title: 'Add Jira watcher',
  toolset: 'watchers',
  access: 'write',
  idempotent: true,
  description: 'Add someone as a watcher of an issue.',
  input: () => z.strictObject({ issue_key: issueKey, user_identifier: userIdentifier }),
  output: () => z.object({ issue_key: z.string(), watcher: z.string() }),
  action: (args) => `Add watcher to ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    await add(jira, key, args.user_identifier, signal);
    return {
      text: `${args.user_identifier} now watches ${key}.`,
      structured: { issue_key: key, watcher: args.user_identifier },
    };
  },
});

export const removeWatcher = defineJiraTool({
  name: 'remove_watcher',
  title: 'Remove Jira watcher',
  toolset: 'watchers',
  access: 'destructive',
  idempotent: true,
  description: 'Stop someone watching an issue.',
  input: () => z.strictObject({ issue_key: issueKey, user_identifier: userIdentifier }),
  output: () => z.object({ issue_key: z.string(), watcher: z.string() }),
  action: (args) => `Remove watcher from ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    await remove(jira, key, args.user_identifier, signal);
    return {
      text: `${args.user_identifier} no longer watches ${key}.`,
      structured: { issue_key: key, watcher: args.user_identifier },
    };
  },
});
