/** The stateless store of callers' defaults stays bounded: a cap on callers, least recently used out first, idle expiry. */
import t from 'tap';
import { ConnectionDefaults, KeyedDefaults } from '../../src/mcp/defaults-store.js';

t.test('at most maxCallers callers are kept; the least recently used makes room', async (t) => {
  const store = new KeyedDefaults({ maxCallers: 3 });
  for (const key of ['a', 'b', 'c']) store.handleFor(key).set({ jira_project: key.toUpperCase() });
  t.equal(store.handleFor('a').get().jira_project, 'A', 'reading a makes it the most recently used');
  store.handleFor('d').set({ jira_project: 'D' });
  t.equal(store.size, 3);
  t.same(store.handleFor('b').get(), {}, 'b, the least recently used, made room');
  t.equal(store.handleFor('a').get().jira_project, 'A');
  t.equal(store.handleFor('d').get().jira_project, 'D');
  for (let index = 0; index < 10_000; index++) store.handleFor(`caller-${index}`).set({ servicedesk: String(index) });
  t.equal(store.size, 3, 'however many callers come');
});

t.test('defaults unused for idleMs are forgotten, and reset forgets them at once', async (t) => {
  let now = 0;
  const store = new KeyedDefaults({ idleMs: 1000, now: () => now });
  store.handleFor('a').set({ output_format: 'json' });
  now = 900;
  t.equal(store.handleFor('a').get().output_format, 'json');
  now = 1800;
  t.equal(store.handleFor('a').get().output_format, 'json', 'the read at 900 kept it alive');
  now = 2801;
  t.same(store.handleFor('a').get(), {});
  t.equal(store.size, 0);
  store.handleFor('b').set({ jira_project: 'B' });
  store.handleFor('b').reset();
  t.equal(store.size, 0);
});

t.test('a connection keeps its own defaults', async (t) => {
  const one = new ConnectionDefaults();
  const two = new ConnectionDefaults();
  one.set({ jira_project: 'OPS' });
  t.same(two.get(), {});
  one.reset();
  t.same(one.get(), {});
});
