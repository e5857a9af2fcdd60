/**
 * Jira REST calls, one method per operation, hiding the Cloud (REST v3, ADF, cursor search) versus Server/Data
 * Center (REST v2, wiki markup, offset search) split from the tools. The client holds the instance's project
 * allow-list (`visibility.ts`): an issue or project outside it is refused as not found before anything is sent,
 * every search is narrowed to it, and listings leave hidden projects out.
 */
import type { Method } from 'got';
import { z } from 'zod';
import type { Platform } from '../../config/schema.js';
import { AtlassianError } from '../errors.js';
import { markdownToJira } from '../format/markdown-to-jira.js';
import { convertWritten } from '../format/written-text.js';
import type { AtlassianHttp } from '../http.js';
import { ToolInputError } from '../input-error.js';
import { segment } from '../path.js';
import { checkShape, getAs, loose, operation, optionalObject, optionalText, requestAs } from '../shape.js';
import {
  commentShape,
  fieldShape,
  issueShape,
  transitionShape,
  userShape,
  type RawField,
  type RawTransition,
} from './answer-shapes.js';
import { fieldIds } from './field-names.js';
import { JiraForms, type FormsHttpFactory } from './forms.js';
import {
  DEFAULT_ISSUE_FIELDS,
  richTextToMarkdown,
  toIssueRecord,
  type IssueRecord,
  type RawComment,
  type RawIssue,
  type RawUser,
} from './issue.js';
import { quoteJqlValue } from './jql.js';
import { listProjects, type ProjectListing } from './project-listing.js';
import { searchPage, type SearchPage, type SearchRequest } from './search.js';
import { ProjectScope } from './visibility.js';

/** How long an instance's field list is reused before it is fetched again. */
export const FIELD_CACHE_MS = 5 * 60_000;

const ANSWERS = {
  getIssue: operation<RawIssue>('getIssue', () => issueShape()),
  getIssueProject: operation<{ key: string; fields?: { project?: { key?: string } } }>('getIssue', () =>
    loose({ key: z.string(), fields: optionalObject({ project: optionalObject({ key: optionalText }) }) }),
  ),
  updateComment: operation<RawComment>('updateComment', () => commentShape()),
  addComment: operation<RawComment>('addComment', () => commentShape()),
  getTransitions: operation<{ transitions: RawTransition[] }>('getTransitions', () =>
    loose({ transitions: z.array(transitionShape()) }),
  ),
  getFields: operation<RawField[]>('getFields', () => z.array(fieldShape())),
  findUsers: operation<RawUser[]>('findUsers', () => z.array(userShape())),
  getCurrentUser: operation<{ displayName?: string; accountId?: string; name?: string }>('getCurrentUser', () =>
    userShape(),
  ),
};

/** How long the checked project of an issue key is trusted, and how many keys are remembered at most. */
const CHECKED_KEY_MS = 60_000;
const CHECKED_KEYS_KEPT = 1_000;

export class JiraClient {
  readonly api: string;
  /** The instance's project allow-list; tools ask it only to show hidden issues as a placeholder. */
  readonly scope: ProjectScope;
  /** Keys whose issue's own project was checked (`inAllowedProject`), and until when the answer holds. */
  private readonly checkedKeys = new Map<string, { allowed: boolean; until: number }>();
  private fieldCache?: { fields: RawField[]; expires: number };

  /** Cloud forms, when the registry provides the Forms API client. */
  readonly forms?: JiraForms;

  constructor(
    readonly http: AtlassianHttp,
    readonly platform: Platform,
    /** The instance URL, for browse links. */
    readonly baseUrl: string,
    formsHttp?: FormsHttpFactory,
    /** The instance's `projects_filter`; none means every project. */
    projectsFilter?: readonly string[],
  ) {
    if (platform === 'cloud' && formsHttp) this.forms = new JiraForms(this, formsHttp);
    this.api = platform === 'cloud' ? '/rest/api/3' : '/rest/api/2';
    this.scope = new ProjectScope(projectsFilter);
  }

  /** The REST path of an issue and what follows it; an issue outside the allow-list is refused as not found. */
  async issuePath(key: string, method: Method, rest = '', signal?: AbortSignal): Promise<string> {
    const path = `${this.api}/issue/${segment(key)}${rest}`;
    await this.requireIssues([key], method, path, signal);
    return path;
  }

  /** The REST path of a project and what follows it; a project outside the allow-list is refused as not found. */
  projectPath(key: string, method: Method, rest = ''): string {
    const path = `${this.api}/project/${segment(key)}${rest}`;
    this.requireProject(key, method, path);
    return path;
  }

  /**
   * Refuses a request naming issues outside the allow-list (in its path or its body) before it is sent, with the
   * answer Jira gives for issues that do not exist: a hidden issue answers exactly like a missing one.
   */
  async requireIssues(keys: readonly string[], method: Method, path: string, signal?: AbortSignal): Promise<void> {
    if (!keys.every((key) => this.scope.allowsIssue(key))) throw this.notFound(method, path);
    for (const key of keys) if (!(await this.inAllowedProject(key, signal))) throw this.notFound(method, path);
  }

  /**
   * With an allow-list, a key of an allowed project may still name an issue that was moved out of it: Jira answers
   * for the old key with the moved issue. So the issue's own project is asked once (and remembered for a minute)
   * before anything else is sent about it. Without a list, nothing is asked.
   */
  private async inAllowedProject(key: string, signal?: AbortSignal): Promise<boolean> {
    if (!this.scope.limited) return true;
    const checked = this.checkedKeys.get(key.toUpperCase());
    if (checked && checked.until > Date.now()) return checked.allowed;
    const issue = await getAs(
      this.http,
      ANSWERS.getIssueProject,
      `${this.api}/issue/${segment(key)}`,
      { fields: 'project' },
      signal,
    );
    const allowed = this.scope.allowsIssue(issue.key) && this.scope.allowsProject(issue.fields?.project?.key ?? '');
    if (this.checkedKeys.size >= CHECKED_KEYS_KEPT) this.checkedKeys.clear();
    this.checkedKeys.set(key.toUpperCase(), { allowed, until: Date.now() + CHECKED_KEY_MS });
    return allowed;
  }

  /** `requireIssues` for a project key. */
  requireProject(key: string, method: Method, path: string): void {
    if (!this.scope.allowsProject(key)) throw this.notFound(method, path);
  }

  /** One issue; `fieldNames` are fields as people name them ("Story Points"), looked up and asked for by id. */
  async getIssue(
    key: string,
    options: {
      fields?: readonly string[];
      fieldNames?: readonly string[];
      expand?: readonly string[];
      signal?: AbortSignal;
    } = {},
  ): Promise<RawIssue> {
    const path = `${this.api}/issue/${segment(key)}`;
    // The issue itself says where it is now: an issue moved out of the allowed projects is not found, with no
    // request spent on asking first.
    if (!this.scope.allowsIssue(key)) throw this.notFound('GET', path);
    const named = options.fieldNames?.length ? await fieldIds(this, options.fieldNames, options.signal) : [];
    const asked = [...(options.fields ?? DEFAULT_ISSUE_FIELDS), ...named];
    const body = await this.http.request<unknown>('GET', path, {
      query: { fields: asked.join(','), expand: options.expand?.length ? options.expand.join(',') : undefined },
      signal: options.signal,
    });
    // Fields nobody asked for are dropped before the answer is checked: they are never read, and a real issue can
    // carry dozens of them (most custom fields, time tracking, votes), which the check would walk and copy.
    const issue = checkShape(ANSWERS.getIssue, onlyAskedFields(body, asked), {
      instance: this.http.instance,
      method: 'GET',
      path,
    });
    if (!this.scope.allowsIssue(issue.key)) throw this.notFound('GET', path);
    return issue;
  }

  /** The compact record of an issue: rich text as markdown, issues of hidden projects in its fields as a placeholder. */
  issueRecord(raw: RawIssue, commentLimit = 0): IssueRecord {
    const record = toIssueRecord(raw, this.platform, this.browseUrl(raw.key), commentLimit);
    return {
      ...record,
      parent: record.parent === null ? null : this.scope.visibleKey(record.parent),
      other_fields: this.scope.hideIssuesIn(record.other_fields) as IssueRecord['other_fields'],
    };
  }

  /**
   * A caller's JQL narrowed to the instance's projects, or refused before anything is sent: when it could escape
   * them, and for an offset on Cloud, which pages search by cursor only (an offset there would silently restart
   * from the top).
   */
  scopeJql(jql: string, startAt?: number): string {
    if (this.platform === 'cloud' && startAt !== undefined && startAt > 0) {
      throw new ToolInputError(
        'start_at is not supported on Jira Cloud; pass page_token from the previous page instead',
      );
    }
    return this.scope.restrict(jql);
  }

  /** One page of issues for the caller's JQL within the instance's projects: by cursor on Cloud, by offset on Server/DC. */
  async search(request: SearchRequest): Promise<SearchPage> {
    return searchPage(this, this.scopeJql(request.jql, request.startAt), request);
  }

  /** Issues of one project, `where` narrowing them further; a project outside the allow-list is not found. */
  searchProject(
    projectKey: string,
    request: Omit<SearchRequest, 'jql' | 'and'> & { where?: string; orderBy: string },
  ): Promise<SearchPage> {
    this.projectPath(projectKey, 'GET');
    const where = `project = ${quoteJqlValue(projectKey)}${request.where ? ` AND ${request.where}` : ''}`;
    return this.search({ ...request, jql: `${where} ORDER BY ${request.orderBy}` });
  }

  /** Sets fields (and applies `update` operations such as label adds); Jira answers 204. */
  async updateIssue(
    key: string,
    body: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
    signal?: AbortSignal,
  ): Promise<void> {
    await this.http.request('PUT', await this.issuePath(key, 'PUT', '', signal), { body, signal });
  }

  async deleteIssue(key: string, deleteSubtasks: boolean, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', await this.issuePath(key, 'DELETE', '', signal), {
      query: { deleteSubtasks },
      signal,
    });
  }

  /** Replaces a comment's body with markdown, converted for the platform. */
  async editComment(key: string, id: string, markdown: string, signal?: AbortSignal): Promise<RawComment> {
    const path = await this.issuePath(key, 'PUT', `/comment/${segment(id)}`, signal);
    return requestAs(this.http, ANSWERS.updateComment, 'PUT', path, {
      body: { body: await this.toRichText(markdown) },
      signal,
    });
  }

  /** Adds a comment written in markdown, optionally visible only to a group or project role. */
  async addComment(
    key: string,
    markdown: string,
    visibility: { type: 'group' | 'role'; value: string } | undefined,
    signal?: AbortSignal,
  ): Promise<RawComment> {
    const path = await this.issuePath(key, 'POST', '/comment', signal);
    return requestAs(this.http, ANSWERS.addComment, 'POST', path, {
      body: { body: await this.toRichText(markdown), ...(visibility ? { visibility } : {}) },
      signal,
    });
  }

  async getTransitions(key: string, signal?: AbortSignal): Promise<RawTransition[]> {
    const answer = await getAs(
      this.http,
      ANSWERS.getTransitions,
      await this.issuePath(key, 'GET', '/transitions', signal),
      { expand: 'transitions.fields' },
      signal,
    );
    return answer.transitions;
  }

  /** Takes a transition, with the fields it requires and a markdown comment. */
  async transitionIssue(
    key: string,
    change: { transitionId: string; fields?: Record<string, unknown>; comment?: string },
    signal?: AbortSignal,
  ): Promise<void> {
    const path = await this.issuePath(key, 'POST', '/transitions', signal);
    const body = {
      transition: { id: change.transitionId },
      ...(change.fields ? { fields: change.fields } : {}),
      ...(change.comment ? { update: { comment: [{ add: { body: await this.toRichText(change.comment) } }] } } : {}),
    };
    await this.http.request('POST', path, { body, signal });
  }

  /** Fields differ per instance (custom fields); they are fetched once and kept for `FIELD_CACHE_MS`. */
  async getFields(signal?: AbortSignal): Promise<RawField[]> {
    if (this.fieldCache && this.fieldCache.expires > Date.now()) return this.fieldCache.fields;
    const fields = await getAs(this.http, ANSWERS.getFields, `${this.api}/field`, undefined, signal);
    this.fieldCache = { fields, expires: Date.now() + FIELD_CACHE_MS };
    return fields;
  }

  /** Every project the account can see within the allow-list (`project-listing.ts`). */
  async getProjects(options: { includeArchived: boolean; signal?: AbortSignal }): Promise<ProjectListing> {
    const listing = await listProjects(this, options);
    return { ...listing, projects: listing.projects.filter((project) => this.scope.allowsProject(project.key)) };
  }

  /** Cloud user search by name or email, for turning "alice@example.com" into an accountId. */
  searchUsers(query: string, signal?: AbortSignal): Promise<RawUser[]> {
    return getAs(this.http, ANSWERS.findUsers, `${this.api}/user/search`, { query, maxResults: 10 }, signal);
  }

  /** The account the instance's credentials belong to; used to check credentials. */
  myself(signal?: AbortSignal): Promise<{ displayName?: string; accountId?: string; name?: string }> {
    return getAs(this.http, ANSWERS.getCurrentUser, `${this.api}/myself`, undefined, signal);
  }

  /** Markdown as the rich text the platform stores: ADF on Cloud, wiki markup on Server/DC (long texts off the main thread). */
  toRichText(markdown: string): Promise<unknown> {
    const { platform } = this;
    return convertWritten({ kind: 'jira', markdown, platform }, () => markdownToJira(markdown, platform));
  }

  /** The platform's rich text (ADF or wiki markup) as markdown. */
  toMarkdown(richText: unknown): string {
    return richTextToMarkdown(richText, this.platform);
  }

  browseUrl(key: string): string {
    return `${this.baseUrl}/browse/${segment(key)}`;
  }

  /** Where a comment is shown in Jira's issue view. */
  commentUrl(key: string, commentId: string | number): string {
    return `${this.browseUrl(key)}?focusedCommentId=${commentId}`;
  }

  private notFound(method: Method, path: string): AtlassianError {
    return new AtlassianError({ instance: this.http.instance, method, path, failure: 'not_found', status: 404 });
  }
}

/**
 * Jira may answer with fields nobody asked for (apps add theirs, some versions ignore the list); only the asked
 * ones go on, so an answer shows what its caller requested and no more. `*all` and `*navigable` ask for everything.
 */
function onlyAskedFields(body: unknown, asked: readonly string[]): unknown {
  const fields = (body as { fields?: unknown } | null)?.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields) || asked.some((field) => field.startsWith('*')))
    return body;
  const keep = new Set(asked);
  const all = fields as Record<string, unknown>;
  const ids = Object.keys(all);
  // Jira mostly answers with what was asked: then there is nothing to drop and nothing to copy.
  if (ids.every((id) => keep.has(id))) return body;
  const kept: Record<string, unknown> = {};
  for (const id of ids) if (keep.has(id)) kept[id] = all[id];
  return { ...(body as object), fields: kept };
}
