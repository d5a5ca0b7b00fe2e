import path from 'node:path';
import Mocha from 'mocha';
import { ensureChromium, machineSetup, type ChromiumSetup } from './chromium.js';

const E2E_DIR = `${path.sep}test${path.sep}e2e${path.sep}`;

/** The run's browser suites: the top-level suites of test/e2e (each launches Chromium). */
export function browserSuites(root: Mocha.Suite): Mocha.Suite[] {
  return root.suites.filter((s) => s.file?.includes(E2E_DIR));
}

/**
 * Before the run: if it has browser suites, make sure Chromium is there (installing it once when this machine can).
 * Without it, the browser suites are taken out of the run and one failing test says, in one line, how to install
 * it; the other tests still run.
 */
export function prepareBrowserSuites(root: Mocha.Suite, setup: ChromiumSetup = machineSetup()): void {
  const suites = browserSuites(root);
  if (!suites.length) return;
  const found = ensureChromium(setup);
  if ('path' in found) return;
  root.suites = root.suites.filter((s) => !suites.includes(s));
  const problem = found.problem;
  root.addTest(
    new Mocha.Test(`browser tests (${suites.length} files) need Chromium`, () => {
      const err = new Error(problem);
      err.stack = `Error: ${problem}`; // one line, no trace: there is nothing to debug
      throw err;
    }),
  );
}
