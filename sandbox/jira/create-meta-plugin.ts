/** Jira createmeta: the issue types of a project, and each type's create fields with required flags and allowed values. */
import { ISSUE_TYPES, PRIORITIES } from '../fixtures/jira-fields.js';
import type { JiraPlugin } from './jira-context.js';
import { projectNotFound } from './jira-errors.js';

const createField = (fieldId: string, name: string, required: boolean, type: string, allowed?: string[]) => ({
  fieldId,
  key: fieldId,
  name,
  required,
  schema: { type, system: fieldId },
  operations: ['set'],
  hasDefaultValue: false,
  ...(allowed ? { allowedValues: allowed.map((value, index) => ({ id: String(index + 1), name: value, value })) } : {}),
});

export const createMetaPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, cloud, data } = jira;

  app.get<{ Params: { key: string } }>(`${api}/issue/createmeta/:key/issuetypes`, async (request, reply) => {
    if (![data.projectKey, `${data.projectKey}LAB`].includes(request.params.key)) return projectNotFound(reply);
    const types = ISSUE_TYPES.map((type) => ({
      ...type,
      self: `${api}/issuetype/${type.id}`,
      description: `A ${type.name.toLowerCase()}`,
      iconUrl: `${api}/icon/${type.id}.png`,
    }));
    return { startAt: 0, maxResults: 100, total: types.length, ...(cloud ? { issueTypes: types } : { values: types }) };
  });

  app.get<{ Params: { key: string; type: string } }>(
    `${api}/issue/createmeta/:key/issuetypes/:type`,
    async (request, reply) => {
      if (request.params.key !== data.projectKey) return projectNotFound(reply);
      if (!ISSUE_TYPES.some((type) => type.id === request.params.type))
        return reply.code(404).send({ errorMessages: ['Issue type not found.'], errors: {} });
      const fields = [
        createField('summary', 'Summary', true, 'string'),
        createField(
          'issuetype',
          'Issue Type',
          true,
          'issuetype',
          ISSUE_TYPES.map((type) => type.name),
        ),
        createField('priority', 'Priority', false, 'priority', PRIORITIES),
        createField('components', 'Component/s', false, 'array', ['Backend', 'Frontend']),
        createField('customfield_10040', 'Environment type', false, 'option', ['Production', 'Staging', 'Development']),
      ];
      return { startAt: 0, maxResults: 200, total: fields.length, ...(cloud ? { fields } : { values: fields }) };
    },
  );
};
