/**
 * Sandbox Service Management, request side: listing and creating requests (fields checked as Atlassian checks
 * them), one request with its expansions, comments public and internal, status history, transitions, approvals,
 * participants and notification subscriptions. The account behind the site's credentials is `agent`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APPROVAL_OUTCOME, WORKFLOW } from './fixtures.js';
import { datePayload, fail, page, personPayload, requestPayload } from './payloads.js';
import { personById, type SandboxRequest, type ServiceDeskState } from './seed.js';

type Query = Record<string, string | undefined>;
type KeyRequest = FastifyRequest<{ Params: { key: string }; Querystring: Query }>;
type People = { accountIds?: string[]; usernames?: string[] };

const ME = 'agent';

export function registerRequestRoutes(app: FastifyInstance, state: ServiceDeskState, baseUrl: () => string): void {
  const find = (request: KeyRequest, reply: FastifyReply): SandboxRequest | undefined => {
    const key = request.params.key.toUpperCase();
    const found = state.requests.find((candidate) => candidate.key === key || String(candidate.issueId) === key);
    if (!found)
      void fail(reply, 404, `Request ${request.params.key} does not exist or you do not have permission to see it.`);
    return found;
  };
  const moveTo = (item: SandboxRequest, status: string) => {
    item.status = status;
    item.history.push({ status, date: new Date().toISOString() });
  };
  const peopleIn = (body: People | undefined, reply: FastifyReply): string[] | undefined => {
    const ids = (state.flavor === 'cloud' ? body?.accountIds : body?.usernames) ?? [];
    const people = ids.map((id) => personById(state, id));
    if (ids.length === 0 || people.some((person) => !person)) {
      void fail(
        reply,
        400,
        `Unknown ${state.flavor === 'cloud' ? 'accountIds' : 'usernames'}: ${ids.filter((_, index) => !people[index]).join(', ') || '(none given)'}`,
      );
      return undefined;
    }
    return people.map((person) => person!.name);
  };

  app.get<{ Querystring: Query }>('/request', async (request) => {
    const {
      requestOwnership = 'ALL_REQUESTS',
      requestStatus = 'ALL_REQUESTS',
      serviceDeskId,
      requestTypeId,
      searchTerm,
    } = request.query;
    const done = (item: SandboxRequest) => item.status === 'Resolved' || item.status === 'Declined';
    const found = state.requests
      .filter((item) => requestOwnership !== 'OWNED_REQUESTS' || item.reporter === ME)
      .filter((item) => requestOwnership !== 'PARTICIPATED_REQUESTS' || item.participants.includes(ME))
      .filter(
        (item) =>
          requestOwnership !== 'APPROVER' ||
          item.approvals.some((approval) => approval.approvers.some((entry) => entry.who === ME)),
      )
      .filter((item) => requestStatus === 'ALL_REQUESTS' || (requestStatus === 'CLOSED_REQUESTS') === done(item))
      .filter((item) => !serviceDeskId || String(item.desk) === serviceDeskId)
      .filter((item) => !requestTypeId || String(item.type) === requestTypeId)
      .filter((item) => !searchTerm || JSON.stringify(item.fields).toLowerCase().includes(searchTerm.toLowerCase()))
      .sort((a, b) => b.created.localeCompare(a.created));
    return page(
      found.map((item) => requestPayload(state, item, [], baseUrl())),
      request.query,
    );
  });

  app.post<{
    Body: {
      serviceDeskId?: string;
      requestTypeId?: string;
      requestFieldValues?: Record<string, unknown>;
      raiseOnBehalfOf?: string;
      requestParticipants?: string[];
    };
  }>('/request', async (request, reply) => {
    const body = request.body ?? {};
    const desk = state.desks.find((candidate) => String(candidate.id) === String(body.serviceDeskId));
    const type = desk?.requestTypes.find((candidate) => String(candidate.id) === String(body.requestTypeId));
    if (!desk || !type) return fail(reply, 400, 'The service desk or request type does not exist.');
    const values = body.requestFieldValues ?? {};
    const missing = type.fields.filter(
      (field) => field.required && values[field.fieldId] === undefined && !field.defaultValues?.length,
    );
    if (missing.length)
      return fail(reply, 400, `Required fields are missing: ${missing.map((field) => field.name).join(', ')}`);
    const unknown = Object.keys(values).filter((id) => !type.fields.some((field) => field.fieldId === id));
    if (unknown.length) return fail(reply, 400, `Fields not on this request type: ${unknown.join(', ')}`);
    const reporter = body.raiseOnBehalfOf === undefined ? ME : personById(state, body.raiseOnBehalfOf)?.name;
    if (!reporter) return fail(reply, 400, `Unknown customer: ${body.raiseOnBehalfOf}`);
    const participants = (body.requestParticipants ?? []).map((id) => personById(state, id)?.name);
    if (participants.some((name) => !name)) return fail(reply, 400, 'Unknown request participants.');
    const number = state.requests.filter((item) => item.desk === desk.id).length + 1;
    const created = new Date().toISOString();
    const item: SandboxRequest = {
      key: `${desk.projectKey}-${number}`,
      issueId: state.nextIssueId++,
      desk: desk.id,
      type: type.id,
      fields: { ...values },
      reporter,
      status: type.fields.some((field) => field.fieldId === 'customfield_10050')
        ? 'Waiting for approval'
        : 'Waiting for support',
      created,
      history: [],
      participants: participants as string[],
      slas: [{ id: 1, name: 'Time to first response', goalMinutes: 240, elapsedMinutes: 0 }],
      comments: [],
      approvals: [],
      subscribed: true,
    };
    item.history.push({ status: item.status, date: created });
    if (item.status === 'Waiting for approval')
      item.approvals.push({
        id: 100 + item.issueId,
        name: 'Change approval',
        approvers: [{ who: ME, decision: 'pending' }],
        created,
      });
    state.requests.push(item);
    return reply.code(201).send(requestPayload(state, item, [], baseUrl()));
  });

  app.get('/request/:key', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    return item ? requestPayload(state, item, (request.query.expand ?? '').split(','), baseUrl()) : reply;
  });

  app.get('/request/:key/comment', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    if (!item) return reply;
    const showPublic = request.query.public !== 'false';
    const showInternal = request.query.internal !== 'false';
    const comments = item.comments.filter((comment) => (comment.public ? showPublic : showInternal));
    return page(
      comments.map((comment) => ({
        id: String(comment.id),
        body: comment.body,
        public: comment.public,
        author: personPayload(state, comment.author),
        created: datePayload(comment.created),
      })),
      request.query,
    );
  });
  app.post<{ Params: { key: string }; Querystring: Query; Body: { body?: string; public?: boolean } }>(
    '/request/:key/comment',
    async (request, reply) => {
      const item = find(request, reply);
      if (!item) return reply;
      if (typeof request.body?.body !== 'string' || typeof request.body.public !== 'boolean')
        return fail(reply, 400, 'body and public are required.');
      const comment = {
        id: state.nextCommentId++,
        author: ME,
        body: request.body.body,
        public: request.body.public,
        created: new Date().toISOString(),
      };
      item.comments.push(comment);
      return reply.code(201).send({
        id: String(comment.id),
        body: comment.body,
        public: comment.public,
        author: personPayload(state, ME),
        created: datePayload(comment.created),
      });
    },
  );

  app.get('/request/:key/status', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    if (!item) return reply;
    const done = (status: string) => status === 'Resolved' || status === 'Declined';
    return page(
      [...item.history].reverse().map((entry) => ({
        status: entry.status,
        statusCategory: done(entry.status) ? 'DONE' : 'INDETERMINATE',
        statusDate: datePayload(entry.date),
      })),
      request.query,
    );
  });

  app.get('/request/:key/transition', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    return item
      ? page(
          (WORKFLOW[item.status] ?? []).map((transition) => ({ id: String(transition.id), name: transition.name })),
          request.query,
        )
      : reply;
  });
  app.post<{
    Params: { key: string };
    Querystring: Query;
    Body: { id?: string; additionalComment?: { body?: string } };
  }>('/request/:key/transition', async (request, reply) => {
    const item = find(request, reply);
    if (!item) return reply;
    const transition = (WORKFLOW[item.status] ?? []).find(
      (candidate) => String(candidate.id) === String(request.body?.id),
    );
    if (!transition) return fail(reply, 400, `Transition ${request.body?.id} is not valid from ${item.status}.`);
    moveTo(item, transition.to);
    const comment = request.body?.additionalComment?.body;
    if (comment)
      item.comments.push({
        id: state.nextCommentId++,
        author: ME,
        body: comment,
        public: true,
        created: new Date().toISOString(),
      });
    return reply.code(204).send();
  });

  const approvalPayload = (approval: SandboxRequest['approvals'][number]) => ({
    id: String(approval.id),
    name: approval.name,
    ...(approval.finalDecision ? { finalDecision: approval.finalDecision } : { finalDecision: 'pending' }),
    canAnswerApproval:
      !approval.finalDecision && approval.approvers.some((entry) => entry.who === ME && entry.decision === 'pending'),
    approvers: approval.approvers.map((entry) => ({
      approver: personPayload(state, entry.who),
      approverDecision: entry.decision,
    })),
    createdDate: datePayload(approval.created),
    ...(approval.completed ? { completedDate: datePayload(approval.completed) } : {}),
  });
  app.get('/request/:key/approval', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    return item ? page(item.approvals.map(approvalPayload), request.query) : reply;
  });
  app.post<{ Params: { key: string; approvalId: string }; Querystring: Query; Body: { decision?: string } }>(
    '/request/:key/approval/:approvalId',
    async (request, reply) => {
      const item = find(request, reply);
      if (!item) return reply;
      const approval = item.approvals.find((candidate) => String(candidate.id) === request.params.approvalId);
      if (!approval) return fail(reply, 404, `Approval ${request.params.approvalId} does not exist.`);
      const decision = request.body?.decision;
      if (decision !== 'approve' && decision !== 'decline')
        return fail(reply, 400, 'decision must be approve or decline.');
      const mine = approval.approvers.find((entry) => entry.who === ME);
      if (approval.finalDecision || !mine || mine.decision !== 'pending')
        return fail(reply, 403, 'You cannot answer this approval.');
      mine.decision = decision === 'approve' ? 'approved' : 'declined';
      approval.finalDecision = mine.decision;
      approval.completed = new Date().toISOString();
      moveTo(item, APPROVAL_OUTCOME[decision]);
      return approvalPayload(approval);
    },
  );

  app.get('/request/:key/participant', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    return item
      ? page(
          item.participants.map((name) => personPayload(state, name)),
          request.query,
        )
      : reply;
  });
  const changeParticipants =
    (add: boolean) =>
    async (
      request: FastifyRequest<{ Params: { key: string }; Querystring: Query; Body: People }>,
      reply: FastifyReply,
    ) => {
      const item = find(request, reply);
      if (!item) return reply;
      const names = peopleIn(request.body, reply);
      if (!names) return reply;
      item.participants = add
        ? [...new Set([...item.participants, ...names])]
        : item.participants.filter((name) => !names.includes(name));
      return page(
        item.participants.map((name) => personPayload(state, name)),
        {},
      );
    };
  app.post('/request/:key/participant', changeParticipants(true));
  app.delete('/request/:key/participant', changeParticipants(false));

  app.get('/request/:key/notification', async (request: KeyRequest, reply) => {
    const item = find(request, reply);
    return item ? { subscribed: item.subscribed } : reply;
  });
  for (const [method, subscribed] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/request/:key/notification',
      handler: async (request: KeyRequest, reply) => {
        const item = find(request, reply);
        if (!item) return reply;
        item.subscribed = subscribed;
        return reply.code(204).send();
      },
    });
  }
}
