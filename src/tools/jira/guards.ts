/** Project allow-lists for tools: an issue or project outside the instance's list answers as if it did not exist. */
import { AtlassianError } from '../../atlassian/errors.js';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { isProjectAllowed } from '../../atlassian/jira/jql.js';
import type { InstanceView } from '../define.js';

export function assertIssueVisible(instance: InstanceView, jira: JiraClient, issueKey: string, method = 'GET'): void {
  if (!isProjectAllowed(issueKey, instance.projectsFilter)) {
    throw new AtlassianError({ instance: instance.name, method, path: `${jira.api}/issue/${issueKey}`, failure: 'not_found', status: 404 });
  }
}

export function assertProjectVisible(instance: InstanceView, jira: JiraClient, projectKey: string, method = 'GET'): void {
  if (!isProjectAllowed(`${projectKey}-1`, instance.projectsFilter)) {
    throw new AtlassianError({ instance: instance.name, method, path: `${jira.api}/project/${projectKey}`, failure: 'not_found', status: 404 });
  }
}
