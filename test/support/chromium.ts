import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The browser tests run Debian's Chromium, never a downloaded browser. On a fresh machine where the tests run as root
 * with apt-get, they install it themselves, once per run; anywhere else they stop with one line saying how.
 */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const APT_INSTALL = 'apt-get update && apt-get install -y chromium';

/** Where the browser tests look for Chromium: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** How to get Chromium, said in one line. */
export function howToInstall(path: string): string {
  const custom = path === DEFAULT_CHROMIUM ? '' : ` (or point CHROMIUM_PATH at a Chromium; it is ${path} now)`;
  return `Browser tests need Debian's Chromium at ${DEFAULT_CHROMIUM}: install it with \`sudo apt-get update && sudo apt-get install -y chromium\` and run the tests again${custom}`;
}

export interface ChromiumSetup {
  path: string;
  exists(path: string): boolean;
  /** The shell command that installs Chromium here, or null when this machine cannot (not root, or no apt-get). */
  installer: string | null;
  /** Runs a shell command; true if it succeeded. */
  run(command: string): boolean;
  say(line: string): void;
}

/** This machine: CHROMIUM_INSTALL, if set, replaces the installer ("" for none); else apt-get when running as root. */
export function machineSetup(env: NodeJS.ProcessEnv = process.env): ChromiumSetup {
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return {
    path: chromiumPath(env),
    exists: existsSync,
    installer: env.CHROMIUM_INSTALL !== undefined ? env.CHROMIUM_INSTALL || null : canApt ? APT_INSTALL : null,
    run: (command) => spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0,
    say: (line) => console.log(line),
  };
}

/** Chromium's path, installing it first if this machine can; otherwise the one line that says how to install it. */
export function ensureChromium(s: ChromiumSetup): { path: string } | { problem: string } {
  if (s.exists(s.path)) return { path: s.path };
  if (!s.installer) return { problem: howToInstall(s.path) };
  s.say(`Browser tests: ${s.path} is missing; installing Debian's Chromium once with \`${s.installer}\` (a few minutes)`);
  if (!s.run(s.installer)) return { problem: `Installing Chromium failed (\`${s.installer}\`). ${howToInstall(s.path)}` };
  if (!s.exists(s.path)) return { problem: `Chromium was installed but ${s.path} is still missing. ${howToInstall(s.path)}` };
  return { path: s.path };
}
