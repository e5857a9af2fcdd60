/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/mcp/tools-list.test.ts > TAP > tools/list snapshot and stable order > tools/list for prod (Jira DC, default), staging (Jira Cloud), wiki (Confluence Cloud) 1`] = `
Array [
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Get one issue by key: summary, status, people, dates, description and latest comments as markdown; \`include\` adds links, web links, transitions, watchers, worklogs or changelog in the same call. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "comment_limit": Object {
          "default": 10,
          "description": "Latest comments to include (0-100)",
          "maximum": 100,
          "minimum": 0,
          "type": "integer",
        },
        "fields": Object {
          "description": "Extra fields by id or name, e.g. customfield_10016 or \\"Story Points\\"; *all for all",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "include": Object {
          "description": "Also fetch these, in one call",
          "items": Object {
            "enum": Array [
              "links",
              "remote_links",
              "transitions",
              "watchers",
              "worklogs",
              "changelog",
              "comments",
              "all",
            ],
            "type": "string",
          },
          "type": "array",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_get_issue",
    "title": "Get Jira issue",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Find issues with JQL, e.g. \`assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC\`. Returns one line per issue and how to get the next page. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "jql": Object {
          "description": "JQL query",
          "type": "string",
        },
        "limit": Object {
          "default": 10,
          "description": "Max results (1-50)",
          "maximum": 50,
          "minimum": 1,
          "type": "integer",
        },
        "start_at": Object {
          "description": "Server/DC: next_start_at from the previous page",
          "minimum": 0,
          "type": "integer",
        },
      },
      "required": Array [
        "jql",
      ],
      "type": "object",
    },
    "name": "jira_search",
    "title": "Search Jira issues",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
    },
    "description": "Create an issue. The description is markdown (converted for the instance). Returns the new key and URL. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "assignee": Object {
          "description": "accountId, email or display name (Cloud); username (Server/DC)",
          "type": "string",
        },
        "components": Object {
          "description": "Component names",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "description": Object {
          "description": "Markdown",
          "type": "string",
        },
        "fields": Object {
          "additionalProperties": Object {},
          "description": "Other fields by id or name, in Jira's own shapes, e.g. {\\"Story Points\\": 5}",
          "type": "object",
        },
        "issue_type": Object {
          "default": "Task",
          "description": "Issue type name, e.g. Bug, Story, Task",
          "type": "string",
        },
        "labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "parent_key": Object {
          "description": "Parent issue key (epic or parent of a sub-task)",
          "type": "string",
        },
        "priority": Object {
          "description": "Priority name, e.g. High",
          "type": "string",
        },
        "project_key": Object {
          "description": "Project key, e.g. OPS",
          "type": "string",
        },
        "summary": Object {
          "maxLength": 255,
          "type": "string",
        },
      },
      "required": Array [
        "project_key",
        "summary",
      ],
      "type": "object",
    },
    "name": "jira_create_issue",
    "title": "Create Jira issue",
  },
  Object {
    "annotations": Object {
      "idempotentHint": true,
    },
    "description": "Change fields of an issue: summary, description (markdown), assignee (null unassigns), priority, labels, or any field by id. Only what you pass changes. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "add_labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "assignee": Object {
          "description": "accountId, email or name; null to unassign",
          "type": Array [
            "string",
            "null",
          ],
        },
        "description": Object {
          "description": "Markdown; replaces the description",
          "type": "string",
        },
        "fields": Object {
          "additionalProperties": Object {},
          "description": "Other fields by id or name, in Jira's own shapes, e.g. {\\"Story Points\\": 5}",
          "type": "object",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
        "labels": Object {
          "description": "Replaces all labels",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "priority": Object {
          "type": "string",
        },
        "remove_labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "summary": Object {
          "maxLength": 255,
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_update_issue",
    "title": "Update Jira issue",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Find fields by name (fuzzy), e.g. \\"story points\\" → customfield_10016, to use their ids in other tools. An empty keyword lists fields. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "keyword": Object {
          "default": "",
          "description": "Part of a field name or id",
          "type": "string",
        },
        "limit": Object {
          "default": 10,
          "description": "Max results (1-100)",
          "maximum": 100,
          "minimum": 1,
          "type": "integer",
        },
      },
      "type": "object",
    },
    "name": "jira_search_fields",
    "title": "Search Jira fields",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
    },
    "description": "Add a comment (markdown) to an issue, optionally visible only to a group or project role. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "body": Object {
          "description": "Markdown",
          "type": "string",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
        "visibility": Object {
          "description": "Restrict to a group or role",
          "properties": Object {
            "type": Object {
              "enum": Array [
                "group",
                "role",
              ],
              "type": "string",
            },
            "value": Object {
              "type": "string",
            },
          },
          "required": Array [
            "type",
            "value",
          ],
          "type": "object",
        },
      },
      "required": Array [
        "issue_key",
        "body",
      ],
      "type": "object",
    },
    "name": "jira_add_comment",
    "title": "Comment on Jira issue",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the transitions an issue can take now, with the status each leads to and the fields it requires. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_get_transitions",
    "title": "Get Jira transitions",
  },
  Object {
    "annotations": Object {},
    "description": "Move an issue through its workflow. \`transition\` is a transition id, its name, or the target status name; pass required fields in \`fields\` and an optional markdown comment. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "comment": Object {
          "description": "Markdown comment added with the transition",
          "type": "string",
        },
        "fields": Object {
          "additionalProperties": Object {},
          "description": "Fields the transition requires, e.g. {\\"resolution\\": {\\"name\\": \\"Done\\"}}",
          "type": "object",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
        "transition": Object {
          "description": "Transition id or name, or target status, e.g. \\"Done\\"",
          "type": "string",
        },
        "transition_id": Object {
          "description": "Alias of transition",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_transition_issue",
    "title": "Transition Jira issue",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the projects visible to this instance's account: key, name, type and lead. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {},
      "type": "object",
    },
    "name": "jira_get_all_projects",
    "title": "List Jira projects",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Get one issue by key: summary, status, people, dates, description and latest comments as markdown; \`include\` adds links, web links, transitions, watchers, worklogs or changelog in the same call. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "comment_limit": Object {
          "default": 10,
          "description": "Latest comments to include (0-100)",
          "maximum": 100,
          "minimum": 0,
          "type": "integer",
        },
        "fields": Object {
          "description": "Extra fields by id or name, e.g. customfield_10016 or \\"Story Points\\"; *all for all",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "include": Object {
          "description": "Also fetch these, in one call",
          "items": Object {
            "enum": Array [
              "links",
              "remote_links",
              "transitions",
              "watchers",
              "worklogs",
              "changelog",
              "comments",
              "all",
            ],
            "type": "string",
          },
          "type": "array",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_get_issue",
    "title": "Get Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Find issues with JQL, e.g. \`assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC\`. Returns one line per issue and how to get the next page. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "jql": Object {
          "description": "JQL query",
          "type": "string",
        },
        "limit": Object {
          "default": 10,
          "description": "Max results (1-50)",
          "maximum": 50,
          "minimum": 1,
          "type": "integer",
        },
        "page_token": Object {
          "description": "Cloud: next_page_token from the previous page",
          "type": "string",
        },
      },
      "required": Array [
        "jql",
      ],
      "type": "object",
    },
    "name": "jira_staging_search",
    "title": "Search Jira issues (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
    },
    "description": "Create an issue. The description is markdown (converted for the instance). Returns the new key and URL. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "assignee": Object {
          "description": "accountId, email or display name (Cloud); username (Server/DC)",
          "type": "string",
        },
        "components": Object {
          "description": "Component names",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "description": Object {
          "description": "Markdown",
          "type": "string",
        },
        "fields": Object {
          "additionalProperties": Object {},
          "description": "Other fields by id or name, in Jira's own shapes, e.g. {\\"Story Points\\": 5}",
          "type": "object",
        },
        "issue_type": Object {
          "default": "Task",
          "description": "Issue type name, e.g. Bug, Story, Task",
          "type": "string",
        },
        "labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "parent_key": Object {
          "description": "Parent issue key (epic or parent of a sub-task)",
          "type": "string",
        },
        "priority": Object {
          "description": "Priority name, e.g. High",
          "type": "string",
        },
        "project_key": Object {
          "description": "Project key, e.g. OPS",
          "type": "string",
        },
        "summary": Object {
          "maxLength": 255,
          "type": "string",
        },
      },
      "required": Array [
        "project_key",
        "summary",
      ],
      "type": "object",
    },
    "name": "jira_staging_create_issue",
    "title": "Create Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "idempotentHint": true,
    },
    "description": "Change fields of an issue: summary, description (markdown), assignee (null unassigns), priority, labels, or any field by id. Only what you pass changes. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "add_labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "assignee": Object {
          "description": "accountId, email or name; null to unassign",
          "type": Array [
            "string",
            "null",
          ],
        },
        "description": Object {
          "description": "Markdown; replaces the description",
          "type": "string",
        },
        "fields": Object {
          "additionalProperties": Object {},
          "description": "Other fields by id or name, in Jira's own shapes, e.g. {\\"Story Points\\": 5}",
          "type": "object",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
        "labels": Object {
          "description": "Replaces all labels",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "priority": Object {
          "type": "string",
        },
        "remove_labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "summary": Object {
          "maxLength": 255,
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_update_issue",
    "title": "Update Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Find fields by name (fuzzy), e.g. \\"story points\\" → customfield_10016, to use their ids in other tools. An empty keyword lists fields. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "keyword": Object {
          "default": "",
          "description": "Part of a field name or id",
          "type": "string",
        },
        "limit": Object {
          "default": 10,
          "description": "Max results (1-100)",
          "maximum": 100,
          "minimum": 1,
          "type": "integer",
        },
      },
      "type": "object",
    },
    "name": "jira_staging_search_fields",
    "title": "Search Jira fields (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
    },
    "description": "Add a comment (markdown) to an issue, optionally visible only to a group or project role. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "body": Object {
          "description": "Markdown",
          "type": "string",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
        "visibility": Object {
          "description": "Restrict to a group or role",
          "properties": Object {
            "type": Object {
              "enum": Array [
                "group",
                "role",
              ],
              "type": "string",
            },
            "value": Object {
              "type": "string",
            },
          },
          "required": Array [
            "type",
            "value",
          ],
          "type": "object",
        },
      },
      "required": Array [
        "issue_key",
        "body",
      ],
      "type": "object",
    },
    "name": "jira_staging_add_comment",
    "title": "Comment on Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the transitions an issue can take now, with the status each leads to and the fields it requires. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_get_transitions",
    "title": "Get Jira transitions (staging)",
  },
  Object {
    "annotations": Object {},
    "description": "Move an issue through its workflow. \`transition\` is a transition id, its name, or the target status name; pass required fields in \`fields\` and an optional markdown comment. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "comment": Object {
          "description": "Markdown comment added with the transition",
          "type": "string",
        },
        "fields": Object {
          "additionalProperties": Object {},
          "description": "Fields the transition requires, e.g. {\\"resolution\\": {\\"name\\": \\"Done\\"}}",
          "type": "object",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "type": "string",
        },
        "transition": Object {
          "description": "Transition id or name, or target status, e.g. \\"Done\\"",
          "type": "string",
        },
        "transition_id": Object {
          "description": "Alias of transition",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_transition_issue",
    "title": "Transition Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the projects visible to this instance's account: key, name, type and lead. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "include_archived": Object {
          "default": false,
          "description": "Cloud: include archived projects",
          "type": "boolean",
        },
      },
      "type": "object",
    },
    "name": "jira_staging_get_all_projects",
    "title": "List Jira projects (staging)",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Search pages and blog posts. Plain words run a site search; CQL (e.g. \`type=page AND space=ENG AND title~\\"design\\"\`) passes through.",
    "inputSchema": Object {
      "properties": Object {
        "cursor": Object {
          "description": "Cloud: next_cursor from the previous page",
          "type": "string",
        },
        "limit": Object {
          "default": 10,
          "description": "Max results (1-50)",
          "maximum": 50,
          "minimum": 1,
          "type": "integer",
        },
        "query": Object {
          "description": "Plain text or CQL",
          "type": "string",
        },
        "spaces": Object {
          "description": "Only these space keys",
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "start": Object {
          "description": "Offset: next_start from the previous page",
          "minimum": 0,
          "type": "integer",
        },
      },
      "required": Array [
        "query",
      ],
      "type": "object",
    },
    "name": "confluence_search",
    "title": "Search Confluence",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Read a page by page_id, or by title + space_key. Content comes as markdown (macros kept readable) or raw storage format.",
    "inputSchema": Object {
      "properties": Object {
        "format": Object {
          "default": "markdown",
          "description": "markdown, or storage for the raw XHTML",
          "enum": Array [
            "markdown",
            "storage",
          ],
          "type": "string",
        },
        "page_id": Object {
          "description": "Page id",
          "type": "string",
        },
        "space_key": Object {
          "description": "Space key (with title)",
          "type": "string",
        },
        "title": Object {
          "description": "Exact page title (with space_key)",
          "type": "string",
        },
      },
      "type": "object",
    },
    "name": "confluence_get_page",
    "title": "Get Confluence page",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the direct child pages of a page; with include_content, each child's content as markdown too (cut when long).",
    "inputSchema": Object {
      "properties": Object {
        "cursor": Object {
          "description": "Cloud: next_cursor from the previous page",
          "type": "string",
        },
        "include_content": Object {
          "default": false,
          "type": "boolean",
        },
        "limit": Object {
          "default": 25,
          "description": "Max results (1-50)",
          "maximum": 50,
          "minimum": 1,
          "type": "integer",
        },
        "parent_id": Object {
          "description": "Parent page id",
          "type": "string",
        },
      },
      "required": Array [
        "parent_id",
      ],
      "type": "object",
    },
    "name": "confluence_get_page_children",
    "title": "List Confluence child pages",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the spaces this instance's account can see: key, name, type and description.",
    "inputSchema": Object {
      "properties": Object {
        "cursor": Object {
          "description": "Cloud: next_cursor from the previous page",
          "type": "string",
        },
        "limit": Object {
          "default": 25,
          "description": "Max results (1-100)",
          "maximum": 100,
          "minimum": 1,
          "type": "integer",
        },
        "status": Object {
          "enum": Array [
            "current",
            "archived",
          ],
          "type": "string",
        },
        "type": Object {
          "enum": Array [
            "global",
            "personal",
          ],
          "type": "string",
        },
      },
      "type": "object",
    },
    "name": "confluence_list_spaces",
    "title": "List Confluence spaces",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Show one space by key: name, type, status, description, home page and URL.",
    "inputSchema": Object {
      "properties": Object {
        "space_key": Object {
          "type": "string",
        },
      },
      "required": Array [
        "space_key",
      ],
      "type": "object",
    },
    "name": "confluence_get_space",
    "title": "Get Confluence space",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "List the pages of a space, one line each, with how to get the next page.",
    "inputSchema": Object {
      "properties": Object {
        "cursor": Object {
          "description": "Cloud: next_cursor from the previous page",
          "type": "string",
        },
        "limit": Object {
          "default": 25,
          "description": "Max results (1-100)",
          "maximum": 100,
          "minimum": 1,
          "type": "integer",
        },
        "space_key": Object {
          "type": "string",
        },
      },
      "required": Array [
        "space_key",
      ],
      "type": "object",
    },
    "name": "confluence_get_space_pages",
    "title": "List Confluence space pages",
  },
  Object {
    "annotations": Object {
      "readOnlyHint": true,
    },
    "description": "Read the footer comments of a page as markdown, oldest first, with their authors; replies follow the comment they answer.",
    "inputSchema": Object {
      "properties": Object {
        "cursor": Object {
          "description": "Cloud: next_cursor from the previous page",
          "type": "string",
        },
        "limit": Object {
          "default": 25,
          "description": "Max results (1-100)",
          "maximum": 100,
          "minimum": 1,
          "type": "integer",
        },
        "page_id": Object {
          "description": "Page id",
          "type": "string",
        },
      },
      "required": Array [
        "page_id",
      ],
      "type": "object",
    },
    "name": "confluence_get_comments",
    "title": "Get Confluence comments",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
    },
    "description": "Create a page in a space, optionally under a parent page. Content is markdown by default (code blocks become code macros, \\"> **Info:** …\\" an info panel).",
    "inputSchema": Object {
      "properties": Object {
        "content": Object {
          "type": "string",
        },
        "content_format": Object {
          "default": "markdown",
          "description": "markdown (default), Confluence wiki markup, or raw storage XHTML",
          "enum": Array [
            "markdown",
            "wiki",
            "storage",
          ],
          "type": "string",
        },
        "parent_id": Object {
          "description": "Parent page id",
          "type": "string",
        },
        "space_key": Object {
          "type": "string",
        },
        "title": Object {
          "maxLength": 255,
          "type": "string",
        },
      },
      "required": Array [
        "space_key",
        "title",
        "content",
      ],
      "type": "object",
    },
    "name": "confluence_create_page",
    "title": "Create Confluence page",
  },
  Object {
    "annotations": Object {
      "idempotentHint": true,
    },
    "description": "Replace a page's title and/or content. With markdown, edit the markdown confluence_get_page returned: every block you leave as it was keeps its original storage (macros, layouts, links), only changed blocks are rewritten.",
    "inputSchema": Object {
      "properties": Object {
        "content": Object {
          "type": "string",
        },
        "content_format": Object {
          "default": "markdown",
          "description": "markdown (default), Confluence wiki markup, or raw storage XHTML",
          "enum": Array [
            "markdown",
            "wiki",
            "storage",
          ],
          "type": "string",
        },
        "page_id": Object {
          "description": "Page id",
          "type": "string",
        },
        "title": Object {
          "maxLength": 255,
          "type": "string",
        },
        "version_comment": Object {
          "maxLength": 255,
          "type": "string",
        },
      },
      "required": Array [
        "page_id",
      ],
      "type": "object",
    },
    "name": "confluence_update_page",
    "title": "Update Confluence page",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
    },
    "description": "Add a footer comment (markdown) to a page.",
    "inputSchema": Object {
      "properties": Object {
        "body": Object {
          "description": "Markdown",
          "type": "string",
        },
        "page_id": Object {
          "description": "Page id",
          "type": "string",
        },
      },
      "required": Array [
        "page_id",
        "body",
      ],
      "type": "object",
    },
    "name": "confluence_add_comment",
    "title": "Comment on Confluence page",
  },
  Object {
    "annotations": Object {
      "openWorldHint": false,
      "readOnlyHint": true,
    },
    "description": "List the Jira and Confluence instances this gateway serves: name, product, platform, URL, read-only, tool prefix, tool count, and for Jira whether Service Management is available; and your defaults (gateway_set_defaults).",
    "inputSchema": Object {
      "properties": Object {},
      "type": "object",
    },
    "name": "gateway_list_instances",
    "title": "List Atlassian instances",
  },
  Object {
    "annotations": Object {
      "openWorldHint": false,
      "readOnlyHint": true,
    },
    "description": "Remember defaults for your later calls (this connection or API key): they fill omitted project, space, desk and instance arguments. show: true prints them, reset: true clears them.",
    "inputSchema": Object {
      "properties": Object {
        "confluence_space": Object {
          "description": "Space key",
          "type": "string",
        },
        "instance": Object {
          "anyOf": Array [
            Object {
              "maxLength": 64,
              "type": "string",
            },
            Object {
              "items": Object {
                "maxLength": 64,
                "type": "string",
              },
              "maxItems": 8,
              "type": "array",
            },
          ],
          "description": "Default instance, one per product",
        },
        "jira_project": Object {
          "description": "Project key",
          "type": "string",
        },
        "output_format": Object {
          "enum": Array [
            "markdown",
            "json",
          ],
          "type": "string",
        },
        "preferred_user": Object {
          "description": "Who \\"me\\" and currentUser() mean on shared-account instances",
          "maxLength": 128,
          "type": "string",
        },
        "reset": Object {
          "type": "boolean",
        },
        "servicedesk": Object {
          "maxLength": 32,
          "pattern": "^\\\\d+$",
          "type": "string",
        },
        "show": Object {
          "type": "boolean",
        },
      },
      "type": "object",
    },
    "name": "gateway_set_defaults",
    "title": "Set your defaults",
  },
]
`
