/**
 * The configuration files the benchmarks write for their gateway processes (bench/processes.ts) live in temporary
 * folders that are removed when the benchmark's process exits, however it ends, so runs leave nothing in the temp dir.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const PROCESSES = fileURLToPath(new URL('../../bench/processes.ts', import.meta.url));

/** Runs `body` (ES module code with `gatewayConfigFile` in scope) in a process of its own; returns what it printed. */
function inChild(body: string): string {
  const script = `import { gatewayConfigFile } from ${JSON.stringify(PROCESSES)};\n${body}`;
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

t.test('a gateway configuration file exists while the process runs and is gone after it exits', async (t) => {
  const file = inChild("const file = gatewayConfigFile('http://127.0.0.1:9', []);\nprocess.stdout.write(file);").trim();
  t.match(file, /gateway-bench-[^/]+\/instances\.yaml$/);
  t.notOk(existsSync(dirname(file)), 'the folder is removed at exit');
});

t.test('also when the process ends with an error', async (t) => {
  const printed = inChild(
    "const file = gatewayConfigFile('http://127.0.0.1:9', []);\n" +
      "process.stdout.write(file + '\\n' + (await import('node:fs')).readFileSync(file, 'utf8'));\n" +
      "throw new Error('the benchmark failed');",
  );
  const [path = '', ...yaml] = printed.split('\n');
  t.match(yaml.join('\n'), /instances:/, 'the file was written');
  t.notOk(existsSync(dirname(path)));
});
