/** Configuration problems: collected together, each naming where it came from, reported once at startup. */

/** One thing wrong with the configuration: `where` is an env var or a YAML path. */
export interface ConfigProblem {
  where: string;
  message: string;
}

/** Thrown by the loader when the configuration cannot be used; carries every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((problem) => `  - ${problem.where}: ${problem.message}`);
  return `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
