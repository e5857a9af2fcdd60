/**
 * The Service Management every sandbox Jira site serves: two desks with grouped request types and their fields,
 * requests with SLAs, approvals, participants and comments of both kinds, queues, knowledge-base articles,
 * customers, organizations and a few Assets objects. Written once; `seed.ts` copies it per site.
 */

export interface FixturePerson {
  accountId: string;
  name: string;
  displayName: string;
  email: string;
}

export interface FixtureField {
  fieldId: string;
  name: string;
  required: boolean;
  type: string;
  validValues?: Array<{ value: string; label: string }>;
  defaultValues?: Array<{ value: string; label: string }>;
}

export interface FixtureRequestType {
  id: number;
  name: string;
  description: string;
  groupIds: number[];
  fields: FixtureField[];
}

export interface FixtureDesk {
  id: number;
  projectId: number;
  projectKey: string;
  projectName: string;
  groups: Array<{ id: number; name: string }>;
  requestTypes: FixtureRequestType[];
  queues: Array<{ id: number; name: string; jql: string; statuses: string[] }>;
  articles: Array<{ title: string; excerpt: string; pageId: string; spaceKey: string }>;
  customers: string[];
  organizations: Array<{ id: number; name: string }>;
}

export interface FixtureSla {
  id: number;
  name: string;
  goalMinutes: number;
  elapsedMinutes: number;
  paused?: boolean;
}

export interface FixtureRequest {
  desk: number;
  type: number;
  summary: string;
  description: string;
  reporter: string;
  status: string;
  created: string;
  priority?: string;
  participants: string[];
  slas: FixtureSla[];
  comments: Array<{ author: string; body: string; public: boolean; created: string }>;
  approvals: Array<{ id: number; name: string; approvers: string[] }>;
}

/** `agent` is the account the gateway's credentials belong to on every site. */
export const PEOPLE: readonly FixturePerson[] = [
  { accountId: '5b10a2844c20165700ede21a', name: 'agent', displayName: 'Sam Agent', email: 'agent@example.com' },
  { accountId: '5b10a2844c20165700ede21g', name: 'alice', displayName: 'Alice Example', email: 'alice@example.com' },
  { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'bob', displayName: 'Bob Example', email: 'bob@example.com' },
  {
    accountId: 'qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d69abfa3980ce712caae',
    name: 'carol',
    displayName: 'Carol Example',
    email: 'carol@example.com',
  },
  {
    accountId: '712020:2c5a8c4e-33b1-4f0d-b1c3-5d6f0a9e8b7c',
    name: 'dave',
    displayName: 'Dave Customer',
    email: 'dave@example.com',
  },
];

const PRIORITIES = [
  { value: '1', label: 'Highest' },
  { value: '2', label: 'High' },
  { value: '3', label: 'Medium' },
  { value: '4', label: 'Low' },
];

const summary: FixtureField = { fieldId: 'summary', name: 'Summary', required: true, type: 'string' };
const description = (required: boolean): FixtureField => ({
  fieldId: 'description',
  name: 'Description',
  required,
  type: 'string',
});

export const DESKS: readonly FixtureDesk[] = [
  {
    id: 1,
    projectId: 10100,
    projectKey: 'HELP',
    projectName: 'IT Help',
    groups: [
      { id: 1, name: 'Get help' },
      { id: 2, name: 'Changes' },
    ],
    requestTypes: [
      {
        id: 10,
        name: 'Get IT help',
        description: 'Something is broken or you need a hand.',
        groupIds: [1],
        fields: [
          summary,
          description(false),
          {
            fieldId: 'priority',
            name: 'Priority',
            required: false,
            type: 'priority',
            validValues: PRIORITIES,
            defaultValues: [PRIORITIES[2]!],
          },
        ],
      },
      {
        id: 11,
        name: 'Request a change',
        description: 'A planned change to a system; needs approval.',
        groupIds: [2],
        fields: [
          summary,
          description(true),
          {
            fieldId: 'customfield_10050',
            name: 'Change risk',
            required: true,
            type: 'option',
            validValues: [
              { value: '10200', label: 'Low' },
              { value: '10201', label: 'Medium' },
              { value: '10202', label: 'High' },
            ],
          },
          { fieldId: 'duedate', name: 'Go-live date', required: false, type: 'date' },
          { fieldId: 'customfield_10060', name: 'Affected users', required: false, type: 'number' },
        ],
      },
    ],
    queues: [
      {
        id: 1,
        name: 'All open',
        jql: 'project = HELP AND resolution = EMPTY',
        statuses: ['Waiting for support', 'Waiting for customer', 'Waiting for approval', 'In progress'],
      },
      {
        id: 2,
        name: 'Waiting for support',
        jql: 'project = HELP AND status = "Waiting for support"',
        statuses: ['Waiting for support'],
      },
      { id: 3, name: 'Resolved', jql: 'project = HELP AND resolution != EMPTY', statuses: ['Resolved', 'Declined'] },
    ],
    articles: [
      {
        title: 'Connect to the VPN',
        excerpt: '<p>Install the <b>VPN client</b>, then sign in with your SSO account.</p>',
        pageId: '9001',
        spaceKey: 'KB',
      },
      {
        title: 'Reset your password',
        excerpt: '<p>Use the <i>self-service</i> page; it takes <code>5</code> minutes.</p>',
        pageId: '9002',
        spaceKey: 'KB',
      },
    ],
    customers: ['alice', 'bob'],
    organizations: [{ id: 1, name: 'Acme Retail' }],
  },
  {
    id: 2,
    projectId: 10200,
    projectKey: 'FAC',
    projectName: 'Facilities',
    groups: [{ id: 3, name: 'Office' }],
    requestTypes: [
      {
        id: 20,
        name: 'Report a facilities problem',
        description: 'Heating, lights, doors.',
        groupIds: [3],
        fields: [
          summary,
          description(false),
          {
            fieldId: 'customfield_10070',
            name: 'Floor',
            required: true,
            type: 'option',
            validValues: [
              { value: '10300', label: 'Ground' },
              { value: '10301', label: 'First' },
            ],
          },
        ],
      },
    ],
    queues: [
      {
        id: 4,
        name: 'All open',
        jql: 'project = FAC AND resolution = EMPTY',
        statuses: ['Waiting for support', 'In progress'],
      },
    ],
    articles: [
      {
        title: 'Book a meeting room',
        excerpt: '<p>Rooms are booked in the <b>calendar</b>.</p>',
        pageId: '9101',
        spaceKey: 'FKB',
      },
    ],
    customers: ['carol'],
    organizations: [{ id: 2, name: 'Head office' }],
  },
];

export const REQUESTS: readonly FixtureRequest[] = [
  {
    desk: 1,
    type: 10,
    summary: 'VPN drops every hour',
    description: 'The VPN disconnects on the hour, every hour.',
    reporter: 'alice',
    status: 'Waiting for support',
    created: '2026-11-20T09:00:00.000Z',
    priority: '2',
    participants: ['bob'],
    slas: [
      { id: 1, name: 'Time to first response', goalMinutes: 240, elapsedMinutes: 300 },
      { id: 2, name: 'Time to resolution', goalMinutes: 2880, elapsedMinutes: 600 },
    ],
    comments: [
      { author: 'alice', body: 'It happens on *Wi-Fi* only.', public: true, created: '2026-11-20T09:05:00.000Z' },
      { author: 'agent', body: 'Checking the gateway logs first.', public: false, created: '2026-11-20T10:00:00.000Z' },
    ],
    approvals: [],
  },
  {
    desk: 1,
    type: 11,
    summary: 'Upgrade the mail server',
    description: 'Move to the supported release before the end of support.',
    reporter: 'agent',
    status: 'Waiting for approval',
    created: '2026-11-21T14:30:00.000Z',
    participants: [],
    slas: [{ id: 2, name: 'Time to resolution', goalMinutes: 7200, elapsedMinutes: 1200, paused: true }],
    comments: [],
    approvals: [{ id: 1, name: 'Change approval', approvers: ['agent', 'bob'] }],
  },
  {
    desk: 1,
    type: 10,
    summary: 'New laptop charger',
    description: 'The old one stopped working.',
    reporter: 'agent',
    status: 'Resolved',
    created: '2026-11-10T08:00:00.000Z',
    participants: [],
    slas: [{ id: 1, name: 'Time to first response', goalMinutes: 240, elapsedMinutes: 30 }],
    comments: [
      {
        author: 'agent',
        body: 'A new charger is at the front desk.',
        public: true,
        created: '2026-11-10T08:30:00.000Z',
      },
    ],
    approvals: [],
  },
  {
    desk: 2,
    type: 20,
    summary: 'Radiator on the first floor is cold',
    description: 'Room 1.12.',
    reporter: 'carol',
    status: 'Waiting for support',
    created: '2026-11-22T07:45:00.000Z',
    participants: [],
    slas: [{ id: 1, name: 'Time to first response', goalMinutes: 480, elapsedMinutes: 120 }],
    comments: [],
    approvals: [],
  },
];

/** The workflow every request follows: status → transitions offered there (id, name, target status). */
export const WORKFLOW: Readonly<Record<string, ReadonlyArray<{ id: number; name: string; to: string }>>> = {
  'Waiting for support': [
    { id: 11, name: 'Respond to customer', to: 'Waiting for customer' },
    { id: 21, name: 'Resolve this issue', to: 'Resolved' },
  ],
  'Waiting for customer': [
    { id: 31, name: 'Respond to support', to: 'Waiting for support' },
    { id: 21, name: 'Resolve this issue', to: 'Resolved' },
  ],
  'In progress': [{ id: 21, name: 'Resolve this issue', to: 'Resolved' }],
  'Waiting for approval': [],
  Resolved: [{ id: 41, name: 'Reopen', to: 'Waiting for support' }],
  Declined: [],
};

/** Where an answered approval leads. */
export const APPROVAL_OUTCOME = { approve: 'In progress', decline: 'Declined' } as const;
