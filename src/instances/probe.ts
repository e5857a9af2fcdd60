/**
 * Startup validation: one cheap "who am I" call per configured instance, so bad credentials, a sign-in redirect or an
 * unreachable host show up in `/readyz` and `gateway_list_instances` at once, instead of later as empty
 * or failed results.
 */
import { AtlassianError } from '../atlassian/errors.js';
import type { Logger } from '../logging.js';
import type { InstanceRuntime } from './registry.js';

/** Who the instance's credentials belong to: Jira's `myself`, Confluence's current user. */
function whoAmI(instance: InstanceRuntime): Promise<unknown> {
  if (instance.jira) return instance.jira.myself();
  if (instance.confluence) return instance.confluence.currentUser();
  return Promise.resolve();
}

/** Probes every instance concurrently; each outcome lands in the instance's health. Never throws. */
export async function probeInstances(instances: readonly InstanceRuntime[], logger: Logger): Promise<void> {
  await Promise.all(
    instances.map(async (instance) => {
      try {
        await whoAmI(instance);
        instance.record('ok');
        // Only asked when the configuration does not say whether Service Management is there.
        // Another failure there leaves it unknown: it says nothing about the instance's health.
        if (instance.serviceDesk && instance.config.servicedesk === undefined) await instance.serviceDesk.probe().catch(() => undefined);
      } catch (error) {
        const failure = error instanceof AtlassianError ? error.failure : 'unreachable';
        instance.record(failure);
        logger.warn({ instance: instance.config.name, status: instance.health, cause: error instanceof AtlassianError ? error.describe('Startup check') : 'unexpected error' }, 'instance failed its startup check');
      }
    }),
  );
}
