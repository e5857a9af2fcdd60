/** Arguments the Service Management tools share: desk, request type and request ids, and offset paging. */
import { z } from 'zod';
import { withRole } from '../argument-roles.js';
import { issueKey, limit, numericId } from '../params.js';

export const serviceDeskId = withRole('servicedesk', numericId('Service desk id, from list_service_desks'));
export const requestTypeId = numericId('Request type id, from list_request_types');
export const requestKey = issueKey.describe('Request key, e.g. HELP-12');
export const start = z.coerce
  .number()
  .int()
  .min(0)
  .default(0)
  .describe('Offset of the first result (the previous answer says the next one)');
export const pageSize = limit(10, 50);
