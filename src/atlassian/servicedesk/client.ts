/**
 * Jira Service Management REST calls (`/rest/servicedeskapi`), one method per operation, the same on Cloud and
 * Server/Data Center except for people (Cloud accountIds, Server/DC usernames). The client holds the instance's
 * `projects_filter`: a desk or request of another project is refused as not found before anything is sent about it,
 * and listings leave them out. Operations Atlassian marks experimental carry `X-ExperimentalApi: opt-in`, and no other.
 */
import type { Method } from 'got';
import type { Platform } from '../../config/schema.js';
import { AtlassianError } from '../errors.js';
import { markdownToWiki } from '../format/markdown-to-wiki.js';
import { storageToMarkdown } from '../format/storage-to-markdown.js';
import { wikiToMarkdown } from '../format/wiki-to-markdown.js';
import type { AtlassianHttp, Query } from '../http.js';
import { ToolInputError } from '../input-error.js';
import { ProjectScope } from '../jira/visibility.js';
import { segment } from '../path.js';
import { checkShape, getAs, requestAs, type Operation } from '../shape.js';
import {
  ANSWERS,
  type RawApproval,
  type RawArticle,
  type RawCustomerTransition,
  type RawOrganization,
  type RawPage,
  type RawPerson,
  type RawQueue,
  type RawQueueIssue,
  type RawRequest,
  type RawRequestComment,
  type RawRequestType,
  type RawRequestTypeField,
  type RawRequestTypeGroup,
  type RawServiceDesk,
  type RawStatus,
} from './answer-shapes.js';
import type { AssetDetails, AssetPage, ServiceDeskAssets } from './assets.js';
import type { NewRequest, PageRequest, RequestListing, ServiceDeskOptions } from './client-inputs.js';
import { checkFieldValues } from './field-check.js';

export type { NewRequest, PageRequest, RequestListing, ServiceDeskOptions } from './client-inputs.js';

const API = '/rest/servicedeskapi';

/** The header Atlassian requires on operations it marks experimental. */
const EXPERIMENTAL = { 'X-ExperimentalApi': 'opt-in' } as const;

/** What the startup probe learned: `unknown` until asked (or when set in the configuration, never asked). */
export type ServiceDeskAvailability = 'available' | 'not installed' | 'unknown';

export class ServiceDeskClient {
  private readonly scope: ProjectScope;
  /** Desk id → its project key, learned once per desk so the allow-list can be applied to desk-scoped calls. */
  private readonly deskProjects = new Map<string, string | undefined>();
  availability: ServiceDeskAvailability = 'unknown';

  constructor(
    readonly http: AtlassianHttp,
    readonly platform: Platform,
    readonly baseUrl: string,
    projectsFilter?: readonly string[],
    readonly options: ServiceDeskOptions = {},
  ) {
    this.scope = new ProjectScope(projectsFilter);
  }

  /** The startup probe: whether `/rest/servicedeskapi/info` answers. A 404 means Service Management is not there. */
  async probe(signal?: AbortSignal): Promise<ServiceDeskAvailability> {
    try {
      await getAs(this.http, ANSWERS.getInfo, `${API}/info`, undefined, signal);
      this.availability = 'available';
    } catch (error) {
      if (!(error instanceof AtlassianError) || error.failure !== 'not_found') throw error;
      this.availability = 'not installed';
    }
    return this.availability;
  }

  async listServiceDesks(page: PageRequest): Promise<RawPage<RawServiceDesk>> {
    const answer = await this.get(ANSWERS.getServiceDesks, `${API}/servicedesk`, paging(page), page.signal);
    for (const desk of answer.values) this.deskProjects.set(String(desk.id), desk.projectKey);
    return { ...answer, values: answer.values.filter((desk) => this.scope.allows(desk.projectKey ?? null)) };
  }

  async getServiceDesk(id: string, signal?: AbortSignal): Promise<RawServiceDesk> {
    const path = `${API}/servicedesk/${segment(id)}`;
    const desk = await this.get(ANSWERS.getServiceDeskById, path, undefined, signal);
    this.deskProjects.set(String(desk.id), desk.projectKey);
    if (!this.scope.allows(desk.projectKey ?? null)) throw this.notFound('GET', path);
    return desk;
  }

  /** A desk's request types with the names of their groups. */
  async listRequestTypes(
    deskId: string,
    page: PageRequest & { search?: string },
  ): Promise<{ page: RawPage<RawRequestType>; groups: RawRequestTypeGroup[] }> {
    const base = await this.deskPath(deskId, 'GET', page.signal);
    const [types, groups] = await Promise.all([
      this.get(
        ANSWERS.getRequestTypes,
        `${base}/requesttype`,
        { ...paging(page), searchQuery: page.search },
        page.signal,
      ),
      this.get(ANSWERS.getRequestTypeGroups, `${base}/requesttypegroup`, { limit: 100 }, page.signal),
    ]);
    return { page: types, groups: groups.values };
  }

  async getRequestType(deskId: string, typeId: string, signal?: AbortSignal): Promise<RawRequestType> {
    return this.get(
      ANSWERS.getRequestTypeById,
      `${await this.deskPath(deskId, 'GET', signal)}/requesttype/${segment(typeId)}`,
      undefined,
      signal,
    );
  }

  async getRequestTypeFields(
    deskId: string,
    typeId: string,
    signal?: AbortSignal,
  ): Promise<{ fields: RawRequestTypeField[]; canRaiseOnBehalfOf: boolean }> {
    const path = `${await this.deskPath(deskId, 'GET', signal)}/requesttype/${segment(typeId)}/field`;
    const answer = await this.get(ANSWERS.getRequestTypeFields, path, undefined, signal);
    return { fields: answer.requestTypeFields, canRaiseOnBehalfOf: Boolean(answer.canRaiseOnBehalfOf) };
  }

  /** Requests the account can see, newest first, without those of hidden projects. */
  async listRequests(listing: RequestListing): Promise<RawPage<RawRequest>> {
    if (listing.serviceDeskId) await this.deskPath(listing.serviceDeskId, 'GET', listing.signal);
    const query: Query = {
      ...paging(listing),
      requestOwnership: listing.ownership,
      requestStatus: listing.status,
      serviceDeskId: listing.serviceDeskId,
      requestTypeId: listing.requestTypeId,
      searchTerm: listing.search,
    };
    const answer = await this.get(ANSWERS.getCustomerRequests, `${API}/request`, query, listing.signal);
    return { ...answer, values: answer.values.filter((request) => this.scope.allowsIssue(request.issueKey)) };
  }

  /** One request with its status, SLAs, participants, request type and desk. */
  async getRequest(key: string, signal?: AbortSignal): Promise<RawRequest> {
    const path = this.requestPath(key, 'GET');
    return this.get(
      ANSWERS.getCustomerRequestByIdOrKey,
      path,
      { expand: 'participant,sla,requestType,serviceDesk,status' },
      signal,
    );
  }

  /** Creates a request once its values have passed the request type's fields; nothing is sent otherwise. */
  async createRequest(request: NewRequest): Promise<RawRequest> {
    const { fields } = await this.getRequestTypeFields(request.serviceDeskId, request.requestTypeId, request.signal);
    const requestFieldValues = checkFieldValues(fields, request.values, request.requestTypeId);
    const body = {
      serviceDeskId: request.serviceDeskId,
      requestTypeId: request.requestTypeId,
      requestFieldValues,
      ...(request.onBehalfOf ? { raiseOnBehalfOf: request.onBehalfOf } : {}),
      ...(request.participants?.length ? { requestParticipants: [...request.participants] } : {}),
    };
    return requestAs(this.http, ANSWERS.createCustomerRequest, 'POST', `${API}/request`, {
      body,
      signal: request.signal,
    });
  }

  async getComments(
    key: string,
    page: PageRequest & { visibility?: 'public' | 'internal' },
  ): Promise<RawPage<RawRequestComment>> {
    const query: Query = {
      ...paging(page),
      public: page.visibility !== 'internal',
      internal: page.visibility !== 'public',
    };
    const answer = await this.get(
      ANSWERS.getRequestComments,
      this.requestPath(key, 'GET', '/comment'),
      query,
      page.signal,
    );
    // Comment bodies are wiki markup on both platforms; tools get markdown.
    return {
      ...answer,
      values: answer.values.map((comment) => ({ ...comment, body: wikiToMarkdown(comment.body ?? '') })),
    };
  }

  /** Adds a comment written in markdown; internal (agents only) when asked or when the instance forces it. */
  async addComment(key: string, markdown: string, isPublic: boolean, signal?: AbortSignal): Promise<RawRequestComment> {
    const body = { body: markdownToWiki(markdown), public: isPublic && !this.options.internalCommentsOnly };
    return requestAs(this.http, ANSWERS.createRequestComment, 'POST', this.requestPath(key, 'POST', '/comment'), {
      body,
      signal,
    });
  }

  async getStatusHistory(key: string, page: PageRequest): Promise<RawPage<RawStatus>> {
    return this.get(
      ANSWERS.getCustomerRequestStatus,
      this.requestPath(key, 'GET', '/status'),
      paging(page),
      page.signal,
    );
  }

  async getTransitions(key: string, signal?: AbortSignal): Promise<RawCustomerTransition[]> {
    return (
      await this.get(ANSWERS.getCustomerTransitions, this.requestPath(key, 'GET', '/transition'), { limit: 50 }, signal)
    ).values;
  }

  async transition(
    key: string,
    transitionId: string,
    comment: string | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    const body = { id: transitionId, ...(comment ? { additionalComment: { body: markdownToWiki(comment) } } : {}) };
    await this.http.request('POST', this.requestPath(key, 'POST', '/transition'), { body, signal });
  }

  async getApprovals(key: string, page: PageRequest): Promise<RawPage<RawApproval>> {
    return this.get(ANSWERS.getApprovals, this.requestPath(key, 'GET', '/approval'), paging(page), page.signal);
  }

  async answerApproval(
    key: string,
    approvalId: string,
    decision: 'approve' | 'decline',
    signal?: AbortSignal,
  ): Promise<RawApproval> {
    const path = this.requestPath(key, 'POST', `/approval/${segment(approvalId)}`);
    return requestAs(this.http, ANSWERS.answerApproval, 'POST', path, { body: { decision }, signal });
  }

  async getParticipants(key: string, page: PageRequest): Promise<RawPage<RawPerson>> {
    return this.get(
      ANSWERS.getRequestParticipants,
      this.requestPath(key, 'GET', '/participant'),
      paging(page),
      page.signal,
    );
  }

  /** Adds or removes participants: accountIds on Cloud, usernames on Server/DC. */
  async changeParticipants(
    key: string,
    change: 'add' | 'remove',
    people: readonly string[],
    signal?: AbortSignal,
  ): Promise<RawPage<RawPerson>> {
    const method = change === 'add' ? 'POST' : 'DELETE';
    const path = this.requestPath(key, method, '/participant');
    return requestAs(this.http, ANSWERS.getRequestParticipants, method, path, { body: this.people(people), signal });
  }

  /** Subscribes the account to a request's notifications, or unsubscribes it; answers the status read back. */
  async setNotifications(key: string, subscribed: boolean, signal?: AbortSignal): Promise<boolean> {
    const method = subscribed ? 'PUT' : 'DELETE';
    const path = this.requestPath(key, method, '/notification');
    await this.http.request(method, path, { signal });
    return (await getAs(this.http, ANSWERS.getSubscriptionStatus, path, undefined, signal)).subscribed;
  }

  async getQueues(deskId: string, page: PageRequest): Promise<RawPage<RawQueue>> {
    return this.get(
      ANSWERS.getQueues,
      `${await this.deskPath(deskId, 'GET', page.signal)}/queue`,
      { ...paging(page), includeCount: true },
      page.signal,
    );
  }

  async getQueueIssues(deskId: string, queueId: string, page: PageRequest): Promise<RawPage<RawQueueIssue>> {
    const path = `${await this.deskPath(deskId, 'GET', page.signal)}/queue/${segment(queueId)}/issue`;
    const answer = await this.get(ANSWERS.getIssuesInQueue, path, paging(page), page.signal);
    return { ...answer, values: answer.values.filter((issue) => this.scope.allowsIssue(issue.key)) };
  }

  /** Knowledge base articles matching `query`, on one desk or across every desk the account can see. */
  async searchArticles(query: string, deskId: string | undefined, page: PageRequest): Promise<RawPage<RawArticle>> {
    const path = deskId
      ? `${await this.deskPath(deskId, 'GET', page.signal)}/knowledgebase/article`
      : `${API}/knowledgebase/article`;
    const answer = await this.get(ANSWERS.getArticles, path, { ...paging(page), query, highlight: false }, page.signal);
    // Excerpts come as HTML fragments; tools get markdown.
    return {
      ...answer,
      values: answer.values.map((article) => ({ ...article, excerpt: storageToMarkdown(article.excerpt ?? '') })),
    };
  }

  async getCustomers(deskId: string, page: PageRequest & { query?: string }): Promise<RawPage<RawPerson>> {
    const path = `${await this.deskPath(deskId, 'GET', page.signal)}/customer`;
    const answer = await this.http.request<unknown>('GET', path, {
      query: { ...paging(page), query: page.query },
      headers: { ...EXPERIMENTAL },
      signal: page.signal,
    });
    return checkShapeOf(this.http, ANSWERS.getCustomers, answer, 'GET', path);
  }

  async addCustomers(deskId: string, people: readonly string[], signal?: AbortSignal): Promise<void> {
    const path = `${await this.deskPath(deskId, 'POST', signal)}/customer`;
    await this.http.request('POST', path, { body: this.people(people), signal });
  }

  async getOrganizations(deskId: string, page: PageRequest): Promise<RawPage<RawOrganization>> {
    return this.get(
      ANSWERS.getOrganizations,
      `${await this.deskPath(deskId, 'GET', page.signal)}/organization`,
      paging(page),
      page.signal,
    );
  }

  /** Assets objects matching an AQL query (Assets has no project allow-list: its objects belong to no project). */
  async searchAssets(aql: string, page: PageRequest): Promise<AssetPage> {
    return this.requireAssets().search(aql, page.start ?? 0, page.limit ?? 25, page.signal);
  }

  async getAsset(id: string, signal?: AbortSignal): Promise<AssetDetails> {
    return this.requireAssets().get(id, signal);
  }

  private requireAssets(): ServiceDeskAssets {
    if (!this.options.assets) throw new ToolInputError('this instance has no Assets client');
    return this.options.assets;
  }

  /** `{ accountIds }` on Cloud, `{ usernames }` on Server/DC. */
  private people(people: readonly string[]): Record<string, string[]> {
    if (people.length === 0) throw new ToolInputError('name at least one person');
    return this.platform === 'cloud' ? { accountIds: [...people] } : { usernames: [...people] };
  }

  /** A request's path, refused as not found when its key is of a hidden project (ids cannot be checked: refused too). */
  private requestPath(key: string, method: Method, rest = ''): string {
    const path = `${API}/request/${segment(key)}${rest}`;
    this.requireInstalled(method, path);
    if (!this.scope.allowsIssue(key)) throw this.notFound(method, path);
    return path;
  }

  /** A desk's path, once the desk is known to be of a visible project. */
  private async deskPath(deskId: string, method: Method, signal?: AbortSignal): Promise<string> {
    const path = `${API}/servicedesk/${segment(deskId)}`;
    this.requireInstalled(method, path);
    if (!this.scope.limited) return path;
    if (!this.deskProjects.has(deskId)) await this.getServiceDesk(deskId, signal).catch(() => undefined);
    if (!this.scope.allows(this.deskProjects.get(deskId) ?? null)) throw this.notFound(method, path);
    return path;
  }

  private get<T>(
    answer: Operation<T>,
    path: string,
    query: Query | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    this.requireInstalled('GET', path);
    return getAs(this.http, answer, path, query, signal);
  }

  /** After the probe found no Service Management, every call says so instead of a bare 404. */
  private requireInstalled(method: string, path: string): void {
    if (this.availability !== 'not installed') return;
    throw new AtlassianError({
      instance: this.http.instance,
      method,
      path,
      failure: 'not_found',
      hint: 'Service Management is not installed on this instance (GET /rest/servicedeskapi/info answered 404); set servicedesk: false to hide these tools.',
    });
  }

  private notFound(method: string, path: string): AtlassianError {
    return new AtlassianError({ instance: this.http.instance, method, path, failure: 'not_found', status: 404 });
  }
}

function paging(page: PageRequest): Query {
  return { start: page.start, limit: page.limit };
}

function checkShapeOf<T>(http: AtlassianHttp, answer: Operation<T>, body: unknown, method: string, path: string): T {
  return checkShape(answer, body, { instance: http.instance, method, path });
}
