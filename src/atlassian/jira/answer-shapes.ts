/**
 * The parts of Jira's answers that many operations share (people, issues, comments, paged lists), as the zod
 * shapes `shape.ts` checks answers with: only the fields the gateway reads, loose everywhere else.
 */
import { z } from 'zod';
import { anyId, loose, once, optionalList, optionalObject, optionalText } from '../shape.js';
import type { RawUser } from './issue.js';

/** People: the gateway compares names and emails as strings and shows the rest. */
export const userShape = once(() =>
  loose({
    accountId: optionalText,
    name: optionalText,
    key: optionalText,
    displayName: optionalText,
    emailAddress: optionalText,
    active: z.boolean().nullish(),
  }),
);

export const commentShape = once(() =>
  loose({ id: anyId, author: userShape().nullish(), created: optionalText, updated: optionalText }),
);

/** Issue links, as `issuelinks` carries them: keys are split and compared. */
const linkedIssue = once(() =>
  optionalObject({
    key: z.string(),
    fields: optionalObject({ summary: optionalText, status: optionalObject({ name: optionalText }) }),
  }),
);
const issueLinkShape = once(() =>
  loose({
    id: anyId.nullish(),
    type: optionalObject({ name: optionalText, inward: optionalText, outward: optionalText }),
    inwardIssue: linkedIssue(),
    outwardIssue: linkedIssue(),
  }),
);

/** An issue: `fields` is open (custom fields), but the lists the gateway walks must be lists. */
export const issueShape = once(() =>
  loose({
    id: z.string(),
    key: z.string(),
    fields: optionalObject({
      comment: optionalObject({ comments: optionalList(commentShape()), total: z.number().nullish() }),
      attachment: optionalList(loose({ id: anyId, filename: z.string(), content: optionalText })),
      issuelinks: optionalList(issueLinkShape()),
    }),
  }),
);

/** A change group of an issue's changelog (`toString` is left unchecked: a schema key of that name reads Object.prototype's). */
export const historyShape = once(() =>
  loose({
    id: anyId,
    author: userShape().nullish(),
    created: optionalText,
    items: optionalList(loose({ field: optionalText, fromString: optionalText })),
  }),
);

/** `values` pages of the platform and agile APIs (`startAt`, `isLast`, sometimes `total`). */
export function valuesPage<S extends z.ZodType>(item: S) {
  return loose({
    values: z.array(item),
    startAt: z.number().nullish(),
    total: z.number().nullish(),
    isLast: z.boolean().nullish(),
  });
}

/** Projects, as listings and `project/search` pages carry them. */
export interface RawProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  archived?: boolean;
  lead?: RawUser;
}

/** Fields, custom ones included: looked up by name and by schema. */
export interface RawField {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; items?: string; custom?: string };
}

/** A transition with the fields its screen asks for (`expand=transitions.fields`). */
export interface RawTransition {
  id: string;
  name: string;
  to?: { name?: string; statusCategory?: { name?: string } };
  fields?: Record<
    string,
    {
      required?: boolean;
      name?: string;
      schema?: { type?: string };
      allowedValues?: Array<{ id?: string; name?: string; value?: string }>;
    }
  >;
}

export const projectShape = once(() =>
  loose({
    id: anyId,
    key: z.string(),
    name: z.string(),
    projectTypeKey: optionalText,
    archived: z.boolean().nullish(),
    lead: userShape().nullish(),
  }),
);
export const fieldShape = once(() =>
  loose({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().nullish(),
    schema: optionalObject({ type: optionalText, items: optionalText, custom: optionalText }),
  }),
);
const allowedValuesShape = once(() =>
  optionalList(loose({ id: anyId.nullish(), name: optionalText, value: optionalText })),
);
export const transitionShape = once(() =>
  loose({
    id: anyId,
    name: z.string(),
    to: optionalObject({ name: optionalText, statusCategory: optionalObject({ name: optionalText }) }),
    fields: z
      .record(
        z.string(),
        loose({
          required: z.boolean().nullish(),
          name: optionalText,
          schema: optionalObject({ type: optionalText }),
          allowedValues: allowedValuesShape(),
        }),
      )
      .nullish(),
  }),
);
