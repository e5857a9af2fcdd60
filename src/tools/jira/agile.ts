/** Jira `agile` toolset: boards, sprints, and moving issues between sprints and the backlog. */
import { z } from 'zod';
import * as agile from '../../atlassian/jira/agile.js';
import { SEARCH_FIELDS } from '../../atlassian/jira/search.js';
import { describeStop } from '../../atlassian/paging.js';
import { withRole } from '../argument-roles.js';
import { defineJiraTool, type ToolOutput } from '../define.js';
import { ToolInputError } from '../errors.js';
import { cloudCursor, issueKey, limit, listOf, numericId, projectKey, serverOffset } from '../params.js';
import { facts } from '../text.js';
import { issuePageOutput } from './issues.js';
import { searchResultSchema } from './schemas.js';

const boardId = numericId('Board id (see get_agile_boards)');
const sprintId = numericId('Sprint id (see get_sprints_from_board)');
const sprintSchema = z.object({
  id: z.number(),
  name: z.string(),
  state: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  goal: z.string().nullable(),
});
const paging = {
  limit: limit(10, 50),
  page_token: cloudCursor('next_page_token'),
  start_at: serverOffset('next_start_at'),
};
const issueKeys = listOf(issueKey, { min: 1, max: 50 }).describe('Issue keys');
const nextStart = { next_start_at: z.number().optional(), listing_stopped: z.string().optional() };

export const getAgileBoards = defineJiraTool({
  name: 'get_agile_boards',
  title: 'List Jira boards',
  toolset: 'agile',
  access: 'read',
  description: 'Find Scrum and Kanban boards by name, project or type; their ids feed the other agile tools.',
  input: () =>
    z.strictObject({
      board_name: z.string().optional(),
      project_key: projectKey.optional(),
      board_type: z.enum(['scrum', 'kanban', 'simple']).optional(),
      limit: limit(10, 50),
      start_at: z.coerce.number().int().min(0).default(0),
    }),
  output: () =>
    z.object({
      boards: z.array(
        z.object({ id: z.number(), name: z.string(), type: z.string().nullable(), project: z.string().nullable() }),
      ),
      ...nextStart,
    }),
  action: () => 'List boards',
  run: async ({ jira, signal }, args) => {
    const page = await agile.getBoards(
      jira,
      {
        name: args.board_name,
        projectKeyOrId: args.project_key,
        type: args.board_type,
        startAt: args.start_at,
        maxResults: args.limit,
      },
      signal,
    );
    const records = page.values.map((board) => ({
      id: board.id,
      name: board.name,
      type: board.type ?? null,
      project: board.location?.projectKey ?? null,
    }));
    const lines = records.map(
      (board) =>
        `- **${board.name}** (id ${board.id}${board.type ? `, ${board.type}` : ''}${board.project ? `, project ${board.project}` : ''})`,
    );
    return withNextStart(lines.join('\n') || 'No boards match.', { boards: records }, page);
  },
});

export const getBoardIssues = defineJiraTool({
  name: 'get_board_issues',
  title: 'List Jira board issues',
  toolset: 'agile',
  access: 'read',
  description: 'List the issues on a board, optionally narrowed by JQL, one line each.',
  input: () =>
    z.strictObject({
      board_id: boardId,
      jql: withRole('jql', z.string().optional().describe('Extra JQL condition')),
      ...paging,
    }),
  output: () => searchResultSchema,
  action: (args) => `List issues of board ${args.board_id}`,
  run: async ({ jira, signal }, args) => {
    const page = await agile.getBoardIssues(
      jira,
      args.board_id,
      args.jql ?? '',
      { limit: args.limit, startAt: args.start_at, pageToken: args.page_token, fields: SEARCH_FIELDS },
      signal,
    );
    return issuePageOutput(jira, `board ${args.board_id}${page.jql ? ` AND ${page.jql}` : ''}`, page);
  },
});

export const getSprintsFromBoard = defineJiraTool({
  name: 'get_sprints_from_board',
  title: 'List Jira sprints',
  toolset: 'agile',
  access: 'read',
  description: 'List the sprints of a Scrum board, optionally only active, future or closed ones.',
  input: () =>
    z.strictObject({
      board_id: boardId,
      state: z.enum(['active', 'future', 'closed']).optional(),
      limit: limit(10, 50),
      start_at: z.coerce.number().int().min(0).default(0),
    }),
  output: () => z.object({ sprints: z.array(sprintSchema), ...nextStart }),
  action: (args) => `List sprints of board ${args.board_id}`,
  run: async ({ jira, signal }, args) => {
    const page = await agile.getBoardSprints(
      jira,
      args.board_id,
      { state: args.state, startAt: args.start_at, maxResults: args.limit },
      signal,
    );
    const records = page.values.map(toSprintRecord);
    const lines = records.map((sprint) =>
      `- **${sprint.name}** (id ${sprint.id}, ${sprint.state ?? '?'}) ${facts([
        ['from', sprint.start?.slice(0, 10)],
        ['to', sprint.end?.slice(0, 10)],
        ['goal', sprint.goal],
      ])}`.trimEnd(),
    );
    return withNextStart(lines.join('\n') || 'No sprints.', { sprints: records }, page);
  },
});

export const getSprintIssues = defineJiraTool({
  name: 'get_sprint_issues',
  title: 'List Jira sprint issues',
  toolset: 'agile',
  access: 'read',
  description: 'List the issues in a sprint, optionally narrowed by JQL, one line each.',
  input: () =>
    z.strictObject({
      sprint_id: sprintId,
      jql: withRole('jql', z.string().optional().describe('Extra JQL condition')),
      ...paging,
    }),
  output: () => searchResultSchema,
  action: (args) => `List issues of sprint ${args.sprint_id}`,
  run: async ({ jira, signal }, args) => {
    const page = await agile.getSprintIssues(
      jira,
      args.sprint_id,
      args.jql ?? '',
      { limit: args.limit, startAt: args.start_at, pageToken: args.page_token, fields: SEARCH_FIELDS },
      signal,
    );
    return issuePageOutput(jira, `sprint ${args.sprint_id}${page.jql ? ` AND ${page.jql}` : ''}`, page);
  },
});

export const createSprint = defineJiraTool({
  name: 'create_sprint',
  title: 'Create Jira sprint',
  toolset: 'agile',
  access: 'write',
  description: 'Create a future sprint on a Scrum board.',
  input: () =>
    z.strictObject({
      board_id: boardId,
      name: z.string().trim().min(1),
      start_date: z.iso.datetime({ offset: true }).optional(),
      end_date: z.iso.datetime({ offset: true }).optional(),
      goal: z.string().optional(),
    }),
  output: () => sprintSchema,
  action: (args) => `Create sprint on board ${args.board_id}`,
  run: async ({ jira, signal }, args) => {
    const sprint = await agile.createSprint(
      jira,
      {
        name: args.name,
        originBoardId: Number(args.board_id),
        ...(args.start_date ? { startDate: args.start_date } : {}),
        ...(args.end_date ? { endDate: args.end_date } : {}),
        ...(args.goal ? { goal: args.goal } : {}),
      },
      signal,
    );
    const record = toSprintRecord(sprint);
    return {
      text: `Created sprint "${record.name}" (id ${record.id}, ${record.state ?? 'future'}).`,
      structured: record,
    };
  },
});

export const updateSprint = defineJiraTool({
  name: 'update_sprint',
  title: 'Update Jira sprint',
  toolset: 'agile',
  access: 'destructive',
  idempotent: true,
  description:
    'Rename a sprint, change its dates or goal, or start (state active) or close (state closed) it. Only what you pass changes.',
  input: () =>
    z.strictObject({
      sprint_id: sprintId,
      name: z.string().trim().min(1).optional(),
      state: z.enum(['active', 'closed']).optional(),
      start_date: z.iso.datetime({ offset: true }).optional(),
      end_date: z.iso.datetime({ offset: true }).optional(),
      goal: z.string().optional(),
    }),
  output: () => sprintSchema,
  action: (args) => `Update sprint ${args.sprint_id}`,
  run: async ({ jira, signal }, args) => {
    const body = {
      ...(args.name ? { name: args.name } : {}),
      ...(args.state ? { state: args.state } : {}),
      ...(args.start_date ? { startDate: args.start_date } : {}),
      ...(args.end_date ? { endDate: args.end_date } : {}),
      ...(args.goal !== undefined ? { goal: args.goal } : {}),
    };
    if (Object.keys(body).length === 0)
      throw new ToolInputError('nothing to change: pass name, state, start_date, end_date or goal');
    const record = toSprintRecord(await agile.updateSprint(jira, args.sprint_id, body, signal));
    return { text: `Updated sprint "${record.name}" (id ${record.id}, ${record.state ?? '?'}).`, structured: record };
  },
});

export const addIssuesToSprint = defineJiraTool({
  name: 'add_issues_to_sprint',
  title: 'Add issues to Jira sprint',
  toolset: 'agile',
  access: 'write',
  idempotent: true,
  description: 'Move issues into a sprint (from the backlog or another sprint).',
  input: () => z.strictObject({ sprint_id: sprintId, issue_keys: issueKeys }),
  output: () => z.object({ sprint_id: z.string(), issue_keys: z.array(z.string()) }),
  action: (args) => `Add issues to sprint ${args.sprint_id}`,
  run: async ({ jira, signal }, args) => {
    const keys = args.issue_keys;
    await agile.moveIssuesToSprint(jira, args.sprint_id, keys, signal);
    return {
      text: `Moved ${keys.join(', ')} into sprint ${args.sprint_id}.`,
      structured: { sprint_id: args.sprint_id, issue_keys: keys },
    };
  },
});

export const moveIssuesToBacklog = defineJiraTool({
  name: 'move_issues_to_backlog',
  title: 'Move Jira issues to backlog',
  toolset: 'agile',
  access: 'destructive',
  idempotent: true,
  description: 'Take issues out of their sprints and put them back in the backlog.',
  input: () => z.strictObject({ issue_keys: issueKeys }),
  output: () => z.object({ issue_keys: z.array(z.string()) }),
  action: () => 'Move issues to the backlog',
  run: async ({ jira, signal }, args) => {
    const keys = args.issue_keys;
    await agile.moveIssuesToBacklog(jira, keys, signal);
    return { text: `Moved ${keys.join(', ')} to the backlog.`, structured: { issue_keys: keys } };
  },
});

/** The page's records, how to ask for the next page, or why there is none although Atlassian announced one. */
function withNextStart(text: string, structured: Record<string, unknown>, page: agile.AgilePage<unknown>): ToolOutput {
  const stopped = page.stopped ? describeStop(page.stopped) : undefined;
  const hint =
    page.nextStartAt !== undefined
      ? `More results: call again with start_at ${page.nextStartAt}.`
      : stopped
        ? `${stopped}; there is no next page to ask for.`
        : '';
  return {
    text: [text, hint].filter(Boolean).join('\n'),
    structured: {
      ...structured,
      ...(page.nextStartAt !== undefined ? { next_start_at: page.nextStartAt } : {}),
      ...(stopped ? { listing_stopped: stopped } : {}),
    },
  };
}

function toSprintRecord(sprint: agile.RawSprint): z.infer<typeof sprintSchema> {
  return {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state ?? null,
    start: sprint.startDate ?? null,
    end: sprint.endDate ?? null,
    goal: sprint.goal || null,
  };
}
