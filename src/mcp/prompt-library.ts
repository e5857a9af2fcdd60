/**
 * The gateway's prompts: text templates that tell the model which of the caller's tools to use for a common job,
 * named as the caller's catalogue lists them. A prompt is offered only where an instance has every tool it needs.
 */
import type { ToolSpec } from '../tools/define.js';
import type { CompletionKind, GivenArguments } from './completion-sources.js';

export interface PromptArgumentInfo {
  name: string;
  description: string;
  required?: boolean;
  /** What completion offers for it. */
  completes?: CompletionKind;
}

/** Names a tool of the chosen instance as the model calls it (`jira_staging_search`); `has` says whether the caller has it. */
export interface ToolMention {
  (spec: string): string;
  has(spec: string): boolean;
}

export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  product: ToolSpec['product'];
  /** Tools (spec names) the prompt relies on; others it mentions are used when the caller has them. */
  needs: readonly string[];
  arguments: readonly PromptArgumentInfo[];
  /** The text, or what is missing when the arguments do not say enough. */
  text(tool: ToolMention, args: GivenArguments, instance: string): string | { missing: string };
}

const instanceArgument: PromptArgumentInfo = {
  name: 'instance',
  description: 'Instance to use (default: the default instance)',
  completes: 'instance',
};

/** A JQL string literal. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** "Then …" steps that use a tool only when the caller has it. */
function optional(tool: ToolMention, spec: string, step: (name: string) => string): string[] {
  return tool.has(spec) ? [step(tool(spec))] : [];
}

function numbered(steps: readonly string[]): string {
  return steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
}

export const PROMPTS: readonly PromptDefinition[] = [
  {
    name: 'triage_my_open_bugs',
    title: 'Triage my open bugs',
    description: 'Go through the open bugs assigned to me, most urgent first, and propose what to do with each.',
    product: 'jira',
    needs: ['search', 'get_issue'],
    arguments: [
      instanceArgument,
      { name: 'project', description: 'Only bugs of this project key', completes: 'project' },
    ],
    text: (tool, args, instance) => {
      const project = args.project ? ` AND project = ${quoted(args.project.toUpperCase())}` : '';
      return [
        `Triage my open bugs on the Jira instance "${instance}".`,
        '',
        numbered([
          `Call ${tool('search')} with jql \`assignee = currentUser() AND issuetype = Bug AND statusCategory != Done${project} ORDER BY priority DESC, updated DESC\` and limit 20.`,
          `For the ten most urgent, call ${tool('get_issue')} to read the description and latest comments.`,
          'For each bug, propose one of: fix now, schedule, needs information (say what to ask), duplicate or not a bug — with one sentence why.',
          ...optional(
            tool,
            'transition_issue',
            (name) =>
              `Only after I confirm, move bugs with ${name}${tool.has('get_transitions') ? ` (${tool('get_transitions')} lists the options)` : ''}.`,
          ),
          ...optional(tool, 'add_comment', (name) => `Only after I confirm, post the questions with ${name}.`),
        ]),
        '',
        'Answer with a table: key, summary, priority, proposal, reason.',
      ].join('\n');
    },
  },
  {
    name: 'release_notes',
    title: 'Write release notes',
    description: 'Write release notes from the issues of a fix version or a JQL query.',
    product: 'jira',
    needs: ['search'],
    arguments: [
      instanceArgument,
      { name: 'project', description: 'Project key (with version)', completes: 'project' },
      { name: 'version', description: 'Fix version name, e.g. 2.4.0 (needs project)', completes: 'version' },
      { name: 'jql', description: 'JQL selecting the issues instead of a version' },
    ],
    text: (tool, args, instance) => {
      const jql = args.jql?.trim()
        ? args.jql.trim()
        : args.version && args.project
          ? `project = ${quoted(args.project.toUpperCase())} AND fixVersion = ${quoted(args.version)} ORDER BY issuetype, key`
          : undefined;
      if (!jql) return { missing: 'give jql, or project and version' };
      return [
        `Write release notes from Jira instance "${instance}".`,
        '',
        numbered([
          `Call ${tool('search')} with jql \`${jql}\` and limit 50; follow its next-page hint until every issue is read.`,
          ...optional(tool, 'get_project_versions', (name) =>
            args.version ? `Call ${name} for the release date and description of ${args.version}.` : '',
          ).filter(Boolean),
          'Group the issues: New features, Improvements, Bug fixes, Other. Leave out sub-tasks and anything not Done.',
          'Write one plain sentence per issue for a user, not a developer, ending with its key.',
        ]),
        '',
        'Answer in markdown with a title, a two-sentence summary and the groups.',
      ].join('\n');
    },
  },
  {
    name: 'summarize_page_tree',
    title: 'Summarize a page tree',
    description: 'Summarize a Confluence page and the pages below it.',
    product: 'confluence',
    needs: ['get_page', 'get_page_children'],
    arguments: [instanceArgument, { name: 'page_id', description: 'Id of the top page', required: true }],
    text: (tool, args, instance) =>
      [
        `Summarize the Confluence page ${args.page_id} and the pages below it, on instance "${instance}".`,
        '',
        numbered([
          `Call ${tool('get_page')} with page_id ${args.page_id}.`,
          `Call ${tool('get_page_children')} with parent_id ${args.page_id}, and again for each child, two levels deep, at most 30 pages in all.`,
          `Read each page with ${tool('get_page')}.`,
          'Summarize each page in one or two sentences, indented as the tree is, then the whole tree in one paragraph: its purpose, decisions, open questions and what looks out of date.',
        ]),
      ].join('\n'),
  },
  {
    name: 'meeting_notes_to_issues',
    title: 'Turn meeting notes into issues',
    description: 'Find the action items in meeting notes and create a Jira issue for each, after confirmation.',
    product: 'jira',
    needs: ['create_issue'],
    arguments: [
      instanceArgument,
      { name: 'project', description: 'Project key for the new issues', required: true, completes: 'project' },
      { name: 'notes', description: 'The meeting notes', required: true },
      { name: 'issue_type', description: 'Issue type (default Task)', completes: 'issue_type' },
    ],
    text: (tool, args, instance) => {
      const batch = tool.has('batch_create_issues');
      const create = tool(batch ? 'batch_create_issues' : 'create_issue');
      return [
        `Turn these meeting notes into ${args.issue_type || 'Task'} issues in project ${args.project?.toUpperCase()} on Jira instance "${instance}".`,
        '',
        numbered([
          'List every action item: a short summary, a description with the context from the notes, the owner if named, a due date if said.',
          'Show me the list and wait for my confirmation or changes; create nothing before.',
          `Then create them with ${create}${batch ? ' in one call' : ', one call each'} (markdown descriptions).`,
          'Answer with the new keys and URLs.',
        ]),
        '',
        'Meeting notes:',
        '"""',
        args.notes ?? '',
        '"""',
      ].join('\n');
    },
  },
  {
    name: 'sprint_review',
    title: 'Prepare a sprint review',
    description: "Prepare the review of a board's active (or last closed) sprint: done, not done, and what changed.",
    product: 'jira',
    needs: ['get_agile_boards', 'get_sprints_from_board', 'get_sprint_issues'],
    arguments: [
      instanceArgument,
      { name: 'project', description: 'Project key whose board to use', completes: 'project' },
      { name: 'board_id', description: 'Board id (instead of project)' },
    ],
    text: (tool, args, instance) =>
      [
        `Prepare a sprint review on Jira instance "${instance}".`,
        '',
        numbered([
          args.board_id
            ? `Use board ${args.board_id}.`
            : `Call ${tool('get_agile_boards')}${args.project ? ` with project_key ${args.project.toUpperCase()}` : ''} and pick the Scrum board.`,
          `Call ${tool('get_sprints_from_board')} with state active (if none, closed, and take the latest).`,
          `Call ${tool('get_sprint_issues')} for that sprint, following its next-page hint.`,
          'Sort the issues into done and not done; sum story points where present.',
        ]),
        '',
        'Answer with: the sprint goal, what was completed (grouped by epic where possible), what was not and why if the issues say, and three talking points for the review.',
      ].join('\n'),
  },
  {
    name: 'answer_service_request',
    title: 'Answer a service request from the knowledge base',
    description:
      'Draft an answer to a Service Management request from knowledge base articles, and post it after confirmation.',
    product: 'servicedesk',
    needs: ['get_request', 'search_knowledge_base'],
    arguments: [
      instanceArgument,
      { name: 'request_key', description: 'The request, e.g. HELP-12', required: true, completes: 'issue_key' },
      {
        name: 'transition',
        description: 'Move the request on with this transition after answering',
        completes: 'transition',
      },
    ],
    text: (tool, args, instance) =>
      [
        `Answer the service request ${args.request_key?.toUpperCase()} on instance "${instance}" from the knowledge base.`,
        '',
        numbered([
          `Call ${tool('get_request')} with request_key ${args.request_key?.toUpperCase()}.`,
          `Call ${tool('search_knowledge_base')} with the request's key words (try two or three phrasings).`,
          'Draft a short, friendly answer for the customer that cites the articles that apply (title and link); say so if none does.',
          ...optional(
            tool,
            'add_comment',
            (name) => `Show me the draft; only after I confirm, post it with ${name} and public true.`,
          ),
          ...(args.transition
            ? optional(
                tool,
                'transition_request',
                (name) => `After posting, move the request with ${name} and transition ${quoted(args.transition!)}.`,
              )
            : []),
        ]),
      ].join('\n'),
  },
];
