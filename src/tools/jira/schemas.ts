/** Output schemas of the Jira tools: the shape of `structuredContent`, advertised as `outputSchema`. */
import { z } from 'zod';

const text = z.string().nullable();

export const issueSummarySchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: text,
  issue_type: text,
  priority: text,
  assignee: text,
  updated: text,
  url: z.string(),
});

export const issueSchema = issueSummarySchema.extend({
  id: z.string(),
  status_category: text,
  reporter: text,
  created: text,
  due_date: text,
  resolution: text,
  project: text,
  parent: text,
  labels: z.array(z.string()),
  components: z.array(z.string()),
  fix_versions: z.array(z.string()),
  description: text,
  description_truncated: z.boolean(),
  comments: z.array(z.object({ id: z.string(), author: text, created: text, body: z.string() })),
  comments_total: z.number(),
  other_fields: z.record(z.string(), z.unknown()),
  links: z
    .array(z.object({ id: z.string(), relation: z.string(), issue_key: z.string(), summary: text, status: text }))
    .optional(),
  remote_links: z
    .array(z.object({ id: z.string(), title: z.string(), url: z.string(), relationship: text }))
    .optional(),
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to_status: text })).optional(),
  watchers: z.array(z.string()).optional(),
  worklogs: z.array(z.object({ author: text, started: text, time_spent: text })).optional(),
  changelog: z.array(z.object({ at: text, author: text, field: z.string(), from: text, to: text })).optional(),
  changelog_stopped: z.string().optional(),
});

export const searchResultSchema = z.object({
  jql: z.string(),
  issues: z.array(issueSummarySchema),
  next_page_token: z.string().optional(),
  next_start_at: z.number().optional(),
  total: z.number().optional(),
  listing_stopped: z.string().optional(),
});
