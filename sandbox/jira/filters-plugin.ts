/**
 * Jira saved filters: the board's filter and one shared filter, each with its name and JQL; the shared one is the
 * signed-in user's favourite (`/filter/favourite`, the same path on Cloud v3 and Server/DC v2).
 */
import { FILTER_ID } from './agile.js';
import type { JiraPlugin } from './jira-context.js';

/** The id of the site's shared "customer issues" filter. */
export const CUSTOMER_FILTER_ID = '10101';

export const filtersPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data } = jira;
  const filters = [
    { id: FILTER_ID, name: `${data.projectKey} board`, jql: `project = ${data.projectKey} ORDER BY Rank ASC` },
    {
      id: CUSTOMER_FILTER_ID,
      name: 'Customer issues',
      description: 'Everything customers reported',
      jql: `project = ${data.projectKey} AND labels = customer ORDER BY key DESC`,
      favourite: true,
    },
  ];
  const payload = (filter: (typeof filters)[number]) => ({
    ...filter,
    favourite: filter.favourite === true,
    self: `${jira.site.baseUrl()}${api}/filter/${filter.id}`,
    viewUrl: `${jira.site.baseUrl()}/issues/?filter=${filter.id}`,
    searchUrl: `${jira.site.baseUrl()}${api}/search?jql=${encodeURIComponent(filter.jql)}`,
    sharePermissions: [],
  });
  app.get(`${api}/filter/favourite`, async () => filters.filter((filter) => filter.favourite).map(payload));
  app.get<{ Params: { id: string } }>(`${api}/filter/:id`, async (request, reply) => {
    const filter = filters.find((candidate) => candidate.id === request.params.id);
    if (!filter)
      return reply.code(404).send({
        errorMessages: [
          'The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.',
        ],
        errors: {},
      });
    return payload(filter);
  });
};
