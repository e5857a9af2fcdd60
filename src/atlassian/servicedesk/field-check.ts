/**
 * A request's field values checked against its request type's fields before anything is sent: fields named by id
 * or by name, every required field present (or defaulted), choices among the allowed values, numbers and dates in
 * their form. Everything wrong is reported at once, then the values are written the way the REST API takes them.
 */
import { ToolInputError } from '../input-error.js';
import type { RawFieldValue, RawRequestTypeField } from './answer-shapes.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `requestFieldValues` for `createCustomerRequest`, or a `ToolInputError` listing every missing and invalid field. */
export function checkFieldValues(
  fields: readonly RawRequestTypeField[],
  values: Readonly<Record<string, unknown>>,
  requestType: string,
): Record<string, unknown> {
  const problems: string[] = [];
  const written: Record<string, unknown> = {};
  for (const [given, value] of Object.entries(values)) {
    const field =
      fields.find((candidate) => candidate.fieldId === given) ??
      fields.find((candidate) => candidate.name.toLowerCase() === given.toLowerCase());
    if (!field) {
      problems.push(`"${given}" is not a field of this request type`);
      continue;
    }
    const converted = convert(field, value);
    if ('problem' in converted) problems.push(`${label(field)}: ${converted.problem}`);
    else written[field.fieldId] = converted.value;
  }
  const missing = fields.filter(
    (field) => field.required && written[field.fieldId] === undefined && !field.defaultValues?.length,
  );
  if (missing.length > 0 || problems.length > 0) {
    const parts = [
      ...(missing.length ? [`missing required ${missing.map((field) => describeField(field)).join(', ')}`] : []),
      ...(problems.length ? [`invalid: ${problems.join('; ')}`] : []),
    ];
    throw new ToolInputError(`request type "${requestType}": ${parts.join('. ')}. Nothing was sent.`);
  }
  return written;
}

/** A field as the error lists it: name, id, type and the allowed values. */
export function describeField(field: RawRequestTypeField): string {
  const choices = field.validValues?.length ? `: one of ${field.validValues.map(choiceLabel).join(', ')}` : '';
  return `${label(field)} (${field.jiraSchema?.type ?? 'text'}${choices})`;
}

function label(field: RawRequestTypeField): string {
  return field.name === field.fieldId ? field.fieldId : `${field.name} [${field.fieldId}]`;
}

function choiceLabel(choice: RawFieldValue): string {
  return choice.label && choice.label !== choice.value ? `${choice.label} (${choice.value})` : choice.value;
}

type Converted = { value: unknown } | { problem: string };

function convert(field: RawRequestTypeField, value: unknown): Converted {
  if (value === null || value === undefined || value === '') return { problem: 'empty value' };
  const type = field.jiraSchema?.type ?? 'string';
  if (field.validValues?.length) {
    const many = type === 'array';
    const items = many
      ? (Array.isArray(value) ? value : text(value).split(',')).map((item) => text(item).trim())
      : [text(value).trim()];
    const chosen = items.map((item) =>
      field.validValues!.find((choice) => choice.value === item || choice.label?.toLowerCase() === item.toLowerCase()),
    );
    const wrong = items.filter((_, index) => !chosen[index]);
    if (wrong.length)
      return {
        problem: `${wrong.map((item) => `"${item}"`).join(', ')} not allowed; one of ${field.validValues.map(choiceLabel).join(', ')}`,
      };
    const ids = chosen.map((choice) => ({ id: choice!.value }));
    return { value: many ? ids : ids[0] };
  }
  switch (type) {
    case 'number': {
      const number = typeof value === 'number' ? value : Number(text(value).trim());
      return Number.isFinite(number) && text(value).trim() !== ''
        ? { value: number }
        : { problem: `"${text(value)}" is not a number` };
    }
    case 'date':
      return ISO_DATE.test(text(value))
        ? { value: text(value) }
        : { problem: `"${text(value)}" is not a date (YYYY-MM-DD)` };
    case 'datetime':
      return ISO_DATE_TIME.test(text(value))
        ? { value: text(value) }
        : { problem: `"${text(value)}" is not a date and time (ISO 8601)` };
    case 'array':
      return {
        value: Array.isArray(value)
          ? value.map(text)
          : text(value)
              .split(',')
              .map((item) => item.trim())
              .filter(Boolean),
      };
    default:
      return typeof value === 'string'
        ? { value }
        : { problem: `expected text, got ${Array.isArray(value) ? 'a list' : typeof value}` };
  }
}

/** A value as text: strings as they are, numbers and booleans printed, options by their id or value, the rest as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object') {
    const { id, value: named } = value as { id?: unknown; value?: unknown };
    if (typeof id === 'string' || typeof named === 'string') return (typeof id === 'string' ? id : named) as string;
  }
  return JSON.stringify(value) ?? '';
}
