/**
 * Best-effort: hands the authorization address to the desktop's browser. The address is always printed too,
 * so a headless machine, a missing opener or a failure here costs nothing but a paste.
 */
import { spawn } from 'node:child_process';

type Env = Readonly<Record<string, string | undefined>>;

/** The opener for this platform, or undefined when there is no desktop to open a browser on. */
export function browserOpener(
  platform: NodeJS.Platform = process.platform,
  env: Env = process.env,
): { command: string; args: (url: string) => string[] } | undefined {
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  // rundll32 takes the address as one argument; `cmd /c start` would need every & escaped.
  if (platform === 'win32') return { command: 'rundll32', args: (url) => ['url.dll,FileProtocolHandler', url] };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: (url) => [url] };
  return undefined;
}

/** True when an opener was started (not a promise that a browser appeared). */
export function openBrowser(url: string): boolean {
  const opener = browserOpener();
  if (!opener) return false;
  try {
    const child = spawn(opener.command, opener.args(url), { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
