/** A sandbox person as Jira returns a user: by accountId on Cloud (REST v3), by username and key on Server/DC (v2). */
import type { JiraFlavor, SandboxUser } from './jira-model.js';

export function userPayload(person: SandboxUser, flavor: JiraFlavor, base: string) {
  const avatarUrls = {
    '48x48': `${base}/avatar/48.png`,
    '24x24': `${base}/avatar/24.png`,
    '16x16': `${base}/avatar/16.png`,
    '32x32': `${base}/avatar/32.png`,
  };
  if (flavor === 'cloud') {
    return {
      self: `${base}/rest/api/3/user?accountId=${person.accountId}`,
      accountId: person.accountId,
      accountType: 'atlassian',
      emailAddress: person.email,
      avatarUrls,
      displayName: person.displayName,
      active: true,
      timeZone: 'Europe/Berlin',
    };
  }
  return {
    self: `${base}/rest/api/2/user?username=${person.name}`,
    name: person.name,
    key: person.name,
    emailAddress: person.email,
    avatarUrls,
    displayName: person.displayName,
    active: true,
    timeZone: 'Europe/Berlin',
  };
}
