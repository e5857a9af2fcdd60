/** Service Management answers as Atlassian writes them: people per flavour, dates, pages, requests with expansions. */
import type { FastifyReply } from 'fastify';
import type { FixtureSla } from './fixtures.js';
import { personNamed, type SandboxRequest, type ServiceDeskState } from './seed.js';

export function personPayload(state: ServiceDeskState, name: string): Record<string, unknown> {
  const person = personNamed(name);
  const common = { displayName: person.displayName, emailAddress: person.email, active: true, timeZone: 'UTC' };
  return state.flavor === 'cloud'
    ? { accountId: person.accountId, ...common }
    : { name: person.name, key: person.name, ...common };
}

export function datePayload(iso: string): Record<string, unknown> {
  const epochMillis = Date.parse(iso);
  return { iso8601: iso.replace('Z', '+0000'), jira: iso, friendly: iso.slice(0, 16).replace('T', ' '), epochMillis };
}

function duration(minutes: number): Record<string, unknown> {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(minutes);
  return { millis: minutes * 60_000, friendly: `${sign}${Math.floor(total / 60)}h ${total % 60}m` };
}

/** An offset page of `items`, by `start` and `limit` query values. */
export function page<T>(
  items: readonly T[],
  query: { start?: string; limit?: string },
  fallbackLimit = 50,
): Record<string, unknown> {
  const start = Number(query.start ?? 0) || 0;
  const limit = Math.min(Number(query.limit ?? fallbackLimit) || fallbackLimit, 100);
  const values = items.slice(start, start + limit);
  return { size: values.length, start, limit, isLastPage: start + values.length >= items.length, values, _links: {} };
}

export function slaPayload(request: SandboxRequest, sla: FixtureSla): Record<string, unknown> {
  const start = datePayload(request.created);
  const breachAt = new Date(Date.parse(request.created) + sla.goalMinutes * 60_000).toISOString();
  const breached = sla.elapsedMinutes > sla.goalMinutes;
  const cycle = {
    startTime: start,
    breachTime: datePayload(breachAt),
    breached,
    goalDuration: duration(sla.goalMinutes),
    elapsedTime: duration(sla.elapsedMinutes),
    remainingTime: duration(sla.goalMinutes - sla.elapsedMinutes),
  };
  if (request.status === 'Resolved')
    return {
      id: String(sla.id),
      name: sla.name,
      completedCycles: [{ ...cycle, stopTime: datePayload(request.history.at(-1)!.date) }],
    };
  return {
    id: String(sla.id),
    name: sla.name,
    completedCycles: [],
    ongoingCycle: { ...cycle, paused: Boolean(sla.paused), withinCalendarHours: true },
  };
}

export function requestPayload(
  state: ServiceDeskState,
  request: SandboxRequest,
  expand: readonly string[],
  baseUrl: string,
): Record<string, unknown> {
  const desk = state.desks.find((candidate) => candidate.id === request.desk)!;
  const type = desk.requestTypes.find((candidate) => candidate.id === request.type)!;
  const status = {
    status: request.status,
    statusCategory: request.status === 'Resolved' || request.status === 'Declined' ? 'DONE' : 'INDETERMINATE',
    statusDate: datePayload(request.history.at(-1)!.date),
  };
  const fieldValues = Object.entries(request.fields).map(([fieldId, value]) => ({
    fieldId,
    label: type.fields.find((field) => field.fieldId === fieldId)?.name ?? fieldId,
    value: labelled(type.fields, fieldId, value),
  }));
  return {
    issueId: String(request.issueId),
    issueKey: request.key,
    requestTypeId: String(request.type),
    serviceDeskId: String(request.desk),
    createdDate: datePayload(request.created),
    reporter: personPayload(state, request.reporter),
    requestFieldValues: fieldValues,
    currentStatus: status,
    ...(expand.includes('participant')
      ? {
          participants: page(
            request.participants.map((name) => personPayload(state, name)),
            {},
          ),
        }
      : {}),
    ...(expand.includes('sla')
      ? {
          sla: page(
            request.slas.map((sla) => slaPayload(request, sla)),
            {},
          ),
        }
      : {}),
    ...(expand.includes('requestType')
      ? {
          requestType: {
            id: String(type.id),
            name: type.name,
            description: type.description,
            serviceDeskId: String(desk.id),
            groupIds: type.groupIds.map(String),
          },
        }
      : {}),
    ...(expand.includes('serviceDesk')
      ? {
          serviceDesk: {
            id: String(desk.id),
            projectId: String(desk.projectId),
            projectKey: desk.projectKey,
            projectName: desk.projectName,
          },
        }
      : {}),
    ...(expand.includes('status')
      ? {
          status: page(
            [...request.history]
              .reverse()
              .map((entry) => ({ status: entry.status, statusDate: datePayload(entry.date) })),
            {},
          ),
        }
      : {}),
    _links: { web: `${baseUrl}/servicedesk/customer/portal/${desk.id}/${request.key}` },
  };
}

/** Option values shown with their labels, as Atlassian shows them in `requestFieldValues`. */
function labelled(
  fields: ReadonlyArray<{ fieldId: string; validValues?: Array<{ value: string; label: string }> }>,
  fieldId: string,
  value: unknown,
): unknown {
  const choices = fields.find((field) => field.fieldId === fieldId)?.validValues;
  const named = (item: unknown) => {
    const id = (item as { id?: string } | null)?.id;
    const choice = choices?.find((candidate) => candidate.value === id);
    return choice ? { id, value: choice.label, name: choice.label } : item;
  };
  return Array.isArray(value) ? value.map(named) : named(value);
}

/** Atlassian's error body. */
export function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ errorMessage: message, i18nErrorMessage: { i18nKey: 'sd.error', parameters: [] } });
}
