/**
 * Jira Cloud forms (the Forms REST API). It is served by Atlassian's API gateway for the site's cloud id, not by
 * the site itself; the cloud id comes from the site's `/_edge/tenant_info` and is fetched once.
 */
import type { Method } from 'got';
import { z } from 'zod';
import type { AtlassianHttp } from '../http.js';
import { segment } from '../path.js';
import { getAs, loose, once, operation, optionalList, optionalObject, optionalText, requestAs } from '../shape.js';

export interface RawFormIndex {
  id: string;
  name?: string;
  updated?: string;
  submitted?: boolean;
  lock?: boolean;
  internal?: boolean;
}

export interface RawFormQuestion {
  type?: string;
  label?: string;
  description?: string;
  validation?: { rq?: boolean };
  choices?: Array<{ id: string; label: string }>;
}

export interface RawForm {
  id: string;
  updated?: string;
  design?: { settings?: { name?: string }; questions?: Record<string, RawFormQuestion> };
  state?: { status?: string; answers?: Record<string, RawFormAnswer> };
}

export interface RawFormAnswer {
  text?: string;
  date?: string;
  time?: string;
  choices?: string[];
  users?: string[];
}

/** Makes the HTTP client for a cloud id's Forms API; provided by the instance registry. */
export type FormsHttpFactory = (cloudId: string) => AtlassianHttp;

const EXPERIMENTAL = { 'x-experimentalapi': 'opt-in' };

const answerShape = once(() =>
  loose({
    text: optionalText,
    date: optionalText,
    time: optionalText,
    choices: optionalList(z.string()),
    users: optionalList(z.string()),
  }),
);
const formShape = once(() =>
  loose({
    id: z.string(),
    updated: optionalText,
    design: optionalObject({
      settings: optionalObject({ name: optionalText }),
      questions: z
        .record(
          z.string(),
          loose({
            type: optionalText,
            label: optionalText,
            description: optionalText,
            validation: optionalObject({ rq: z.boolean().nullish() }),
            choices: optionalList(loose({ id: z.string(), label: z.string() })),
          }),
        )
        .nullish(),
    }),
    state: optionalObject({ status: optionalText, answers: z.record(z.string(), answerShape()).nullish() }),
  }),
);

const ANSWERS = {
  getFormsForIssue: operation<RawFormIndex[]>('getFormsForIssue', () =>
    z.array(
      loose({
        id: z.string(),
        name: optionalText,
        updated: optionalText,
        submitted: z.boolean().nullish(),
        lock: z.boolean().nullish(),
        internal: z.boolean().nullish(),
      }),
    ),
  ),
  getFormById: operation<RawForm>('getFormById', () => formShape()),
  saveFormAnswers: operation<RawForm>('saveFormAnswers', () => formShape()),
  tenantInfo: operation<{ cloudId: string }>('tenant_info', () => loose({ cloudId: z.string() })),
};

/** What forms need of the Jira client: its HTTP client, and its allow-list check for the issue a form is on. */
export interface FormsHost {
  readonly http: AtlassianHttp;
  requireIssues(keys: readonly string[], method: Method, path: string, signal?: AbortSignal): Promise<void>;
}

export class JiraForms {
  private http?: Promise<AtlassianHttp>;

  constructor(
    private readonly jira: FormsHost,
    private readonly factory: FormsHttpFactory,
  ) {}

  async list(key: string, signal?: AbortSignal): Promise<RawFormIndex[]> {
    const path = await this.formPath(key, 'GET', signal);
    return requestAs(await this.client(signal), ANSWERS.getFormsForIssue, 'GET', path, {
      headers: EXPERIMENTAL,
      signal,
    });
  }

  async get(key: string, formId: string, signal?: AbortSignal): Promise<RawForm> {
    const path = await this.formPath(key, 'GET', signal, formId);
    return requestAs(await this.client(signal), ANSWERS.getFormById, 'GET', path, { headers: EXPERIMENTAL, signal });
  }

  async saveAnswers(
    key: string,
    formId: string,
    answers: Record<string, RawFormAnswer>,
    signal?: AbortSignal,
  ): Promise<RawForm> {
    const path = await this.formPath(key, 'PUT', signal, formId);
    return requestAs(await this.client(signal), ANSWERS.saveFormAnswers, 'PUT', path, {
      body: { answers },
      headers: EXPERIMENTAL,
      signal,
    });
  }

  /** The forms of an issue (one form with `formId`); an issue outside the instance's projects is not found. */
  private async formPath(
    key: string,
    method: Method,
    signal: AbortSignal | undefined,
    formId?: string,
  ): Promise<string> {
    const path = `/issue/${segment(key)}/form${formId === undefined ? '' : `/${segment(formId)}`}`;
    await this.jira.requireIssues([key], method, path, signal);
    return path;
  }

  private client(signal?: AbortSignal): Promise<AtlassianHttp> {
    this.http ??= getAs(this.jira.http, ANSWERS.tenantInfo, '/_edge/tenant_info', undefined, signal).then((tenant) =>
      this.factory(tenant.cloudId),
    );
    this.http.catch(() => (this.http = undefined));
    return this.http;
  }
}
