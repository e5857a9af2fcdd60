/** Jira saved filters: the board's filter and one shared filter, each with its name and JQL. */
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
    },
  ];
  app.get<{ Params: { id: string } }>(`${api}/filter/:id`, async (request, reply) => {
    const filter = filters.find((candidate) => candidate.id === request.params.id);
    if (!filter)
      return reply.code(404).send({
        errorMessages: [
          'The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.',
        ],
        errors: {},
      });
    return {
      ...filter,
      self: `${jira.site.baseUrl()}${api}/filter/${filter.id}`,
      viewUrl: `${jira.site.baseUrl()}/issues/?filter=${filter.id}`,
    };
  });
};
