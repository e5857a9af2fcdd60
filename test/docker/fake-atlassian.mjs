/**
 * An HTTP-level fake of the Atlassian APIs the container test calls, run in its own container on the compose
 * network (plain Node, no dependencies). It accepts exactly the credentials the test's .env gives: a personal access
 * token, two basic-auth pairs, and an OAuth client whose refresh token rotates on every use (the previous one stops
 * working, as Atlassian's do), and says in each issue's summary whose credentials it saw.
 */
import { createServer } from 'node:http';

const env = process.env;
const basic = (user, token) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
const known = new Map([
  [`Bearer ${env.JIRA_PROD_PAT}`, 'the prod PAT'],
  [basic(env.JIRA_STAGING_EMAIL, env.JIRA_STAGING_API_TOKEN), env.JIRA_STAGING_EMAIL],
  [basic(env.CONFLUENCE_EMAIL, env.CONFLUENCE_API_TOKEN), env.CONFLUENCE_EMAIL],
]);
let refreshToken = env.JIRA_OPS_REFRESH_TOKEN;
let accessToken;
let grants = 0;

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function token(request, response, form) {
  if (form.get('client_id') !== env.JIRA_OPS_CLIENT_ID || form.get('client_secret') !== env.JIRA_OPS_CLIENT_SECRET) {
    return send(response, 401, { error: 'invalid_client' });
  }
  if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== refreshToken) {
    return send(response, 400, { error: 'invalid_grant', error_description: 'refresh token unknown or already used' });
  }
  grants += 1;
  refreshToken = `rotated-refresh-${grants}`;
  accessToken = `access-${grants}`;
  // Short-lived, so every call refreshes and so needs the latest refresh token.
  send(response, 200, { access_token: accessToken, refresh_token: refreshToken, expires_in: 1, token_type: 'bearer' });
}

createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const url = new URL(request.url, 'http://fake');
    process.stdout.write(`${request.method} ${url.pathname}\n`);
    if (request.method === 'POST' && url.pathname === '/rest/oauth2/latest/token')
      return token(request, response, new URLSearchParams(body));
    const authorization = request.headers.authorization ?? '';
    const who =
      known.get(authorization) ??
      (accessToken && authorization === `Bearer ${accessToken}` ? `OAuth grant ${grants}` : undefined);
    if (!who) return send(response, 401, { errorMessages: ['unauthorized'] });
    if (/^\/rest\/api\/[23]\/myself$/.test(url.pathname) || url.pathname === '/wiki/rest/api/user/current') {
      return send(response, 200, { accountId: 'fake', name: 'fake', displayName: who });
    }
    const issue = /^\/rest\/api\/[23]\/issue\/([A-Z]+-\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && issue) {
      const key = issue[1];
      return send(response, 200, {
        id: '10001',
        key,
        fields: {
          summary: `seen as ${who}`,
          status: { name: 'Open' },
          issuetype: { name: 'Task' },
          project: { key: key.split('-')[0] },
        },
      });
    }
    send(response, 404, { errorMessages: [`no fake for ${request.method} ${url.pathname}`] });
  });
}).listen(8080, '0.0.0.0');

process.on('SIGTERM', () => process.exit(0));
