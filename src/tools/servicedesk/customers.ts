/** Service Management `customers` toolset: a desk's customers (list and add) and its organizations. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { pageSize, serviceDeskId, start } from './params.js';
import { pageInfo, pageLine, person } from './render.js';

export const listCustomers = defineServiceDeskTool({
  name: 'list_customers',
  title: 'List service desk customers',
  toolset: 'customers',
  access: 'read',
  description: 'List the customers of a service desk, optionally only those matching a name or email.',
  input: () =>
    z.strictObject({
      service_desk_id: serviceDeskId,
      query: z.string().trim().max(200).optional(),
      start,
      limit: pageSize,
    }),
  action: (args) => `List customers of service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getCustomers(args.service_desk_id, {
      query: args.query,
      start: args.start,
      limit: args.limit,
      signal,
    });
    const customers = page.values.map((customer) => ({ name: person(customer), email: customer.emailAddress ?? null }));
    const info = pageInfo(page, args.start);
    const lines = customers.map((customer) => `- ${customer.name}${customer.email ? ` <${customer.email}>` : ''}`);
    return {
      text: customers.length
        ? `Customers of desk ${args.service_desk_id}:\n${lines.join('\n')}${pageLine(info)}`
        : 'No customers.',
      structured: { customers, ...info },
    };
  },
});

export const addCustomers = defineServiceDeskTool({
  name: 'add_customers',
  title: 'Add service desk customers',
  toolset: 'customers',
  access: 'write',
  idempotent: true,
  description: 'Add existing users as customers of a service desk.',
  input: () =>
    z.strictObject({
      service_desk_id: serviceDeskId,
      people: z
        .array(z.string().trim().min(1).max(128))
        .min(1)
        .max(50)
        .describe('Cloud accountIds, Server/DC usernames'),
    }),
  action: (args) => `Add customers to service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    await serviceDesk.addCustomers(args.service_desk_id, args.people, signal);
    return {
      text: `Added ${args.people.join(', ')} as customers of desk ${args.service_desk_id}.`,
      structured: { service_desk_id: args.service_desk_id, added: args.people },
    };
  },
});

export const listOrganizations = defineServiceDeskTool({
  name: 'list_organizations',
  title: 'List service desk organizations',
  toolset: 'customers',
  access: 'read',
  description: 'List the customer organizations of a service desk.',
  input: () => z.strictObject({ service_desk_id: serviceDeskId, start, limit: pageSize }),
  action: (args) => `List organizations of service desk ${args.service_desk_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.getOrganizations(args.service_desk_id, {
      start: args.start,
      limit: args.limit,
      signal,
    });
    const organizations = page.values.map((organization) => ({ id: String(organization.id), name: organization.name }));
    const info = pageInfo(page, args.start);
    const lines = organizations.map((organization) => `- ${organization.name} (id ${organization.id})`);
    return {
      text: organizations.length ? `${lines.join('\n')}${pageLine(info)}` : 'No organizations.',
      structured: { organizations, ...info },
    };
  },
});
