/**
 * The status page in Debian's headless Chromium, JavaScript off, at a desktop and a phone-sized viewport: the
 * rendered DOM holds a row per instance, the screenshot shows each row's health badge in its colour where the
 * layout puts it, and on the phone nothing is wider than the screen (each instance a card, one under another).
 * The gateway key travels as a header, as a proxy or browser extension would send it.
 * Skipped, loudly, where Chromium is not installed; under CI (which installs it) that is a failure instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ChromiumPage, findChromium } from '../helpers/chromium.js';
import { connectClient } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';
import { countColour, decodePng } from '../helpers/png.js';

const KEY = 'browser-key-0123456789abcdef';
/** The badge colours of status-html.ts: ok is green, not yet called is grey. */
const GREEN = [0x1a, 0x7f, 0x37] as const;
const GREY = [0x6e, 0x77, 0x81] as const;

const chromium = findChromium();
if (!chromium) {
  process.stderr.write(
    `\n${'!'.repeat(100)}\n!! test/e2e/status-page-browser.test.ts SKIPPED: chromium is not installed; the status page was NOT rendered.\n${'!'.repeat(100)}\n`,
  );
  if (process.env.CI || process.env.REQUIRE_SYSTEM_TESTS) t.fail('chromium is required here (.ci/run installs it)');
  else t.plan(0, 'no chromium');
} else {
  t.test('the status page renders every instance row, on a desktop and on a phone, without JavaScript', async (t) => {
    const gateway = await startTestGateway({ extra: { api_keys: [KEY] } });
    t.teardown(() => gateway.close());
    const client = await connectClient(gateway.url, 'http-2026', { 'x-gateway-key': KEY });
    t.teardown(() => client.close());
    // prod, staging and wiki answer a call each; dcwiki is not called, so it stays "unknown".
    for (const [name, args] of [
      ['jira_get_issue', { issue_key: 'OPS-1' }],
      ['jira_staging_get_issue', { issue_key: 'WEB-1' }],
      ['confluence_get_page', { page_id: '1002' }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      t.notOk(result.isError, `${name} answered`);
    }
    const expected: Record<string, readonly [number, number, number]> = {
      prod: GREEN,
      staging: GREEN,
      wiki: GREEN,
      dcwiki: GREY,
    };

    const page = await ChromiumPage.launch(t, chromium);
    await page.viewport(1280, 800, { javascript: false });
    t.equal(await page.open(`${gateway.url}/`), 401, 'without the key the browser gets no page');
    t.notMatch(await page.html(), /data-instance/, 'and no instance');
    await page.send('Network.setExtraHTTPHeaders', { headers: { 'x-gateway-key': KEY } });

    for (const screen of [
      { name: 'desktop', width: 1280, height: 800, mobile: false },
      { name: 'phone', width: 390, height: 844, mobile: true },
    ]) {
      await page.viewport(screen.width, screen.height, { mobile: screen.mobile, javascript: false });
      t.equal(await page.open(`${gateway.url}/`), 200, `${screen.name}: the page loads`);

      const dom = await page.html();
      for (const name of Object.keys(expected)) t.match(dom, `data-instance="${name}"`, `${screen.name}: ${name} row`);
      t.match(dom, /Claude Desktop.*Claude Code.*Cursor.*VS Code.*Cline/s, `${screen.name}: client configurations`);

      const rows = await page.elements('tr[data-instance]');
      const badges = await page.elements('tr[data-instance] .badge');
      t.same(
        rows.map((row) => row.attributes['data-instance']),
        Object.keys(expected),
        `${screen.name}: one row per instance, in order`,
      );
      const png = await page.screenshot();
      writeFileSync(join(t.testdir(), `status-${screen.name}.png`), png);
      const image = decodePng(png);
      const { content, viewport } = await page.layout();
      t.equal(image.width, Math.ceil(content.width), `${screen.name}: the screenshot is the page's width`);

      rows.forEach((row, index) => {
        const name = row.attributes['data-instance']!;
        const box = row.box!;
        const badge = badges[index]!.box!;
        t.ok(box.width > 0 && box.height > 0, `${screen.name}: ${name} row is laid out`);
        t.ok(
          box.x >= 0 && box.x + box.width <= viewport.width + 1,
          `${screen.name}: ${name} row fits the screen width`,
        );
        const { matching, total } = countColour(image, badge, expected[name]!);
        t.ok(
          total > 0 && matching / total > 0.4,
          `${screen.name}: the screenshot shows ${name}'s health badge in its colour (${matching} of ${total} pixels)`,
        );
        if (index > 0) {
          const above = rows[index - 1]!.box!;
          t.ok(box.y >= above.y + above.height - 1, `${screen.name}: ${name} is below the instance before it`);
        }
      });

      if (screen.mobile) {
        t.ok(content.width <= screen.width + 1, `phone: nothing is wider than the screen (${content.width} px)`);
        t.ok(
          rows.every((row) => row.box!.height > 60),
          'phone: each instance is a card of its own lines, not a squeezed table row',
        );
      } else {
        const left = new Set(badges.map((badge) => Math.round(badge.box!.x)));
        t.equal(left.size, 1, 'desktop: the health badges line up in one column');
      }
    }
  });
}
