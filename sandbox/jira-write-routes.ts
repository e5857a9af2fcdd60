/**
 * Sandbox Jira writes: create and edit issues, comments, and a three-step workflow whose "Done" transition
 * requires a resolution. Rich text must arrive in the flavour's own format (ADF on Cloud, wiki markup on
 * Server/DC), and people as accountId (Cloud) or username (Server/DC), as the real products insist.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EXTERNAL_ISSUES } from './fixtures/jira-site.js';
import { recordChange } from './jira/issue-history.js';
import type { JiraSiteData, SandboxIssue, SandboxUser } from './jira/jira-model.js';
import type { JiraRouteHelpers } from './jira-routes.js';

const ISSUE_TYPES = ['Bug', 'Story', 'Task', 'Epic', 'Sub-task'];
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];

/** The sandbox workflow: every status but the current one is reachable; Done needs a resolution. */
export const WORKFLOW = [
  { id: '11', name: 'Reopen', to: 'To Do' as const, requiresResolution: false },
  { id: '21', name: 'Start Progress', to: 'In Progress' as const, requiresResolution: false },
  { id: '31', name: 'Resolve', to: 'Done' as const, requiresResolution: true },
];

type Fields = Record<string, unknown>;

export function registerJiraWriteRoutes(app: FastifyInstance, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api, findIssue } = helpers;
  const cloud = data.flavor === 'cloud';
  const invalid = (reply: FastifyReply, errors: Record<string, string>) => reply.code(400).send({ errorMessages: [], errors });
  const missing = (reply: FastifyReply) => reply.code(404).send({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });

  /** Applies fields to an issue, returning per-field errors like Jira's `errors` map. */
  const applyFields = (issue: SandboxIssue, fields: Fields): Record<string, string> => {
    const errors: Record<string, string> = {};
    for (const [field, value] of Object.entries(fields)) {
      switch (field) {
        case 'project':
        case 'issuetype':
          break;
        case 'summary':
          if (typeof value !== 'string' || !value.trim()) errors.summary = 'You must specify a summary of the issue.';
          else issue.summary = value;
          break;
        case 'description':
          if (value !== null && (cloud ? typeof value !== 'object' || (value as { type?: string }).type !== 'doc' : typeof value !== 'string')) {
            errors.description = cloud ? 'Operation value must be an Atlassian Document (see the Atlassian Document Format).' : 'Operation value must be a string';
          } else issue.description = value;
          break;
        case 'assignee': {
          if (value === null) issue.assignee = null;
          else {
            const person = findUser(data.users, value, cloud);
            if (!person) errors.assignee = cloud ? 'Specify a valid accountId for the assignee.' : `User '${(value as { name?: string }).name}' does not exist.`;
            else issue.assignee = person;
          }
          break;
        }
        case 'priority':
          if (!PRIORITIES.includes(String((value as { name?: string })?.name))) errors.priority = 'Specify a valid priority name.';
          else issue.priority = (value as { name: SandboxIssue['priority'] }).name;
          break;
        case 'labels':
          if (!Array.isArray(value) || value.some((label) => typeof label !== 'string' || /\s/.test(label))) errors.labels = 'Labels are strings without spaces.';
          else issue.labels = value as string[];
          break;
        case 'components':
          issue.components = Array.isArray(value) ? value.map((component) => String((component as { name?: string }).name)) : [];
          break;
        case 'parent':
          // A parent may live in another project (an epic of a program board): the EXTERNAL_ISSUES.
          if (!findIssue(String((value as { key?: string })?.key ?? '')) && !EXTERNAL_ISSUES[String((value as { key?: string })?.key ?? '').toUpperCase()]) errors.parent = 'Could not find the parent issue.';
          else issue.parent = String((value as { key: string }).key).toUpperCase();
          break;
        case 'resolution':
          issue.resolution = String((value as { name?: string })?.name ?? 'Done');
          break;
        default:
          if (!field.startsWith('customfield_')) errors[field] = `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
          else issue.custom[field] = value;
      }
    }
    return errors;
  };

  /** Creates one issue from `fields`, or returns Jira's per-field errors without creating anything. */
  const createIssue = (fields: Fields): { issue: SandboxIssue } | { errors: Record<string, string> } => {
    const errors: Record<string, string> = {};
    if ((fields.project as { key?: string } | undefined)?.key !== data.projectKey) errors.project = 'Specify a valid project ID or key';
    if (!ISSUE_TYPES.includes(String((fields.issuetype as { name?: string } | undefined)?.name))) errors.issuetype = 'Specify a valid issue type';
    if (typeof fields.summary !== 'string' || !fields.summary.trim()) errors.summary = 'You must specify a summary of the issue.';
    const now = new Date().toISOString().replace('Z', '+0000');
    const issue: SandboxIssue = {
      id: '',
      key: '',
      summary: '',
      status: 'To Do',
      type: String((fields.issuetype as { name?: string } | undefined)?.name) as SandboxIssue['type'],
      priority: 'Medium',
      assignee: null,
      reporter: data.users[0]!,
      created: now,
      updated: now,
      labels: [],
      components: [],
      resolution: null,
      parent: null,
      description: null,
      comments: [],
      custom: {},
      watchers: [data.users[0]!],
      worklogs: [],
      remoteLinks: [],
      history: [],
      sprint: null,
      attachments: [],
    };
    const allErrors = { ...applyFields(issue, fields), ...errors };
    if (Object.keys(allErrors).length > 0) return { errors: allErrors };
    issue.id = String(data.nextId++);
    issue.key = `${data.projectKey}-${Math.max(0, ...data.issues.map((existing) => Number(existing.key.split('-')[1]))) + 1}`;
    data.issues.push(issue);
    return { issue };
  };

  app.post<{ Body: { fields?: Fields } }>(`${api}/issue`, async (request, reply) => {
    const result = createIssue(request.body?.fields ?? {});
    if ('errors' in result) return invalid(reply, result.errors);
    return reply.code(201).send({ id: result.issue.id, key: result.issue.key, self: `${api}/issue/${result.issue.id}` });
  });

  app.post<{ Body: { issueUpdates?: Array<{ fields?: Fields }> } }>(`${api}/issue/bulk`, async (request, reply) => {
    const issues: Array<{ id: string; key: string; self: string }> = [];
    const errors: Array<{ status: number; failedElementNumber: number; elementErrors: { errorMessages: string[]; errors: Record<string, string> } }> = [];
    (request.body?.issueUpdates ?? []).forEach((update, index) => {
      const result = createIssue(update.fields ?? {});
      if ('errors' in result) errors.push({ status: 400, failedElementNumber: index, elementErrors: { errorMessages: [], errors: result.errors } });
      else issues.push({ id: result.issue.id, key: result.issue.key, self: `${api}/issue/${result.issue.id}` });
    });
    return reply.code(issues.length ? 201 : 400).send({ issues, errors });
  });

  app.put<{ Params: { key: string }; Body: { fields?: Fields; update?: Record<string, Array<Record<string, unknown>>> } }>(`${api}/issue/:key`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    const draft: SandboxIssue = structuredClone(issue);
    const errors = applyFields(draft, request.body?.fields ?? {});
    for (const operation of request.body?.update?.labels ?? []) {
      if (typeof operation.add === 'string' && !draft.labels.includes(operation.add)) draft.labels.push(operation.add);
      if (typeof operation.remove === 'string') draft.labels = draft.labels.filter((label) => label !== operation.remove);
    }
    if (Object.keys(errors).length > 0) return invalid(reply, errors);
    for (const [field, before, after] of [
      ['summary', issue.summary, draft.summary],
      ['assignee', issue.assignee?.displayName ?? null, draft.assignee?.displayName ?? null],
      ['priority', issue.priority, draft.priority],
      ['labels', issue.labels.join(' '), draft.labels.join(' ')],
    ] as const) {
      if (before !== after) recordChange(draft, data.users[0]!, field, before, after);
    }
    Object.assign(issue, draft, { updated: new Date().toISOString().replace('Z', '+0000') });
    return reply.code(204).send();
  });

  app.delete<{ Params: { key: string } }>(`${api}/issue/:key`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    data.issues.splice(data.issues.indexOf(issue), 1);
    return reply.code(204).send();
  });

  app.put<{ Params: { key: string; id: string }; Body: { body?: unknown } }>(`${api}/issue/:key/comment/:id`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    const comment = issue?.comments.find((candidate) => candidate.id === request.params.id);
    if (!issue || !comment) return missing(reply);
    const body = request.body?.body;
    if (cloud ? (body as { type?: string } | undefined)?.type !== 'doc' : typeof body !== 'string' || !body) return invalid(reply, { comment: 'Comment body is not valid for this platform.' });
    comment.body = body;
    return { self: `${api}/issue/${issue.id}/comment/${comment.id}`, id: comment.id, author: helpers.user(comment.author), body, created: comment.created, updated: new Date().toISOString().replace('Z', '+0000') };
  });

  app.post<{ Params: { key: string }; Body: { body?: unknown; visibility?: { type: string; value: string } } }>(`${api}/issue/:key/comment`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    const body = request.body?.body;
    if (cloud ? (body as { type?: string } | undefined)?.type !== 'doc' : typeof body !== 'string' || !body) {
      return invalid(reply, { comment: cloud ? 'Comment body must be an Atlassian Document.' : 'Comment body can not be empty!' });
    }
    const comment = { id: String(30000 + issue.comments.length + Number(issue.id)), author: data.users[0]!, body, created: new Date().toISOString().replace('Z', '+0000'), visibility: request.body?.visibility };
    issue.comments.push(comment);
    return reply.code(201).send({ self: `${api}/issue/${issue.id}/comment/${comment.id}`, id: comment.id, author: helpers.user(comment.author), body, created: comment.created, updated: comment.created, ...(comment.visibility ? { visibility: comment.visibility } : {}) });
  });

  app.get<{ Params: { key: string } }>(`${api}/issue/:key/transitions`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    return {
      expand: 'transitions',
      transitions: WORKFLOW.filter((step) => step.to !== issue.status).map((step) => ({
        id: step.id,
        name: step.name,
        to: { self: `${api}/status/${step.id}`, id: step.id, name: step.to, statusCategory: { id: 1, key: step.to === 'Done' ? 'done' : 'new', name: step.to } },
        hasScreen: step.requiresResolution,
        isGlobal: true,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        fields: step.requiresResolution
          ? { resolution: { required: true, schema: { type: 'resolution', system: 'resolution' }, name: 'Resolution', key: 'resolution', operations: ['set'], allowedValues: [{ id: '1', name: 'Done' }, { id: '2', name: "Won't Do" }] } }
          : {},
      })),
    };
  });

  app.post<{ Params: { key: string }; Body: { transition?: { id?: string }; fields?: Fields; update?: { comment?: Array<{ add?: { body?: unknown } }> } } }>(`${api}/issue/:key/transitions`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    const step = WORKFLOW.find((candidate) => candidate.id === request.body?.transition?.id && candidate.to !== issue.status);
    if (!step) return invalid(reply, { transition: 'Transition id is not valid for this issue.' });
    const resolution = (request.body?.fields?.resolution as { name?: string } | undefined)?.name;
    if (step.requiresResolution && !resolution) return invalid(reply, { resolution: 'Resolution is required.' });
    recordChange(issue, data.users[0]!, 'status', issue.status, step.to);
    issue.status = step.to;
    issue.resolution = step.to === 'Done' ? (resolution ?? 'Done') : null;
    for (const operation of request.body?.update?.comment ?? []) {
      if (operation.add?.body) issue.comments.push({ id: String(40000 + issue.comments.length), author: data.users[0]!, body: operation.add.body, created: new Date().toISOString().replace('Z', '+0000') });
    }
    return reply.code(204).send();
  });
}

function findUser(users: readonly SandboxUser[], value: unknown, cloud: boolean): SandboxUser | undefined {
  const reference = value as { accountId?: string; name?: string } | null;
  return users.find((user) => (cloud ? user.accountId === reference?.accountId : user.name === reference?.name));
}
