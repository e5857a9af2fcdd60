/** `resources/list` is bounded: a connection keeps its latest items, newest first, each once. */
import t from 'tap';
import { RECENT_ITEMS_LIMIT, RecentItems } from '../../src/mcp/recent-items.js';

t.test('keeps the latest items, newest first, each once', async (t) => {
  const recent = new RecentItems();
  for (let index = 1; index <= RECENT_ITEMS_LIMIT + 10; index += 1)
    recent.remember({ uri: `jira://prod/issue/OPS-${index}`, name: `OPS-${index}` });
  recent.remember({ uri: 'jira://prod/issue/OPS-20', name: 'OPS-20' });
  const uris = recent.list().map((item) => item.uri);
  t.equal(uris.length, RECENT_ITEMS_LIMIT, 'bounded');
  t.equal(RECENT_ITEMS_LIMIT, 50);
  t.equal(uris[0], 'jira://prod/issue/OPS-20', 'seen again: first');
  t.equal(uris[1], `jira://prod/issue/OPS-${RECENT_ITEMS_LIMIT + 10}`);
  t.equal(new Set(uris).size, uris.length, 'each once');
  t.notOk(uris.includes('jira://prod/issue/OPS-10'), 'the oldest dropped out');
});
