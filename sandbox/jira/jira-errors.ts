/** The error answers Jira's REST API gives, in its `{ errorMessages, errors }` shape. */
import type { FastifyReply } from 'fastify';

/** 404 for an issue that does not exist (or that the caller may not see: Jira does not tell them apart). */
export const issueNotFound = (reply: FastifyReply) =>
  reply
    .code(404)
    .send({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });

/** 400 with per-field messages. */
export const invalidFields = (reply: FastifyReply, errors: Record<string, string>) =>
  reply.code(400).send({ errorMessages: [], errors });

/** 404 for a project key that does not exist. */
export const projectNotFound = (reply: FastifyReply) =>
  reply.code(404).send({ errorMessages: ['No project could be found with key.'], errors: {} });
