/**
 * A configuration reload as the operator sees it, whatever asked for it (SIGHUP, `--watch`, `POST /admin/reload`):
 * the configuration is loaded again by the same loader with the same command line, validated in full, and swapped in;
 * an invalid one is logged problem by problem and changes nothing. Every outcome is counted in the metrics.
 */
import { ConfigError } from '../config/errors.js';
import type { GatewayConfig } from '../config/schema.js';
import type { GatewayCore } from '../gateway.js';
import type { ConfigReloadOutcome } from '../telemetry/metrics.js';
import { anythingToApply, type ConfigChanges } from './changes.js';

/** What asked for the reload, for the log. */
export type ReloadTrigger = 'SIGHUP' | 'watch' | 'admin';

/** The answer of a reload: what changed, or why nothing did. */
export interface ReloadReport {
  outcome: ConfigReloadOutcome;
  /** Present unless the new configuration was refused. */
  changes?: ConfigChanges;
  /** Each problem of a refused configuration, naming the env var or YAML path. */
  errors?: string[];
  /** Warnings of the loader about the new configuration (skipped instances, ignored variables). */
  warnings?: string[];
}

export async function reloadConfiguration(
  core: GatewayCore,
  load: () => GatewayConfig,
  trigger: ReloadTrigger,
): Promise<ReloadReport> {
  const log = core.logger.child({ component: 'reload', trigger });
  const report = await attempt(core, load);
  core.telemetry.configReload(report.outcome);
  for (const warning of report.warnings ?? []) log.warn(warning);
  if (report.errors) {
    log.error(
      { outcome: report.outcome, errors: report.errors },
      'configuration reload refused: the running configuration keeps serving',
    );
    return report;
  }
  const changes = report.changes!;
  if (changes.restartNeeded.length > 0)
    log.warn(
      { settings: changes.restartNeeded },
      'configuration reload: these settings need a restart and keep their running values',
    );
  log.info(
    {
      outcome: report.outcome,
      added: changes.instances.added,
      removed: changes.instances.removed,
      changed: changes.instances.changed,
      settings: changes.settings,
      tools: changes.tools.after,
    },
    report.outcome === 'applied' ? 'configuration reloaded' : 'configuration reload: nothing to change',
  );
  return report;
}

async function attempt(core: GatewayCore, load: () => GatewayConfig): Promise<ReloadReport> {
  let config: GatewayConfig;
  try {
    config = load();
  } catch (error) {
    return refused(error);
  }
  try {
    const changes = await core.replace(config);
    return { outcome: anythingToApply(changes) ? 'applied' : 'unchanged', changes, warnings: config.warnings };
  } catch (error) {
    return { ...refused(error), warnings: config.warnings };
  }
}

/** A configuration error lists its problems; anything else is a failure whose message alone is reported. */
function refused(error: unknown): ReloadReport {
  if (error instanceof ConfigError)
    return {
      outcome: 'invalid',
      errors: error.problems.map((problem) => `${problem.where}: ${problem.message}`),
    };
  return { outcome: 'failed', errors: [error instanceof Error ? error.message : String(error)] };
}

/**
 * The JSON answer of `POST /admin/reload`: 200 when the new configuration serves (or had nothing to change), 422
 * when it was refused, 500 when building it failed; setting paths only, never values.
 */
export function reloadAnswer(report: ReloadReport): { status: number; body: Record<string, unknown> } {
  const status = report.outcome === 'invalid' ? 422 : report.outcome === 'failed' ? 500 : 200;
  const { changes } = report;
  return {
    status,
    body: {
      outcome: report.outcome,
      ...(changes && {
        instances: changes.instances,
        settings: changes.settings,
        restart_needed: changes.restartNeeded,
        tools: changes.tools.after,
        tools_before: changes.tools.before,
      }),
      ...(report.errors && { errors: report.errors }),
      ...(report.warnings?.length ? { warnings: report.warnings } : {}),
    },
  };
}
