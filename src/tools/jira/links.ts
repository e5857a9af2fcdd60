/** Jira `links` toolset: link types, issue links, remote (web) links, and attaching an issue to an epic. */
import { z } from 'zod';
import { linkToEpic as putUnderEpic } from '../../atlassian/jira/epics.js';
import {
  createIssueLink as createLink,
  createRemoteLink,
  getLinkTypes as fetchLinkTypes,
  removeIssueLink as removeLink,
} from '../../atlassian/jira/relations.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, numericId } from '../params.js';

export const getLinkTypes = defineJiraTool({
  name: 'get_link_types',
  title: 'Get Jira link types',
  toolset: 'links',
  access: 'read',
  description: 'List the issue link types (e.g. Blocks: "blocks" / "is blocked by") to use with create_issue_link.',
  input: () => z.strictObject({}),
  output: () =>
    z.object({
      link_types: z.array(z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() })),
    }),
  action: () => 'Get link types',
  run: async ({ jira, signal }) => {
    const types = (await fetchLinkTypes(jira, signal)).map(({ id, name, inward, outward }) => ({
      id: String(id),
      name,
      inward,
      outward,
    }));
    return {
      text:
        types.map((type) => `- ${type.name}: outward "${type.outward}", inward "${type.inward}"`).join('\n') ||
        'No link types.',
      structured: { link_types: types },
    };
  },
});

export const createIssueLink = defineJiraTool({
  name: 'create_issue_link',
  title: 'Link Jira issues',
  toolset: 'links',
  access: 'write',
  description:
    'Link two issues with a link type, read as "<outward_issue_key> <outward phrase> <inward_issue_key>", e.g. OPS-1 blocks OPS-2 with type Blocks.',
  input: () =>
    z.strictObject({
      link_type: z.string().trim().min(1).describe('Link type name, e.g. Blocks, Relates, Duplicate'),
      outward_issue_key: issueKey.describe('The issue that blocks / duplicates / relates to'),
      inward_issue_key: issueKey.describe('The issue that is blocked / duplicated / related'),
      comment: z.string().optional().describe('Markdown comment added to the outward issue'),
    }),
  output: () => z.object({ link_type: z.string(), outward_issue_key: z.string(), inward_issue_key: z.string() }),
  action: (args) => `Link ${args.outward_issue_key} to ${args.inward_issue_key}`,
  run: async ({ jira, signal }, args) => {
    const { link_type: type, outward_issue_key: outward, inward_issue_key: inward } = args;
    await createLink(jira, { type, outwardKey: outward, inwardKey: inward, comment: args.comment }, signal);
    return {
      text: `Linked ${outward} → ${inward} (${type}).`,
      structured: { link_type: type, outward_issue_key: outward, inward_issue_key: inward },
    };
  },
});

export const removeIssueLink = defineJiraTool({
  name: 'remove_issue_link',
  title: 'Remove Jira issue link',
  toolset: 'links',
  access: 'destructive',
  description: 'Delete an issue link by its id (get_issue with include ["links"] shows link ids).',
  input: () => z.strictObject({ link_id: numericId('Issue link id') }),
  output: () => z.object({ link_id: z.string(), removed: z.boolean() }),
  action: (args) => `Remove link ${args.link_id}`,
  run: async ({ jira, signal }, args) => {
    await removeLink(jira, args.link_id, signal);
    return { text: `Removed issue link ${args.link_id}.`, structured: { link_id: args.link_id, removed: true } };
  },
});

export const createRemoteIssueLink = defineJiraTool({
  name: 'create_remote_issue_link',
  title: 'Add web link to Jira issue',
  toolset: 'links',
  access: 'write',
  description: 'Attach a web link (a pull request, a document, a dashboard) to an issue.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      url: z.url({ protocol: /^https?$/ }).describe('http(s) URL'),
      title: z.string().trim().min(1),
      summary: z.string().optional(),
      relationship: z.string().optional().describe('e.g. "mentioned in", "implemented by"'),
    }),
  output: () => z.object({ id: z.string(), issue_key: z.string(), url: z.string() }),
  action: (args) => `Add web link to ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const created = await createRemoteLink(
      jira,
      key,
      {
        object: { url: args.url, title: args.title, ...(args.summary ? { summary: args.summary } : {}) },
        ...(args.relationship ? { relationship: args.relationship } : {}),
      },
      signal,
    );
    return {
      text: `Added link "${args.title}" (${args.url}) to ${key}.`,
      structured: { id: String(created.id), issue_key: key, url: args.url },
    };
  },
});

export const linkToEpic = defineJiraTool({
  name: 'link_to_epic',
  title: 'Add Jira issue to epic',
  toolset: 'links',
  access: 'write',
  description: 'Put an issue under an epic: sets the parent on Cloud, the Epic Link field on Server/DC.',
  input: () => z.strictObject({ issue_key: issueKey, epic_key: issueKey.describe('Epic key') }),
  output: () => z.object({ issue_key: z.string(), epic_key: z.string(), field: z.string() }),
  action: (args) => `Link ${args.issue_key} to epic ${args.epic_key}`,
  run: async ({ jira, signal }, args) => {
    const { issue_key: key, epic_key: epic } = args;
    const field = await putUnderEpic(jira, key, epic, signal);
    if (!field)
      throw new ToolInputError('this instance has no Epic Link field; set the parent with update_issue fields instead');
    return { text: `${key} is now under epic ${epic}.`, structured: { issue_key: key, epic_key: epic, field } };
  },
});
