/** What callers hand the Service Management client: paging, request listings and new requests, and its options. */
import type { ServiceDeskAssets } from './assets.js';

export interface PageRequest {
  start?: number;
  limit?: number;
  signal?: AbortSignal;
}

export interface RequestListing extends PageRequest {
  /** OWNED_REQUESTS (mine), PARTICIPATED_REQUESTS, ORGANIZATION, ALL_ORGANIZATIONS, APPROVER, ALL_REQUESTS. */
  ownership?: string;
  /** OPEN_REQUESTS, CLOSED_REQUESTS or ALL_REQUESTS. */
  status?: string;
  serviceDeskId?: string;
  requestTypeId?: string;
  search?: string;
}

export interface NewRequest {
  serviceDeskId: string;
  requestTypeId: string;
  /** Field values by field id or name; checked against the request type's fields before sending. */
  values: Readonly<Record<string, unknown>>;
  /** A customer to raise it for: an accountId on Cloud, a username on Server/DC. */
  onBehalfOf?: string;
  participants?: readonly string[];
  signal?: AbortSignal;
}

export interface ServiceDeskOptions {
  /** Every comment the gateway adds is internal (`servicedesk_internal_comments_only`). */
  internalCommentsOnly?: boolean;
  /** The site's Assets (CMDB), read-only. */
  assets?: ServiceDeskAssets;
}
