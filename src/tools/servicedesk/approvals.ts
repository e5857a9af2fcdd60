/** Service Management `approvals` toolset: a request's approvals, pending and decided, and answering one. */
import { z } from 'zod';
import type { RawApproval } from '../../atlassian/servicedesk/answer-shapes.js';
import { defineServiceDeskTool } from '../define.js';
import { numericId } from '../params.js';
import { pageSize, requestKey, start } from './params.js';
import { pageInfo, pageLine, person, when } from './render.js';

export const getApprovals = defineServiceDeskTool({
  name: 'get_approvals',
  title: 'Get request approvals',
  toolset: 'approvals',
  access: 'read',
  description:
    "List the approvals of a request, pending and decided, with each approver's decision and whether this account can answer.",
  input: () => z.strictObject({ request_key: requestKey, start, limit: pageSize }),
  action: (args) => `Get approvals of ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getApprovals(args.request_key, { start: args.start, limit: args.limit, signal });
    const approvals = page.values.map(approvalRecord);
    const info = pageInfo(page, args.start);
    const lines = approvals.map(
      (approval) =>
        `- ${approval.name ?? 'Approval'} (id ${approval.id}): ${approval.decision}${approval.can_answer ? ', you can answer' : ''}` +
        ` — approvers: ${approval.approvers.map((approver) => `${approver.who} ${approver.decision}`).join(', ') || 'none'}`,
    );
    return {
      text: approvals.length ? `${lines.join('\n')}${pageLine(info)}` : `${args.request_key} has no approvals.`,
      structured: { request_key: args.request_key, approvals, ...info },
    };
  },
});

export const approveRequest = defineServiceDeskTool({
  name: 'approve_request',
  title: 'Approve or decline a request',
  toolset: 'approvals',
  access: 'destructive',
  description:
    'Answer a pending approval of a request (see get_approvals): approve or decline. The decision cannot be taken back.',
  input: () =>
    z.strictObject({
      request_key: requestKey,
      approval_id: numericId('Approval id, from get_approvals'),
      decision: z.enum(['approve', 'decline']),
    }),
  action: (args) =>
    `${args.decision === 'approve' ? 'Approve' : 'Decline'} approval ${args.approval_id} of ${args.request_key}`,
  run: async ({ serviceDesk, signal }, args) => {
    const approval = approvalRecord(
      await serviceDesk.answerApproval(args.request_key, args.approval_id, args.decision, signal),
    );
    return {
      text: `${args.decision === 'approve' ? 'Approved' : 'Declined'} ${approval.name ?? 'the approval'} of ${args.request_key}; it is now ${approval.decision}.`,
      structured: { request_key: args.request_key, ...approval },
    };
  },
});

function approvalRecord(approval: RawApproval) {
  return {
    id: String(approval.id),
    name: approval.name ?? null,
    decision: approval.finalDecision ?? 'pending',
    can_answer: Boolean(approval.canAnswerApproval),
    created: when(approval.createdDate),
    completed: when(approval.completedDate),
    approvers: (approval.approvers ?? []).map((entry) => ({
      who: person(entry.approver),
      decision: entry.approverDecision ?? 'pending',
    })),
  };
}
