/** Service Management `discovery` toolset: service desks, their request types (with groups) and each type's fields. */
import { z } from 'zod';
import type { RawRequestTypeField } from '../../atlassian/servicedesk/answer-shapes.js';
import { defineServiceDeskTool } from '../define.js';
import { pageSize, requestTypeId, serviceDeskId, start } from './params.js';
import { pageInfo, pageLine } from './render.js';

export const listServiceDesks = defineServiceDeskTool({
  name: 'list_service_desks',
  title: 'List service desks',
  toolset: 'discovery',
  inDefaultSet: true,
  access: 'read',
  description: 'List the service desks the account can see, each with its id and project key.',
  input: () => z.strictObject({ start, limit: pageSize }),
  action: () => 'List service desks',
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.listServiceDesks({ start: args.start, limit: args.limit, signal });
    const desks = page.values.map((desk) => ({
      id: String(desk.id),
      project_key: desk.projectKey ?? null,
      project_name: desk.projectName ?? null,
    }));
    const info = pageInfo(page, args.start);
    const lines = desks.map(
      (desk) => `- ${desk.project_name ?? '?'} (project ${desk.project_key ?? '?'}, desk id ${desk.id})`,
    );
    return {
      text: desks.length
        ? `Service desks:\n${lines.join('\n')}${pageLine(info)}`
        : 'No service desks are visible to this account.',
      structured: { service_desks: desks, ...info },
    };
  },
});

export const getServiceDesk = defineServiceDeskTool({
  name: 'get_service_desk',
  title: 'Get a service desk',
  toolset: 'discovery',
  access: 'read',
  description: 'Get one service desk by id: its project key and name.',
  input: () => z.strictObject({ service_desk_id: serviceDeskId }),
  action: (args) => `Get service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const desk = await serviceDesk.getServiceDesk(args.service_desk_id, signal);
    const record = {
      id: String(desk.id),
      project_key: desk.projectKey ?? null,
      project_name: desk.projectName ?? null,
      project_id: desk.projectId === undefined ? null : String(desk.projectId),
    };
    return {
      text: `Service desk ${record.id}: ${record.project_name ?? '?'} (project ${record.project_key ?? '?'})`,
      structured: record,
    };
  },
});

export const listRequestTypes = defineServiceDeskTool({
  name: 'list_request_types',
  title: 'List request types',
  toolset: 'discovery',
  inDefaultSet: true,
  access: 'read',
  description: 'List the request types of a service desk, with the groups the portal shows them under.',
  input: () =>
    z.strictObject({
      service_desk_id: serviceDeskId,
      search: z.string().trim().max(200).optional().describe('Only types whose name matches'),
      start,
      limit: pageSize,
    }),
  action: (args) => `List request types of service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const { page, groups } = await serviceDesk.listRequestTypes(args.service_desk_id, {
      start: args.start,
      limit: args.limit,
      search: args.search,
      signal,
    });
    const groupNames = new Map(groups.map((group) => [String(group.id), group.name]));
    const types = page.values.map((type) => ({
      id: String(type.id),
      name: type.name,
      description: type.description ?? null,
      groups: (type.groupIds ?? []).map((id) => groupNames.get(String(id)) ?? String(id)),
    }));
    const info = pageInfo(page, args.start);
    const lines = types.map(
      (type) =>
        `- ${type.name} (id ${type.id})${type.groups.length ? ` [${type.groups.join(', ')}]` : ''}${type.description ? `: ${type.description}` : ''}`,
    );
    return {
      text: types.length
        ? `Request types of desk ${args.service_desk_id}:\n${lines.join('\n')}${pageLine(info)}`
        : 'No request types.',
      structured: { request_types: types, ...info },
    };
  },
});

export const getRequestType = defineServiceDeskTool({
  name: 'get_request_type',
  title: 'Get a request type',
  toolset: 'discovery',
  access: 'read',
  description: 'Get one request type of a service desk: name, description and help text.',
  input: () => z.strictObject({ service_desk_id: serviceDeskId, request_type_id: requestTypeId }),
  action: (args) => `Get request type ${args.request_type_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const type = await serviceDesk.getRequestType(args.service_desk_id, args.request_type_id, signal);
    const record = {
      id: String(type.id),
      name: type.name,
      description: type.description ?? null,
      help_text: type.helpText ?? null,
    };
    return {
      text: [`${record.name} (id ${record.id})`, record.description, record.help_text].filter(Boolean).join('\n'),
      structured: record,
    };
  },
});

export const getRequestTypeFields = defineServiceDeskTool({
  name: 'get_request_type_fields',
  title: 'Get request type fields',
  toolset: 'discovery',
  inDefaultSet: true,
  access: 'read',
  description:
    'List the fields a request type asks for: required or optional, type, allowed values and defaults. Use before create_request.',
  input: () => z.strictObject({ service_desk_id: serviceDeskId, request_type_id: requestTypeId }),
  action: (args) => `Get fields of request type ${args.request_type_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const { fields, canRaiseOnBehalfOf } = await serviceDesk.getRequestTypeFields(
      args.service_desk_id,
      args.request_type_id,
      signal,
    );
    const records = fields.map(fieldRecord);
    const lines = records.map(
      (field) =>
        `- ${field.name} (\`${field.id}\`, ${field.type}, ${field.required ? 'required' : 'optional'})` +
        `${field.allowed_values.length ? `: one of ${field.allowed_values.map((value) => value.label).join(', ')}` : ''}` +
        `${field.default_values.length ? `; default ${field.default_values.join(', ')}` : ''}`,
    );
    const onBehalf = canRaiseOnBehalfOf ? '\nThis account may raise requests on behalf of customers.' : '';
    return {
      text: `Fields of request type ${args.request_type_id}:\n${lines.join('\n')}${onBehalf}`,
      structured: { fields: records, can_raise_on_behalf_of: canRaiseOnBehalfOf },
    };
  },
});

function fieldRecord(field: RawRequestTypeField) {
  return {
    id: field.fieldId,
    name: field.name,
    required: field.required,
    type: field.jiraSchema?.type ?? 'string',
    allowed_values: (field.validValues ?? []).map((value) => ({
      value: value.value,
      label: value.label ?? value.value,
    })),
    default_values: (field.defaultValues ?? []).map((value) => value.label ?? value.value),
  };
}
