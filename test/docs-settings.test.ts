/** docs/configuration.md's precedence table lists every process-wide setting with each place it can come from. */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { PROCESS_SETTINGS } from '../src/config/settings.js';

const doc = readFileSync('docs/configuration.md', 'utf8');
const section = doc.slice(doc.indexOf('## Process-wide settings and precedence'), doc.indexOf('## YAML files'));
const rows = section.split('\n').filter((line) => line.startsWith('| `'));

t.test('the rule is stated once, in the order the loader applies it', async (t) => {
  t.match(doc, '**command-line flag > environment variable > YAML file > default**');
  t.equal(doc.split('## Process-wide settings and precedence').length, 2, 'one table');
});

for (const setting of PROCESS_SETTINGS) {
  t.test(`${setting.path} has its row`, async (t) => {
    const row = rows.find((line) => line.startsWith(`| \`${setting.path}\` |`));
    t.ok(row, `a row starts with the YAML key ${setting.path}`);
    const cells =
      row
        ?.split('|')
        .map((cell) => cell.trim())
        .slice(1) ?? [];
    t.equal(cells[1], setting.env.map((name) => `\`${name}\``).join(', '), 'its variables, strongest first');
    t.equal(cells[2], setting.flag ? `\`${setting.flag}\`` : '', 'its flag');
  });
}
