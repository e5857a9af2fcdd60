/**
 * `currentUser()` substitution for shared service accounts: only the function call is replaced, never the same
 * letters inside a quoted string of either quote kind (escaped quotes included), in JQL and CQL alike.
 */
import t from 'tap';
import { ToolInputError } from '../../src/atlassian/input-error.js';
import { currentUserCalls, replaceCurrentUser } from '../../src/atlassian/query/current-user.js';

const ALICE = '"alice"';

t.test('calls outside quotes are replaced, text inside quotes is kept', async (t) => {
  const cases: Array<[string, string]> = [
    ['assignee = currentUser()', 'assignee = "alice"'],
    ['assignee=currentUser ( )ORDER BY key', 'assignee="alice"ORDER BY key'],
    ['summary ~ "currentUser()"', 'summary ~ "currentUser()"'],
    ["summary ~ 'currentUser()'", "summary ~ 'currentUser()'"],
    [
      'summary ~ "say \\"currentUser()\\" twice" OR reporter = CURRENTUSER()',
      'summary ~ "say \\"currentUser()\\" twice" OR reporter = "alice"',
    ],
    [
      "text ~ 'it\\'s currentUser()' and creator = currentUser()",
      "text ~ 'it\\'s currentUser()' and creator = \"alice\"",
    ],
    ['assignee in (currentUser(), "bob")', 'assignee in ("alice", "bob")'],
    ['summary ~ currentUserName', 'summary ~ currentUserName'],
  ];
  for (const [query, expected] of cases) {
    t.equal(replaceCurrentUser(query, 'JQL', ALICE), expected, query);
    t.equal(replaceCurrentUser(query, 'CQL', ALICE), expected, `${query} (CQL)`);
  }
});

t.test('a query that only mentions currentUser() in a string has no call to replace', async (t) => {
  t.same(currentUserCalls('summary ~ "currentUser()"', 'JQL'), []);
  t.same(currentUserCalls('creator = currentUser() and title ~ "x"', 'CQL'), [[10, 23]]);
});

t.test('a query whose strings cannot be told apart is refused, not guessed at', async (t) => {
  t.throws(
    () => replaceCurrentUser('summary ~ "currentUser() AND assignee = currentUser()', 'JQL', ALICE),
    ToolInputError,
  );
});
