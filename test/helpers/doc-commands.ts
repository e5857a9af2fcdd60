/**
 * Reads the command and file blocks of docs/deployment.md so the tests run exactly what the page tells a reader to
 * run. A block is marked by the comment line before it: `<!-- commands: ID (run by test/…) -->` or
 * `<!-- file: ID (run by test/…) -->`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const DEPLOYMENT_DOC = 'docs/deployment.md';

export interface DocBlock {
  kind: 'commands' | 'file';
  id: string;
  /** The test file the marker says runs it. */
  runBy: string;
  language: string;
  text: string;
}

/** Every fenced block of the page, with its marker when it has one. */
export function docBlocks(doc = DEPLOYMENT_DOC): Array<{ language: string; text: string; marker?: DocBlock }> {
  const blocks: Array<{ language: string; text: string; marker?: DocBlock }> = [];
  const pattern = /(?:<!-- (commands|file): ([a-z-]+) \(run by ([^)]+)\) -->\n)?```(\w*)\n([\s\S]*?)```/g;
  for (const [, kind, id, runBy, language, text] of readFileSync(doc, 'utf8').matchAll(pattern)) {
    const marker = kind
      ? { kind: kind as DocBlock['kind'], id: id!, runBy: runBy!, language: language!, text: text! }
      : undefined;
    blocks.push({ language: language!, text: text!, marker });
  }
  return blocks;
}

export function documentedBlock(id: string, doc = DEPLOYMENT_DOC): DocBlock {
  const block = docBlocks(doc).find((candidate) => candidate.marker?.id === id)?.marker;
  if (!block) throw new Error(`${doc} has no block marked ${id}`);
  return block;
}

/** The command lines of a block, comments and blank lines dropped. */
export function documentedCommands(id: string, doc = DEPLOYMENT_DOC): string[] {
  return documentedBlock(id, doc)
    .text.split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

export interface DocRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the command started serving and was then stopped with SIGTERM. */
  served: boolean;
}

/**
 * Runs one documented line with bash. A line that starts the gateway serving (it logs "gateway listening") is
 * stopped with SIGTERM once it does; its exit code then tells whether it shut down cleanly.
 */
export function runDocumented(
  line: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<DocRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let served = false;
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`"${line}" did not finish in time:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!served && stderr.includes('"msg":"gateway listening"')) {
        served = true;
        // bash runs a single command in its own place (exec), so this reaches the gateway itself.
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, served });
    });
  });
}
