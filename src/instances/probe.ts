/**
 * Startup validation: one cheap "who am I" call per configured instance, so bad credentials, a sign-in redirect or an
 * unreachable host show up in `/readyz` and `gateway_list_instances` at once, instead of later as empty
 * or failed results; and, for Jira instances that do not say, whether Service Management is there.
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
    // Per-user instances have no credentials of their own to check: each user's are checked by their calls.
    withOwnCredentials(instances).map(async (instance) => {
      try {
        await whoAmI(instance);
        instance.record('ok');
      } catch (error) {
        const failure = error instanceof AtlassianError ? error.failure : 'unreachable';
        instance.record(failure);
        logger.warn(
          {
            instance: instance.config.name,
            status: instance.health,
            cause: error instanceof AtlassianError ? error.describe('Startup check') : 'unexpected error',
          },
          'instance failed its startup check',
        );
      }
    }),
  );
}

/** Jira instances that do not say whether they have Service Management: the startup asks them. */
export function askServiceDesk(instances: readonly InstanceRuntime[]): InstanceRuntime[] {
  return withOwnCredentials(instances).filter(
    (instance) => instance.serviceDesk && instance.config.servicedesk === undefined,
  );
}

function withOwnCredentials(instances: readonly InstanceRuntime[]): InstanceRuntime[] {
  return instances.filter((instance) => instance.config.auth.type !== 'per_user');
}

/**
 * Asks each of them `GET /rest/servicedeskapi/info`, for at most `limitMs` in all, so a slow instance cannot hold
 * the catalogue back; an instance that has not answered by then stays `unknown`. Another failure than a 404 leaves
 * it unknown too: it says nothing about whether Service Management is there. Never throws.
 */
export async function probeServiceDesks(
  instances: readonly InstanceRuntime[],
  limitMs: number,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
    timer.unref();
  });
  const asked = Promise.all(
    instances.map(async (instance) => {
      try {
        const found = await instance.serviceDesk!.probe();
        logger.info({ instance: instance.config.name, servicedesk: found }, 'Service Management probed');
      } catch (error) {
        logger.warn(
          {
            instance: instance.config.name,
            cause: error instanceof AtlassianError ? error.describe('Service Management check') : 'unexpected error',
          },
          'Service Management could not be probed',
        );
      }
    }),
  );
  await Promise.race([asked, limit]);
  clearTimeout(timer);
}
