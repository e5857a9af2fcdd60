/**
 * The error answers of Confluence's REST APIs: v2's `{ errors: [...] }` on Cloud, v1's `{ statusCode, message }` on
 * Server/DC (and on Cloud's v1 endpoints), with `data` where the product sends it.
 */
import type { FastifyReply } from 'fastify';

const V1_DATA = { authorized: true, valid: false, errors: [], successful: false };

/** v2's 404. */
export const NOT_FOUND_V2 = { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] };

/** v1's 404 for content. */
export const NO_CONTENT = { statusCode: 404, message: 'No content found' };

/** v1's 404 for a content id, as the content endpoint words it. */
export const NO_CONTENT_WITH_ID = { statusCode: 404, data: V1_DATA, message: 'No content found with id' };

/** 404 for content, in the shape of the flavour's API. */
export const contentNotFound = (reply: FastifyReply, cloud: boolean) =>
  reply.code(404).send(cloud ? NOT_FOUND_V2 : NO_CONTENT);

/** 404 for content in a listing, in the shape of the flavour's API (v1 with `data`). */
export const listingNotFound = (reply: FastifyReply, cloud: boolean) =>
  reply.code(404).send(cloud ? NOT_FOUND_V2 : { statusCode: 404, message: 'No content found', data: V1_DATA });

/** 400 in the shape of the flavour's API. */
export const badRequest = (reply: FastifyReply, cloud: boolean, message: string) =>
  reply
    .code(400)
    .send(
      cloud
        ? { errors: [{ status: 400, code: 'INVALID_REQUEST_PARAMETER', title: message, detail: null }] }
        : { statusCode: 400, message, data: V1_DATA },
    );

/** 400 for a CQL query Confluence cannot parse. */
export const cqlRefused = (reply: FastifyReply, message: string) =>
  reply.code(400).send({ statusCode: 400, message, data: V1_DATA });
