/** Jira `forms` toolset (Cloud): the forms attached to an issue, their questions and answers, and filling them in. */
import { z } from 'zod';
import type { JiraClient } from '../../atlassian/jira/client.js';
import type { JiraForms, RawForm, RawFormAnswer } from '../../atlassian/jira/forms.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, opaqueId } from '../params.js';

const STATUS: Record<string, string> = { o: 'open', s: 'submitted', l: 'locked' };
const QUESTION_TYPES: Record<string, string> = {
  ts: 'short text',
  tl: 'long text',
  pg: 'paragraph',
  no: 'number',
  da: 'date',
  dt: 'date and time',
  ti: 'time',
  cd: 'dropdown',
  cs: 'single choice',
  cm: 'multiple choice',
  cl: 'checkbox',
  us: 'user',
  um: 'users',
  at: 'attachment',
  te: 'email',
  tu: 'URL',
};
const formId = opaqueId('Form id (see get_issue_forms)');
const question = z.object({
  id: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
  choices: z.array(z.string()),
  answer: z.string().nullable(),
});

export const getIssueForms = defineJiraTool({
  name: 'get_issue_forms',
  title: 'List Jira issue forms',
  toolset: 'forms',
  access: 'read',
  platforms: ['cloud'],
  description: 'List the forms attached to an issue, with whether each is open, submitted or locked.',
  input: () => z.strictObject({ issue_key: issueKey }),
  output: () =>
    z.object({
      issue_key: z.string(),
      forms: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          submitted: z.boolean(),
          locked: z.boolean(),
          updated: z.string().nullable(),
        }),
      ),
    }),
  action: (args) => `List forms of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const forms = (await formsOf(jira).list(key, signal)).map((form) => ({
      id: form.id,
      name: form.name ?? 'Untitled form',
      submitted: Boolean(form.submitted),
      locked: Boolean(form.lock),
      updated: form.updated ?? null,
    }));
    const lines = forms.map(
      (form) => `- **${form.name}** (id ${form.id}, ${form.locked ? 'locked' : form.submitted ? 'submitted' : 'open'})`,
    );
    return { text: forms.length ? lines.join('\n') : `${key} has no forms.`, structured: { issue_key: key, forms } };
  },
});

export const getFormDetails = defineJiraTool({
  name: 'get_form_details',
  title: 'Get Jira form',
  toolset: 'forms',
  access: 'read',
  platforms: ['cloud'],
  description:
    'Show one form of an issue: each question with its id, type, whether it is required, its choices and the current answer.',
  input: () => z.strictObject({ issue_key: issueKey, form_id: formId }),
  output: () => z.object({ id: z.string(), name: z.string(), status: z.string(), questions: z.array(question) }),
  action: (args) => `Get form ${args.form_id} of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const form = await formsOf(jira).get(key, args.form_id, signal);
    const record = formRecord(form);
    const lines = record.questions.map(
      (entry) =>
        `- ${entry.label} (question ${entry.id}, ${entry.type}${entry.required ? ', required' : ''}${entry.choices.length ? `; choices: ${entry.choices.join(', ')}` : ''}): ${entry.answer ?? 'unanswered'}`,
    );
    return { text: [`# ${record.name} (${record.status})`, ...lines].join('\n'), structured: record };
  },
});

export const updateFormAnswers = defineJiraTool({
  name: 'update_form_answers',
  title: 'Answer Jira form',
  toolset: 'forms',
  access: 'destructive',
  idempotent: true,
  platforms: ['cloud'],
  description:
    'Fill in or change answers on an open form. Choice questions take choice labels (or ids); dates are YYYY-MM-DD.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      form_id: formId,
      answers: z
        .array(
          z.strictObject({
            question_id: z.string().min(1),
            text: z.string().optional(),
            choices: z.array(z.string()).optional(),
            date: z.iso.date().optional(),
          }),
        )
        .min(1),
    }),
  output: () => z.object({ id: z.string(), name: z.string(), status: z.string(), questions: z.array(question) }),
  action: (args) => `Answer form ${args.form_id} of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const forms = formsOf(jira);
    const current = await forms.get(key, args.form_id, signal);
    if (current.state?.status === 'l' || current.state?.status === 's')
      throw new ToolInputError(
        `the form is ${STATUS[current.state.status]}; reopen it in Jira before changing answers`,
      );
    const questions = current.design?.questions ?? {};
    const answers: Record<string, RawFormAnswer> = {};
    for (const answer of args.answers) {
      const definition = questions[answer.question_id];
      if (!definition)
        throw new ToolInputError(
          `no question ${answer.question_id} on this form; questions: ${Object.entries(questions)
            .map(([id, entry]) => `${id} (${entry.label ?? ''})`)
            .join(', ')}`,
        );
      if (answer.choices) {
        answers[answer.question_id] = {
          choices: answer.choices.map((choice) => {
            const found = definition.choices?.find(
              (option) => option.id === choice || option.label.toLowerCase() === choice.toLowerCase(),
            );
            if (!found)
              throw new ToolInputError(
                `"${choice}" is not a choice of question ${answer.question_id}; choices: ${(definition.choices ?? []).map((option) => option.label).join(', ')}`,
              );
            return found.id;
          }),
        };
      } else if (answer.date) answers[answer.question_id] = { date: answer.date };
      else if (answer.text !== undefined) answers[answer.question_id] = { text: answer.text };
      else throw new ToolInputError(`question ${answer.question_id}: pass text, choices or date`);
    }
    const record = formRecord(await forms.saveAnswers(key, args.form_id, answers, signal));
    return { text: `Saved ${Object.keys(answers).length} answer(s) on "${record.name}".`, structured: record };
  },
});

function formsOf(jira: JiraClient): JiraForms {
  if (!jira.forms) throw new ToolInputError('forms are only available on Jira Cloud');
  return jira.forms;
}

function formRecord(form: RawForm) {
  const questions = Object.entries(form.design?.questions ?? {}).map(([id, entry]) => {
    const answer = form.state?.answers?.[id];
    const choiceLabel = (choiceId: string) =>
      entry.choices?.find((option) => option.id === choiceId)?.label ?? choiceId;
    const shown = answer
      ? answer.choices
        ? answer.choices.map(choiceLabel).join(', ')
        : (answer.text ?? answer.date ?? answer.time ?? null)
      : null;
    return {
      id,
      label: entry.label ?? `Question ${id}`,
      type: QUESTION_TYPES[entry.type ?? ''] ?? entry.type ?? 'unknown',
      required: Boolean(entry.validation?.rq),
      choices: (entry.choices ?? []).map((option) => option.label),
      answer: shown || null,
    };
  });
  return {
    id: form.id,
    name: form.design?.settings?.name ?? 'Untitled form',
    status: STATUS[form.state?.status ?? ''] ?? 'unknown',
    questions,
  };
}
