/**
 * got hooks for credentials that can change (OAuth): the header is set per request, and a 401 earns exactly one
 * retry after the credentials renewed themselves (or found that a concurrent call already had).
 */
import type { Hooks } from 'got';
import type { Credentials } from './credentials/credentials.js';

export function credentialHooks(credentials: Credentials): Partial<Hooks> {
  return {
    beforeRequest: [
      async (options) => {
        const header = await credentials.authorization();
        if (header) options.headers.authorization = header;
      },
    ],
    afterResponse: [
      async (response, retryWithMergedOptions) => {
        const options = response.request.options;
        if (response.statusCode !== 401 || !credentials.renew || options.context.renewed) return response;
        const rejected = options.headers.authorization as string | undefined;
        if (!(await credentials.renew(rejected))) return response;
        const header = await credentials.authorization();
        return retryWithMergedOptions({ context: { renewed: true }, headers: header ? { authorization: header } : {} });
      },
    ],
  };
}
