/**
 * The Service Management REST answers the gateway reads (`/rest/servicedeskapi`), as types and as loose zod shapes
 * checked where each answer arrives. Cloud and Server/Data Center answer in the same shapes; people carry an
 * `accountId` on Cloud and a `name` (username) on Server/DC.
 */
import { z } from 'zod';
import { anyId, loose, once, operation, optionalList, optionalObject, optionalText } from '../shape.js';

export interface RawPage<T> {
  values: T[];
  start?: number;
  limit?: number;
  size?: number;
  isLastPage?: boolean;
}

export interface RawPerson {
  accountId?: string;
  name?: string;
  key?: string;
  displayName?: string;
  emailAddress?: string;
}

export interface RawDate {
  iso8601?: string;
  friendly?: string;
  epochMillis?: number;
}

export interface RawServiceDesk {
  id: string | number;
  projectId?: string | number;
  projectKey?: string;
  projectName?: string;
}

export interface RawRequestType {
  id: string | number;
  name: string;
  description?: string;
  helpText?: string;
  serviceDeskId?: string | number;
  groupIds?: Array<string | number>;
}

export interface RawRequestTypeGroup {
  id: string | number;
  name: string;
}

export interface RawFieldValue {
  value: string;
  label?: string;
}

export interface RawRequestTypeField {
  fieldId: string;
  name: string;
  description?: string;
  required: boolean;
  jiraSchema?: { type?: string; items?: string; system?: string; custom?: string };
  validValues?: RawFieldValue[];
  defaultValues?: RawFieldValue[];
}

export interface RawStatus {
  status: string;
  statusCategory?: string;
  statusDate?: RawDate;
}

export interface RawSlaCycle {
  startTime?: RawDate;
  stopTime?: RawDate;
  breachTime?: RawDate;
  breached?: boolean;
  paused?: boolean;
  withinCalendarHours?: boolean;
  goalDuration?: { millis?: number; friendly?: string };
  elapsedTime?: { millis?: number; friendly?: string };
  remainingTime?: { millis?: number; friendly?: string };
}

export interface RawSla {
  id: string | number;
  name: string;
  ongoingCycle?: RawSlaCycle;
  completedCycles?: RawSlaCycle[];
}

export interface RawRequest {
  issueId?: string | number;
  issueKey: string;
  requestTypeId?: string | number;
  serviceDeskId?: string | number;
  createdDate?: RawDate;
  reporter?: RawPerson;
  requestFieldValues?: Array<{ fieldId: string; label?: string; value?: unknown; renderedValue?: unknown }>;
  currentStatus?: RawStatus;
  status?: RawPage<RawStatus>;
  participants?: RawPage<RawPerson>;
  sla?: RawPage<RawSla>;
  requestType?: RawRequestType;
  serviceDesk?: RawServiceDesk;
}

export interface RawRequestComment {
  id: string | number;
  body?: string;
  public: boolean;
  author?: RawPerson;
  created?: RawDate;
}

export interface RawCustomerTransition {
  id: string | number;
  name: string;
}

export interface RawApproval {
  id: string | number;
  name?: string;
  finalDecision?: string;
  canAnswerApproval?: boolean;
  approvers?: Array<{ approver?: RawPerson; approverDecision?: string }>;
  createdDate?: RawDate;
  completedDate?: RawDate;
}

export interface RawQueue {
  id: string | number;
  name: string;
  jql?: string;
  issueCount?: number;
}

export interface RawQueueIssue {
  key: string;
  fields?: {
    summary?: string;
    status?: { name?: string };
    priority?: { name?: string };
    assignee?: RawPerson | null;
    created?: string;
  };
}

export interface RawArticle {
  title?: string;
  excerpt?: string;
  source?: { type?: string; pageId?: string; spaceKey?: string };
  content?: { iframeSrc?: string };
}

export interface RawOrganization {
  id: string | number;
  name: string;
}

const date = once(() =>
  optionalObject({ iso8601: optionalText, friendly: optionalText, epochMillis: z.number().nullish() }),
);
const person = once(() =>
  loose({
    accountId: optionalText,
    name: optionalText,
    key: optionalText,
    displayName: optionalText,
    emailAddress: optionalText,
  }),
);
const page = <S extends z.ZodType>(item: () => S) =>
  loose({
    values: z.array(item()),
    start: z.number().nullish(),
    limit: z.number().nullish(),
    isLastPage: z.boolean().nullish(),
  });
const serviceDesk = once(() =>
  loose({ id: anyId, projectId: anyId.nullish(), projectKey: optionalText, projectName: optionalText }),
);
const requestType = once(() =>
  loose({
    id: anyId,
    name: z.string(),
    description: optionalText,
    helpText: optionalText,
    groupIds: optionalList(anyId),
  }),
);
const fieldValue = once(() => loose({ value: z.string(), label: optionalText }));
const statusShape = once(() => loose({ status: z.string(), statusCategory: optionalText, statusDate: date() }));
const duration = once(() => optionalObject({ millis: z.number().nullish(), friendly: optionalText }));
const cycle = once(() =>
  loose({
    startTime: date(),
    stopTime: date(),
    breachTime: date(),
    breached: z.boolean().nullish(),
    paused: z.boolean().nullish(),
    goalDuration: duration(),
    elapsedTime: duration(),
    remainingTime: duration(),
  }),
);
const sla = once(() =>
  loose({ id: anyId, name: z.string(), ongoingCycle: cycle().nullish(), completedCycles: optionalList(cycle()) }),
);
const request = once(() =>
  loose({
    issueKey: z.string(),
    requestTypeId: anyId.nullish(),
    serviceDeskId: anyId.nullish(),
    createdDate: date(),
    reporter: person().nullish(),
    requestFieldValues: optionalList(loose({ fieldId: z.string(), label: optionalText })),
    currentStatus: statusShape().nullish(),
    participants: page(person).nullish(),
    sla: page(sla).nullish(),
  }),
);
const comment = once(() =>
  loose({ id: anyId, body: optionalText, public: z.boolean(), author: person().nullish(), created: date() }),
);
const approval = once(() =>
  loose({
    id: anyId,
    name: optionalText,
    finalDecision: optionalText,
    canAnswerApproval: z.boolean().nullish(),
    approvers: optionalList(loose({ approver: person().nullish(), approverDecision: optionalText })),
  }),
);

/** Each operation by Atlassian's operationId, with the shape of the part of its answer the gateway reads. */
export const ANSWERS = {
  getInfo: operation<{ version?: string; platformVersion?: string }>('getInfo', () =>
    loose({ version: optionalText, platformVersion: optionalText }),
  ),
  getServiceDesks: operation<RawPage<RawServiceDesk>>('getServiceDesks', () => page(serviceDesk)),
  getServiceDeskById: operation<RawServiceDesk>('getServiceDeskById', () => serviceDesk()),
  getRequestTypes: operation<RawPage<RawRequestType>>('getRequestTypes', () => page(requestType)),
  getRequestTypeGroups: operation<RawPage<RawRequestTypeGroup>>('getRequestTypeGroups', () =>
    page(() => loose({ id: anyId, name: z.string() })),
  ),
  getRequestTypeById: operation<RawRequestType>('getRequestTypeById', () => requestType()),
  getRequestTypeFields: operation<{
    requestTypeFields: RawRequestTypeField[];
    canRaiseOnBehalfOf?: boolean;
    canAddRequestParticipants?: boolean;
  }>('getRequestTypeFields', () =>
    loose({
      requestTypeFields: z.array(
        loose({
          fieldId: z.string(),
          name: z.string(),
          required: z.boolean(),
          jiraSchema: optionalObject({ type: optionalText, items: optionalText }),
          validValues: optionalList(fieldValue()),
          defaultValues: optionalList(fieldValue()),
        }),
      ),
      canRaiseOnBehalfOf: z.boolean().nullish(),
    }),
  ),
  getCustomerRequests: operation<RawPage<RawRequest>>('getCustomerRequests', () => page(request)),
  getCustomerRequestByIdOrKey: operation<RawRequest>('getCustomerRequestByIdOrKey', () => request()),
  createCustomerRequest: operation<RawRequest>('createCustomerRequest', () => request()),
  getRequestComments: operation<RawPage<RawRequestComment>>('getRequestComments', () => page(comment)),
  createRequestComment: operation<RawRequestComment>('createRequestComment', () => comment()),
  getCustomerRequestStatus: operation<RawPage<RawStatus>>('getCustomerRequestStatus', () => page(statusShape)),
  getCustomerTransitions: operation<RawPage<RawCustomerTransition>>('getCustomerTransitions', () =>
    page(() => loose({ id: anyId, name: z.string() })),
  ),
  getApprovals: operation<RawPage<RawApproval>>('getApprovals', () => page(approval)),
  answerApproval: operation<RawApproval>('answerApproval', () => approval()),
  getRequestParticipants: operation<RawPage<RawPerson>>('getRequestParticipants', () => page(person)),
  getSubscriptionStatus: operation<{ subscribed: boolean }>('getSubscriptionStatus', () =>
    loose({ subscribed: z.boolean() }),
  ),
  getQueues: operation<RawPage<RawQueue>>('getQueues', () =>
    page(() => loose({ id: anyId, name: z.string(), jql: optionalText, issueCount: z.number().nullish() })),
  ),
  getIssuesInQueue: operation<RawPage<RawQueueIssue>>('getIssuesInQueue', () => page(() => loose({ key: z.string() }))),
  getArticles: operation<RawPage<RawArticle>>('getArticles', () =>
    page(() => loose({ title: optionalText, excerpt: optionalText })),
  ),
  getCustomers: operation<RawPage<RawPerson>>('getCustomers', () => page(person)),
  getOrganizations: operation<RawPage<RawOrganization>>('getOrganizations', () =>
    page(() => loose({ id: anyId, name: z.string() })),
  ),
};
