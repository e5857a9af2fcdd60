/** Jira's field list: the system fields and the custom fields (story points, epic link, sprint, team) the sandbox models. */
import { CUSTOM_FIELDS, SYSTEM_FIELDS } from '../fixtures/jira-fields.js';
import type { JiraPlugin } from './jira-context.js';

export const fieldsPlugin: JiraPlugin = async (app, { jira }) => {
  app.get(`${jira.api}/field`, async () => [
    ...SYSTEM_FIELDS.map(([id, name, type]) => ({
      id,
      key: id,
      name,
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [id],
      schema: { type, system: id },
    })),
    ...CUSTOM_FIELDS.map(([id, name, type, custom]) => ({
      id,
      key: id,
      name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${id.split('_')[1]}]`, name],
      schema: { type, custom, customId: Number(id.split('_')[1]) },
    })),
  ]);
};
