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
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
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
          "description": "Extra fields by id or name, e.g. customfield_10016 or \\"Story Points\\"",
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
            ],
            "type": "string",
          },
          "type": "array",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_get_issue",
    "outputSchema": Object {
      "properties": Object {
        "assignee": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "changelog": Object {
          "items": Object {
            "properties": Object {
              "at": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "field": Object {
                "type": "string",
              },
              "from": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "to": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "at",
              "author",
              "field",
              "from",
              "to",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "comments": Object {
          "items": Object {
            "properties": Object {
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "body": Object {
                "type": "string",
              },
              "created": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "id": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "author",
              "created",
              "body",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "comments_total": Object {
          "type": "number",
        },
        "components": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "created": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "description": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "description_truncated": Object {
          "type": "boolean",
        },
        "due_date": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "fix_versions": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "id": Object {
          "type": "string",
        },
        "issue_type": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "key": Object {
          "type": "string",
        },
        "labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "links": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "issue_key": Object {
                "type": "string",
              },
              "relation": Object {
                "type": "string",
              },
              "status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "summary": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "relation",
              "issue_key",
              "summary",
              "status",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "other_fields": Object {
          "additionalProperties": Object {},
          "type": "object",
        },
        "parent": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "priority": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "project": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "remote_links": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "relationship": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "title": Object {
                "type": "string",
              },
              "url": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "title",
              "url",
              "relationship",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "reporter": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "resolution": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "status": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "status_category": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "summary": Object {
          "type": "string",
        },
        "transitions": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "to_status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "name",
              "to_status",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "updated": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "url": Object {
          "type": "string",
        },
        "watchers": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "worklogs": Object {
          "items": Object {
            "properties": Object {
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "started": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "time_spent": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "author",
              "started",
              "time_spent",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "key",
        "summary",
        "status",
        "issue_type",
        "priority",
        "assignee",
        "updated",
        "url",
        "id",
        "status_category",
        "reporter",
        "created",
        "due_date",
        "resolution",
        "project",
        "parent",
        "labels",
        "components",
        "fix_versions",
        "description",
        "description_truncated",
        "comments",
        "comments_total",
        "other_fields",
      ],
      "type": "object",
    },
    "title": "Get Jira issue",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "Find issues with JQL, e.g. \`assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC\`. Returns one line per issue and how to get the next page. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "jql": Object {
          "description": "JQL query",
          "minLength": 1,
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
        "start_at": Object {
          "description": "Server/DC: next_start_at from the previous page",
          "maximum": 9007199254740991,
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
    "outputSchema": Object {
      "properties": Object {
        "issues": Object {
          "items": Object {
            "properties": Object {
              "assignee": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "issue_type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "key": Object {
                "type": "string",
              },
              "priority": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "summary": Object {
                "type": "string",
              },
              "updated": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "url": Object {
                "type": "string",
              },
            },
            "required": Array [
              "key",
              "summary",
              "status",
              "issue_type",
              "priority",
              "assignee",
              "updated",
              "url",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "jql": Object {
          "type": "string",
        },
        "next_page_token": Object {
          "type": "string",
        },
        "next_start_at": Object {
          "type": "number",
        },
        "total": Object {
          "type": "number",
        },
      },
      "required": Array [
        "jql",
        "issues",
      ],
      "type": "object",
    },
    "title": "Search Jira issues",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
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
          "minLength": 1,
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
          "minLength": 1,
          "type": "string",
        },
        "summary": Object {
          "maxLength": 255,
          "minLength": 1,
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
    "outputSchema": Object {
      "properties": Object {
        "id": Object {
          "type": "string",
        },
        "key": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "key",
        "id",
        "url",
      ],
      "type": "object",
    },
    "title": "Create Jira issue",
  },
  Object {
    "annotations": Object {
      "destructiveHint": true,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": false,
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
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
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
          "minLength": 1,
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_update_issue",
    "outputSchema": Object {
      "properties": Object {
        "changed": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "key": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "key",
        "url",
        "changed",
      ],
      "type": "object",
    },
    "title": "Update Jira issue",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
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
    "outputSchema": Object {
      "properties": Object {
        "fields": Object {
          "items": Object {
            "properties": Object {
              "custom": Object {
                "type": "boolean",
              },
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "name",
              "custom",
              "type",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "total": Object {
          "type": "number",
        },
      },
      "required": Array [
        "fields",
        "total",
      ],
      "type": "object",
    },
    "title": "Search Jira fields",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
    "description": "Add a comment (markdown) to an issue, optionally visible only to a group or project role. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "body": Object {
          "description": "Markdown",
          "minLength": 1,
          "type": "string",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
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
              "minLength": 1,
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
    "outputSchema": Object {
      "properties": Object {
        "author": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "created": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "id": Object {
          "type": "string",
        },
        "issue_key": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "id",
        "issue_key",
        "author",
        "created",
        "url",
      ],
      "type": "object",
    },
    "title": "Comment on Jira issue",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "List the transitions an issue can take now, with the status each leads to and the fields it requires. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
    "inputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_get_transitions",
    "outputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "type": "string",
        },
        "transitions": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "required_fields": Object {
                "items": Object {
                  "properties": Object {
                    "allowed_values": Object {
                      "items": Object {
                        "type": "string",
                      },
                      "type": "array",
                    },
                    "id": Object {
                      "type": "string",
                    },
                    "name": Object {
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "id",
                    "name",
                    "allowed_values",
                  ],
                  "type": "object",
                },
                "type": "array",
              },
              "to_status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "name",
              "to_status",
              "required_fields",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "issue_key",
        "transitions",
      ],
      "type": "object",
    },
    "title": "Get Jira transitions",
  },
  Object {
    "annotations": Object {
      "destructiveHint": true,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
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
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
          "type": "string",
        },
        "transition": Object {
          "description": "Transition id or name, or target status, e.g. \\"Done\\"",
          "minLength": 1,
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
        "transition",
      ],
      "type": "object",
    },
    "name": "jira_transition_issue",
    "outputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "type": "string",
        },
        "to_status": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "transition": Object {
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
        "transition",
        "to_status",
      ],
      "type": "object",
    },
    "title": "Transition Jira issue",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "List the projects visible to this instance's account: key, name, type and lead. Instance: prod (default), Jira Server/DC at https://jira.example.com.",
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
    "name": "jira_get_all_projects",
    "outputSchema": Object {
      "properties": Object {
        "projects": Object {
          "items": Object {
            "properties": Object {
              "archived": Object {
                "type": "boolean",
              },
              "key": Object {
                "type": "string",
              },
              "lead": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "name": Object {
                "type": "string",
              },
              "type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "key",
              "name",
              "type",
              "lead",
              "archived",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "projects",
      ],
      "type": "object",
    },
    "title": "List Jira projects",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
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
          "description": "Extra fields by id or name, e.g. customfield_10016 or \\"Story Points\\"",
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
            ],
            "type": "string",
          },
          "type": "array",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_get_issue",
    "outputSchema": Object {
      "properties": Object {
        "assignee": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "changelog": Object {
          "items": Object {
            "properties": Object {
              "at": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "field": Object {
                "type": "string",
              },
              "from": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "to": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "at",
              "author",
              "field",
              "from",
              "to",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "comments": Object {
          "items": Object {
            "properties": Object {
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "body": Object {
                "type": "string",
              },
              "created": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "id": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "author",
              "created",
              "body",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "comments_total": Object {
          "type": "number",
        },
        "components": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "created": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "description": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "description_truncated": Object {
          "type": "boolean",
        },
        "due_date": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "fix_versions": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "id": Object {
          "type": "string",
        },
        "issue_type": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "key": Object {
          "type": "string",
        },
        "labels": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "links": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "issue_key": Object {
                "type": "string",
              },
              "relation": Object {
                "type": "string",
              },
              "status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "summary": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "relation",
              "issue_key",
              "summary",
              "status",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "other_fields": Object {
          "additionalProperties": Object {},
          "type": "object",
        },
        "parent": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "priority": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "project": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "remote_links": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "relationship": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "title": Object {
                "type": "string",
              },
              "url": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "title",
              "url",
              "relationship",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "reporter": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "resolution": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "status": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "status_category": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "summary": Object {
          "type": "string",
        },
        "transitions": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "to_status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "name",
              "to_status",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "updated": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "url": Object {
          "type": "string",
        },
        "watchers": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "worklogs": Object {
          "items": Object {
            "properties": Object {
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "started": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "time_spent": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "author",
              "started",
              "time_spent",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "key",
        "summary",
        "status",
        "issue_type",
        "priority",
        "assignee",
        "updated",
        "url",
        "id",
        "status_category",
        "reporter",
        "created",
        "due_date",
        "resolution",
        "project",
        "parent",
        "labels",
        "components",
        "fix_versions",
        "description",
        "description_truncated",
        "comments",
        "comments_total",
        "other_fields",
      ],
      "type": "object",
    },
    "title": "Get Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "Find issues with JQL, e.g. \`assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC\`. Returns one line per issue and how to get the next page. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "jql": Object {
          "description": "JQL query",
          "minLength": 1,
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
        "start_at": Object {
          "description": "Server/DC: next_start_at from the previous page",
          "maximum": 9007199254740991,
          "minimum": 0,
          "type": "integer",
        },
      },
      "required": Array [
        "jql",
      ],
      "type": "object",
    },
    "name": "jira_staging_search",
    "outputSchema": Object {
      "properties": Object {
        "issues": Object {
          "items": Object {
            "properties": Object {
              "assignee": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "issue_type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "key": Object {
                "type": "string",
              },
              "priority": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "summary": Object {
                "type": "string",
              },
              "updated": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "url": Object {
                "type": "string",
              },
            },
            "required": Array [
              "key",
              "summary",
              "status",
              "issue_type",
              "priority",
              "assignee",
              "updated",
              "url",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "jql": Object {
          "type": "string",
        },
        "next_page_token": Object {
          "type": "string",
        },
        "next_start_at": Object {
          "type": "number",
        },
        "total": Object {
          "type": "number",
        },
      },
      "required": Array [
        "jql",
        "issues",
      ],
      "type": "object",
    },
    "title": "Search Jira issues (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
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
          "minLength": 1,
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
          "minLength": 1,
          "type": "string",
        },
        "summary": Object {
          "maxLength": 255,
          "minLength": 1,
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
    "outputSchema": Object {
      "properties": Object {
        "id": Object {
          "type": "string",
        },
        "key": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "key",
        "id",
        "url",
      ],
      "type": "object",
    },
    "title": "Create Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": true,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": false,
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
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
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
          "minLength": 1,
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_update_issue",
    "outputSchema": Object {
      "properties": Object {
        "changed": Object {
          "items": Object {
            "type": "string",
          },
          "type": "array",
        },
        "key": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "key",
        "url",
        "changed",
      ],
      "type": "object",
    },
    "title": "Update Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
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
    "outputSchema": Object {
      "properties": Object {
        "fields": Object {
          "items": Object {
            "properties": Object {
              "custom": Object {
                "type": "boolean",
              },
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "name",
              "custom",
              "type",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "total": Object {
          "type": "number",
        },
      },
      "required": Array [
        "fields",
        "total",
      ],
      "type": "object",
    },
    "title": "Search Jira fields (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
    "description": "Add a comment (markdown) to an issue, optionally visible only to a group or project role. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "body": Object {
          "description": "Markdown",
          "minLength": 1,
          "type": "string",
        },
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
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
              "minLength": 1,
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
    "outputSchema": Object {
      "properties": Object {
        "author": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "created": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "id": Object {
          "type": "string",
        },
        "issue_key": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "id",
        "issue_key",
        "author",
        "created",
        "url",
      ],
      "type": "object",
    },
    "title": "Comment on Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "List the transitions an issue can take now, with the status each leads to and the fields it requires. Instance: staging, Jira Cloud at https://staging.atlassian.net.",
    "inputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "description": "Issue key, e.g. PROJ-123",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
      ],
      "type": "object",
    },
    "name": "jira_staging_get_transitions",
    "outputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "type": "string",
        },
        "transitions": Object {
          "items": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "required_fields": Object {
                "items": Object {
                  "properties": Object {
                    "allowed_values": Object {
                      "items": Object {
                        "type": "string",
                      },
                      "type": "array",
                    },
                    "id": Object {
                      "type": "string",
                    },
                    "name": Object {
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "id",
                    "name",
                    "allowed_values",
                  ],
                  "type": "object",
                },
                "type": "array",
              },
              "to_status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "name",
              "to_status",
              "required_fields",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "issue_key",
        "transitions",
      ],
      "type": "object",
    },
    "title": "Get Jira transitions (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": true,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
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
          "pattern": "^[A-Za-z][A-Za-z0-9_]*-\\\\d+$|^\\\\d+$",
          "type": "string",
        },
        "transition": Object {
          "description": "Transition id or name, or target status, e.g. \\"Done\\"",
          "minLength": 1,
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
        "transition",
      ],
      "type": "object",
    },
    "name": "jira_staging_transition_issue",
    "outputSchema": Object {
      "properties": Object {
        "issue_key": Object {
          "type": "string",
        },
        "to_status": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "transition": Object {
          "type": "string",
        },
      },
      "required": Array [
        "issue_key",
        "transition",
        "to_status",
      ],
      "type": "object",
    },
    "title": "Transition Jira issue (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
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
    "outputSchema": Object {
      "properties": Object {
        "projects": Object {
          "items": Object {
            "properties": Object {
              "archived": Object {
                "type": "boolean",
              },
              "key": Object {
                "type": "string",
              },
              "lead": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "name": Object {
                "type": "string",
              },
              "type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "key",
              "name",
              "type",
              "lead",
              "archived",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "projects",
      ],
      "type": "object",
    },
    "title": "List Jira projects (staging)",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "Search pages and blog posts. Plain words run a site search; CQL (e.g. \`type=page AND space=ENG AND title~\\"design\\"\`) passes through. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "minLength": 1,
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
          "maximum": 9007199254740991,
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
    "outputSchema": Object {
      "properties": Object {
        "cql": Object {
          "type": "string",
        },
        "next_cursor": Object {
          "type": "string",
        },
        "next_start": Object {
          "type": "number",
        },
        "results": Object {
          "items": Object {
            "properties": Object {
              "excerpt": Object {
                "type": "string",
              },
              "id": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "last_modified": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "space": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "title": Object {
                "type": "string",
              },
              "type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "url": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "type",
              "title",
              "space",
              "excerpt",
              "last_modified",
              "url",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "total": Object {
          "type": "number",
        },
      },
      "required": Array [
        "cql",
        "results",
      ],
      "type": "object",
    },
    "title": "Search Confluence",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "Read a page by page_id, or by title + space_key. Content comes as markdown (macros kept readable) or raw storage format. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "anyOf": Array [
            Object {
              "pattern": "^\\\\d+$",
              "type": "string",
            },
            Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          ],
          "description": "Page id",
        },
        "space_key": Object {
          "description": "Space key (with title)",
          "minLength": 1,
          "type": "string",
        },
        "title": Object {
          "description": "Exact page title (with space_key)",
          "minLength": 1,
          "type": "string",
        },
      },
      "type": "object",
    },
    "name": "confluence_get_page",
    "outputSchema": Object {
      "properties": Object {
        "content": Object {
          "type": "string",
        },
        "content_truncated": Object {
          "type": "boolean",
        },
        "format": Object {
          "enum": Array [
            "markdown",
            "storage",
          ],
          "type": "string",
        },
        "id": Object {
          "type": "string",
        },
        "last_modified": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "space_key": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "space_name": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "title": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
        "version": Object {
          "type": Array [
            "number",
            "null",
          ],
        },
      },
      "required": Array [
        "id",
        "title",
        "space_key",
        "space_name",
        "version",
        "last_modified",
        "url",
        "format",
        "content",
        "content_truncated",
      ],
      "type": "object",
    },
    "title": "Get Confluence page",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "List the direct child pages of a page; with include_content, each child's content as markdown too (cut when long). Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "anyOf": Array [
            Object {
              "pattern": "^\\\\d+$",
              "type": "string",
            },
            Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          ],
          "description": "Parent page id",
        },
        "start": Object {
          "description": "Server/DC: next_start from the previous page",
          "maximum": 9007199254740991,
          "minimum": 0,
          "type": "integer",
        },
      },
      "required": Array [
        "parent_id",
      ],
      "type": "object",
    },
    "name": "confluence_get_page_children",
    "outputSchema": Object {
      "properties": Object {
        "next_cursor": Object {
          "type": "string",
        },
        "next_start": Object {
          "type": "number",
        },
        "pages": Object {
          "items": Object {
            "properties": Object {
              "content": Object {
                "type": "string",
              },
              "id": Object {
                "type": "string",
              },
              "last_modified": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "parent_id": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "title": Object {
                "type": "string",
              },
              "url": Object {
                "type": "string",
              },
              "version": Object {
                "type": Array [
                  "number",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "title",
              "version",
              "last_modified",
              "url",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "parent_id": Object {
          "type": "string",
        },
      },
      "required": Array [
        "parent_id",
        "pages",
      ],
      "type": "object",
    },
    "title": "List Confluence child pages",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "List the spaces this instance's account can see: key, name, type and description. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
        "start": Object {
          "description": "Server/DC: next_start from the previous page",
          "maximum": 9007199254740991,
          "minimum": 0,
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
    "outputSchema": Object {
      "properties": Object {
        "next_cursor": Object {
          "type": "string",
        },
        "next_start": Object {
          "type": "number",
        },
        "spaces": Object {
          "items": Object {
            "properties": Object {
              "description": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "homepage_id": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "id": Object {
                "type": "string",
              },
              "key": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
              "status": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "type": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "url": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "key",
              "name",
              "type",
              "status",
              "description",
              "homepage_id",
              "url",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "spaces",
      ],
      "type": "object",
    },
    "title": "List Confluence spaces",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "Show one space by key: name, type, status, description, home page and URL. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
    "inputSchema": Object {
      "properties": Object {
        "space_key": Object {
          "minLength": 1,
          "type": "string",
        },
      },
      "required": Array [
        "space_key",
      ],
      "type": "object",
    },
    "name": "confluence_get_space",
    "outputSchema": Object {
      "properties": Object {
        "description": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "homepage_id": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "id": Object {
          "type": "string",
        },
        "key": Object {
          "type": "string",
        },
        "name": Object {
          "type": "string",
        },
        "status": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "type": Object {
          "type": Array [
            "string",
            "null",
          ],
        },
        "url": Object {
          "type": "string",
        },
      },
      "required": Array [
        "id",
        "key",
        "name",
        "type",
        "status",
        "description",
        "homepage_id",
        "url",
      ],
      "type": "object",
    },
    "title": "Get Confluence space",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "List the pages of a space, one line each, with how to get the next page. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "minLength": 1,
          "type": "string",
        },
        "start": Object {
          "description": "Server/DC: next_start from the previous page",
          "maximum": 9007199254740991,
          "minimum": 0,
          "type": "integer",
        },
      },
      "required": Array [
        "space_key",
      ],
      "type": "object",
    },
    "name": "confluence_get_space_pages",
    "outputSchema": Object {
      "properties": Object {
        "next_cursor": Object {
          "type": "string",
        },
        "next_start": Object {
          "type": "number",
        },
        "pages": Object {
          "items": Object {
            "properties": Object {
              "content": Object {
                "type": "string",
              },
              "id": Object {
                "type": "string",
              },
              "last_modified": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "parent_id": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "title": Object {
                "type": "string",
              },
              "url": Object {
                "type": "string",
              },
              "version": Object {
                "type": Array [
                  "number",
                  "null",
                ],
              },
            },
            "required": Array [
              "id",
              "title",
              "version",
              "last_modified",
              "url",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "space_key": Object {
          "type": "string",
        },
      },
      "required": Array [
        "space_key",
        "pages",
      ],
      "type": "object",
    },
    "title": "List Confluence space pages",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": true,
    },
    "description": "Read the footer comments of a page as markdown, oldest first, with their authors; replies follow the comment they answer. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "anyOf": Array [
            Object {
              "pattern": "^\\\\d+$",
              "type": "string",
            },
            Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          ],
          "description": "Page id",
        },
        "start": Object {
          "description": "Server/DC: next_start from the previous page",
          "maximum": 9007199254740991,
          "minimum": 0,
          "type": "integer",
        },
      },
      "required": Array [
        "page_id",
      ],
      "type": "object",
    },
    "name": "confluence_get_comments",
    "outputSchema": Object {
      "properties": Object {
        "comments": Object {
          "items": Object {
            "properties": Object {
              "author": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "body": Object {
                "type": "string",
              },
              "created": Object {
                "type": Array [
                  "string",
                  "null",
                ],
              },
              "id": Object {
                "type": "string",
              },
              "parent_id": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "author",
              "created",
              "body",
            ],
            "type": "object",
          },
          "type": "array",
        },
        "next_cursor": Object {
          "type": "string",
        },
        "next_start": Object {
          "type": "number",
        },
        "page_id": Object {
          "type": "string",
        },
      },
      "required": Array [
        "page_id",
        "comments",
      ],
      "type": "object",
    },
    "title": "Get Confluence comments",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
    "description": "Create a page in a space, optionally under a parent page. Content is markdown by default (code blocks become code macros, \\"> **Info:** …\\" an info panel). Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "anyOf": Array [
            Object {
              "pattern": "^\\\\d+$",
              "type": "string",
            },
            Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          ],
          "description": "Parent page id",
        },
        "space_key": Object {
          "minLength": 1,
          "type": "string",
        },
        "title": Object {
          "maxLength": 255,
          "minLength": 1,
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
    "outputSchema": Object {
      "properties": Object {
        "id": Object {
          "type": "string",
        },
        "title": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
        "version": Object {
          "type": Array [
            "number",
            "null",
          ],
        },
      },
      "required": Array [
        "id",
        "title",
        "version",
        "url",
      ],
      "type": "object",
    },
    "title": "Create Confluence page",
  },
  Object {
    "annotations": Object {
      "destructiveHint": true,
      "idempotentHint": true,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
    "description": "Replace a page's title and/or content. With markdown, edit the markdown confluence_get_page returned: every block you leave as it was keeps its original storage (macros, layouts, links), only changed blocks are rewritten. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
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
          "anyOf": Array [
            Object {
              "pattern": "^\\\\d+$",
              "type": "string",
            },
            Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          ],
          "description": "Page id",
        },
        "title": Object {
          "maxLength": 255,
          "minLength": 1,
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
    "outputSchema": Object {
      "properties": Object {
        "blocks_kept": Object {
          "type": "number",
        },
        "blocks_rewritten": Object {
          "type": "number",
        },
        "id": Object {
          "type": "string",
        },
        "title": Object {
          "type": "string",
        },
        "url": Object {
          "type": "string",
        },
        "version": Object {
          "type": Array [
            "number",
            "null",
          ],
        },
      },
      "required": Array [
        "id",
        "title",
        "version",
        "url",
      ],
      "type": "object",
    },
    "title": "Update Confluence page",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": false,
      "openWorldHint": true,
      "readOnlyHint": false,
    },
    "description": "Add a footer comment (markdown) to a page. Instance: wiki (default), Confluence Cloud at https://acme.atlassian.net/wiki.",
    "inputSchema": Object {
      "properties": Object {
        "body": Object {
          "description": "Markdown",
          "minLength": 1,
          "type": "string",
        },
        "page_id": Object {
          "anyOf": Array [
            Object {
              "pattern": "^\\\\d+$",
              "type": "string",
            },
            Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          ],
          "description": "Page id",
        },
      },
      "required": Array [
        "page_id",
        "body",
      ],
      "type": "object",
    },
    "name": "confluence_add_comment",
    "outputSchema": Object {
      "properties": Object {
        "id": Object {
          "type": "string",
        },
        "page_id": Object {
          "type": "string",
        },
      },
      "required": Array [
        "id",
        "page_id",
      ],
      "type": "object",
    },
    "title": "Comment on Confluence page",
  },
  Object {
    "annotations": Object {
      "destructiveHint": false,
      "idempotentHint": true,
      "openWorldHint": false,
      "readOnlyHint": true,
    },
    "description": "List the Jira and Confluence instances this gateway serves: name, product, platform, URL, read-only, tool prefix and tool count.",
    "inputSchema": Object {
      "properties": Object {},
      "type": "object",
    },
    "name": "gateway_list_instances",
    "outputSchema": Object {
      "properties": Object {
        "instances": Object {
          "items": Object {
            "properties": Object {
              "default": Object {
                "type": "boolean",
              },
              "name": Object {
                "type": "string",
              },
              "platform": Object {
                "type": "string",
              },
              "product": Object {
                "type": "string",
              },
              "read_only": Object {
                "type": "boolean",
              },
              "status": Object {
                "type": "string",
              },
              "tool_prefix": Object {
                "type": "string",
              },
              "tools": Object {
                "type": "number",
              },
              "url": Object {
                "type": "string",
              },
            },
            "required": Array [
              "name",
              "product",
              "platform",
              "url",
              "default",
              "read_only",
              "tools",
              "tool_prefix",
              "status",
            ],
            "type": "object",
          },
          "type": "array",
        },
      },
      "required": Array [
        "instances",
      ],
      "type": "object",
    },
    "title": "List Atlassian instances",
  },
]
`
