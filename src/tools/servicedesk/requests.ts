/** Service Management `requests` toolset, reading: list requests (mine, by desk, by status), one request, its status history. */
import { z } from 'zod';
import type { RawRequest } from '../../atlassian/servicedesk/answer-shapes.js';
import { defineServiceDeskTool } from '../define.js';
import { pageSize, requestKey, serviceDeskId, start } from './params.js';
import { pageInfo, pageLine, person, slaLine, slaRecord, when } from './render.js';

const OWNERSHIP = {
  mine: 'OWNED_REQUESTS',
  participated: 'PARTICIPATED_REQUESTS',
  approver: 'APPROVER',
  all: 'ALL_REQUESTS',
} as const;
const STATUS = { open: 'OPEN_REQUESTS', closed: 'CLOSED_REQUESTS', all: 'ALL_REQUESTS' } as const;

export const getRequests = defineServiceDeskTool({
  name: 'get_requests',
  title: 'List service requests',
  toolset: 'requests',
  inDefaultSet: true,
  access: 'read',
  description:
    'List customer requests: mine (reported by this account) or all it can see, on one desk or every desk, open or closed; paged with start/limit.',
  input: () =>
    z.strictObject({
      ownership: z
        .enum(['mine', 'participated', 'approver', 'all'])
        .default('all')
        .describe('mine: reported by this account'),
      status: z.enum(['open', 'closed', 'all']).default('open'),
      service_desk_id: serviceDeskId.optional(),
      search: z.string().trim().max(200).optional().describe('Text the summary or description contains'),
      start,
      limit: pageSize,
    }),
  action: () => 'List requests',
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.listRequests({
      ownership: OWNERSHIP[args.ownership],
      status: STATUS[args.status],
      serviceDeskId: args.service_desk_id,
      search: args.search,
      start: args.start,
      limit: args.limit,
      signal,
    });
    const requests = page.values.map(summaryOf);
    const info = pageInfo(page, args.start);
    const lines = requests.map(
      (request) =>
        `- ${request.key}: ${request.summary ?? '(no summary)'} — ${request.status ?? '?'}, reported by ${request.reporter}`,
    );
    return {
      text: requests.length ? `${lines.join('\n')}${pageLine(info)}` : 'No requests match.',
      structured: { requests, ...info },
    };
  },
});

export const getRequest = defineServiceDeskTool({
  name: 'get_request',
  title: 'Get a service request',
  toolset: 'requests',
  inDefaultSet: true,
  access: 'read',
  description:
    'Get one customer request: status, SLA cycles with remaining time, reporter, participants and request-type fields by name.',
  input: () => z.strictObject({ request_key: requestKey }),
  action: (args) => `Get request ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const request = await serviceDesk.getRequest(args.request_key, signal);
    const slas = (request.sla?.values ?? []).map(slaRecord);
    const participants = (request.participants?.values ?? []).map(person);
    const fields = Object.fromEntries(
      (request.requestFieldValues ?? []).map((field) => [field.label ?? field.fieldId, fieldText(field.value)]),
    );
    const record = {
      ...summaryOf(request),
      request_type: request.requestType?.name ?? null,
      participants,
      slas,
      fields,
    };
    const text = [
      `${record.key}: ${record.summary ?? '(no summary)'}`,
      `Status: ${record.status ?? '?'} · Request type: ${record.request_type ?? '?'} · Reporter: ${record.reporter} · Created: ${record.created ?? '?'}`,
      `Participants: ${participants.length ? participants.join(', ') : 'none'}`,
      ...(slas.length ? ['SLAs:', ...slas.map(slaLine)] : []),
      'Fields:',
      ...Object.entries(fields).map(([name, value]) => `- ${name}: ${value}`),
    ].join('\n');
    return { text, structured: record };
  },
});

export const getRequestStatus = defineServiceDeskTool({
  name: 'get_request_status',
  title: 'Get request status history',
  toolset: 'requests',
  inDefaultSet: true,
  access: 'read',
  description: 'The status history of a customer request, newest first, with when each status was entered.',
  input: () => z.strictObject({ request_key: requestKey, start, limit: pageSize }),
  action: (args) => `Get status history of ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getStatusHistory(args.request_key, { start: args.start, limit: args.limit, signal });
    const statuses = page.values.map((status) => ({
      status: status.status,
      category: status.statusCategory ?? null,
      since: when(status.statusDate),
    }));
    const info = pageInfo(page, args.start);
    const lines = statuses.map(
      (status) => `- ${status.since ?? '?'}: ${status.status}${status.category ? ` (${status.category})` : ''}`,
    );
    return {
      text: `Status history of ${args.request_key}:\n${lines.join('\n')}${pageLine(info)}`,
      structured: { request_key: args.request_key, statuses, ...info },
    };
  },
});

/** The few facts a listing shows of a request. */
export function summaryOf(request: RawRequest) {
  const summary = request.requestFieldValues?.find((field) => field.fieldId === 'summary')?.value;
  return {
    key: request.issueKey,
    summary: typeof summary === 'string' ? summary : null,
    status: request.currentStatus?.status ?? null,
    reporter: person(request.reporter),
    created: when(request.createdDate),
    service_desk_id: request.serviceDeskId === undefined ? null : String(request.serviceDeskId),
    request_type_id: request.requestTypeId === undefined ? null : String(request.requestTypeId),
  };
}

/** A field value as text: plain values as they are, options by their value or name, lists joined. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(fieldText).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const named = record.value ?? record.name ?? record.displayName ?? record.id;
    return typeof named === 'string' || typeof named === 'number' ? String(named) : JSON.stringify(value);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
