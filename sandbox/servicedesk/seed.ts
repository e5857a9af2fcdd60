/** One site's Service Management state, copied from the fixtures so each site (and each test) changes its own. */
import type { SandboxFlavor } from '../site/site.js';
import { DESKS, PEOPLE, REQUESTS, type FixtureDesk, type FixturePerson, type FixtureSla } from './fixtures.js';

export interface SandboxComment {
  id: number;
  author: string;
  body: string;
  public: boolean;
  created: string;
}

export interface SandboxApproval {
  id: number;
  name: string;
  approvers: Array<{ who: string; decision: 'pending' | 'approved' | 'declined' }>;
  finalDecision?: 'approved' | 'declined';
  created: string;
  completed?: string;
}

export interface SandboxRequest {
  key: string;
  issueId: number;
  desk: number;
  type: number;
  fields: Record<string, unknown>;
  reporter: string;
  status: string;
  created: string;
  history: Array<{ status: string; date: string }>;
  participants: string[];
  slas: FixtureSla[];
  comments: SandboxComment[];
  approvals: SandboxApproval[];
  subscribed: boolean;
}

export interface ServiceDeskState {
  flavor: SandboxFlavor;
  desks: readonly FixtureDesk[];
  requests: SandboxRequest[];
  customers: Map<number, string[]>;
  nextIssueId: number;
  nextCommentId: number;
}

export function seedServiceDesk(flavor: SandboxFlavor): ServiceDeskState {
  const counters = new Map<string, number>();
  let nextCommentId = 1;
  const requests = REQUESTS.map((fixture, index): SandboxRequest => {
    const desk = DESKS.find((candidate) => candidate.id === fixture.desk)!;
    const number = (counters.get(desk.projectKey) ?? 0) + 1;
    counters.set(desk.projectKey, number);
    return {
      key: `${desk.projectKey}-${number}`,
      issueId: 20000 + index,
      desk: fixture.desk,
      type: fixture.type,
      fields: {
        summary: fixture.summary,
        description: fixture.description,
        ...(fixture.priority ? { priority: { id: fixture.priority } } : {}),
      },
      reporter: fixture.reporter,
      status: fixture.status,
      created: fixture.created,
      history: [{ status: fixture.status, date: fixture.created }],
      participants: [...fixture.participants],
      slas: fixture.slas.map((sla) => ({ ...sla })),
      comments: fixture.comments.map((comment) => ({ ...comment, id: nextCommentId++ })),
      approvals: fixture.approvals.map((approval) => ({
        ...approval,
        created: fixture.created,
        approvers: approval.approvers.map((who) => ({ who, decision: 'pending' as const })),
      })),
      subscribed: false,
    };
  });
  return {
    flavor,
    desks: DESKS,
    requests,
    customers: new Map(DESKS.map((desk) => [desk.id, [...desk.customers]])),
    nextIssueId: 30000,
    nextCommentId,
  };
}

/** A person by the id the flavour uses: an accountId on Cloud, a username on Server/DC. */
export function personById(state: ServiceDeskState, id: string): FixturePerson | undefined {
  return PEOPLE.find((person) => (state.flavor === 'cloud' ? person.accountId === id : person.name === id));
}

export function personNamed(name: string): FixturePerson {
  return PEOPLE.find((person) => person.name === name)!;
}
