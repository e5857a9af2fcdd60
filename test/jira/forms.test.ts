/**
 * Jira Cloud forms through the Forms API (on Atlassian's API gateway, found by the site's cloud id; the sandbox
 * plays both). The Forms API is not among the shared OpenAPI documents, so these requests are checked by behaviour.
 */
import t from 'tap';
import { JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['forms'] },
  transport: 'http-2026',
});
const { call } = harness;

t.test('list, read and answer a form', async (t) => {
  const forms = await call('jira_staging_get_issue_forms', { issue_key: 'WEB-1' });
  t.notOk(forms.isError, forms.text);
  t.match(forms.data.forms, [{ name: 'Change request', submitted: false, locked: false }]);
  const formId = forms.data.forms[0].id;
  t.match((await call('jira_staging_get_issue_forms', { issue_key: 'WEB-4' })).text, /WEB-4 has no forms\./);

  const details = await call('jira_staging_get_form_details', { issue_key: 'WEB-1', form_id: formId });
  t.match(
    details.text,
    /# Change request \(open\)\n- Reason for change \(question 1, long text, required\): Proxy timeouts on login\n- Risk \(question 2, single choice, required; choices: Low, Medium, High\): unanswered/,
  );

  const saved = await call('jira_staging_update_form_answers', {
    issue_key: 'WEB-1',
    form_id: formId,
    answers: [
      { question_id: '2', choices: ['high'] },
      { question_id: '3', date: '2026-12-01' },
      { question_id: '1', text: 'Timeouts behind the proxy' },
    ],
  });
  t.notOk(saved.isError, saved.text);
  const after = await call('jira_staging_get_form_details', { issue_key: 'WEB-1', form_id: formId });
  t.same(
    after.data.questions.map((entry: { answer: string }) => entry.answer),
    ['Timeouts behind the proxy', 'High', '2026-12-01'],
  );
});

t.test('clear errors for bad answers and closed forms', async (t) => {
  const formId = (await call('jira_staging_get_issue_forms', { issue_key: 'WEB-1' })).data.forms[0].id;
  const badChoice = await call('jira_staging_update_form_answers', {
    issue_key: 'WEB-1',
    form_id: formId,
    answers: [{ question_id: '2', choices: ['Extreme'] }],
  });
  t.match(badChoice.text, /"Extreme" is not a choice of question 2; choices: Low, Medium, High/);
  const badQuestion = await call('jira_staging_update_form_answers', {
    issue_key: 'WEB-1',
    form_id: formId,
    answers: [{ question_id: '9', text: 'x' }],
  });
  t.match(
    badQuestion.text,
    /no question 9 on this form; questions: 1 \(Reason for change\), 2 \(Risk\), 3 \(Go-live date\)/,
  );
  const submitted = (await call('jira_staging_get_issue_forms', { issue_key: 'WEB-2' })).data.forms[0];
  const closed = await call('jira_staging_update_form_answers', {
    issue_key: 'WEB-2',
    form_id: submitted.id,
    answers: [{ question_id: '1', text: 'x' }],
  });
  t.match(closed.text, /the form is submitted; reopen it in Jira before changing answers/);
  const missing = await call('jira_staging_get_form_details', { issue_key: 'WEB-1', form_id: 'nope' });
  t.match(missing.text, /Get form nope of WEB-1 failed on instance "staging": not found/);
});

t.test('the cloud id comes from the site, once', async (t) => {
  const tenantLookups = harness.gateway.sandbox.requests.filter((request) => request.path === '/_edge/tenant_info');
  t.equal(tenantLookups.length, 1);
  const { tools } = await harness.client.listTools();
  t.notOk(
    tools.some((tool) => tool.name.startsWith('jira_get_issue_forms')),
    'no forms tools on the Server/DC default instance',
  );
  t.ok(tools.some((tool) => tool.name === 'jira_staging_get_issue_forms'));
});
