/**
 * The sign-in's HTML: plain server-rendered pages, no script, no build step. A progress page between instances,
 * a site choice when a Cloud grant covers several sites and none is the instance's, and an error page.
 */

export interface ProgressStep {
  label: string;
  state: 'done' | 'next' | 'waiting';
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#172b4d}
li{margin:.4rem 0}.done{color:#216e4e}.next{font-weight:600}.waiting{color:#626f86}
a.button,button{display:inline-block;background:#0c66e4;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;
text-decoration:none;font:inherit;cursor:pointer}</style></head>
<body><h1>${escape(title)}</h1>
${body}
</body></html>`;
}

/** Which instances are signed in and which comes next, with a link that starts the next one's sign-in. */
export function progressPage(clientName: string, steps: readonly ProgressStep[], nextHref: string): string {
  const marks = { done: '✓', next: '→', waiting: '·' };
  const items = steps
    .map((step) => `<li class="${step.state}">${marks[step.state]} ${escape(step.label)}</li>`)
    .join('\n');
  const next = steps.find((step) => step.state === 'next');
  return page(
    'Sign in to Atlassian',
    `<p>${escape(clientName)} asks to use the Atlassian MCP Gateway as you. Sign in to each instance with your own account:</p>
<ol>
${items}
</ol>
<p><a class="button" id="continue" href="${escape(nextHref)}">Continue to ${escape(next?.label ?? 'the next instance')}</a></p>`,
  );
}

/** A Cloud grant covering several sites, none of them the instance's URL: the user says which one is meant. */
export function siteChoicePage(
  instanceLabel: string,
  sites: ReadonlyArray<{ id: string; name: string; url: string }>,
  action: string,
): string {
  const options = sites
    .map(
      (site, index) =>
        `<li><label><input type="radio" name="site" value="${escape(site.id)}"${index === 0 ? ' checked' : ''}> ${escape(site.name)} (${escape(site.url)})</label></li>`,
    )
    .join('\n');
  return page(
    'Choose the site',
    `<p>Your approval covers several Atlassian sites, and none of them is the one configured for ${escape(instanceLabel)}. Which one should the gateway use?</p>
<form method="post" action="${escape(action)}"><ul>
${options}
</ul><button type="submit">Use this site</button></form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<p>${escape(message)}</p><p>Close this window and connect again from your MCP client.</p>`);
}
