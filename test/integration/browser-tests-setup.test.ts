import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../server/paths.js';

/** Runs mocha on these files as `npm test` does (root hooks included) and collects its output. */
function mocha(files: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const bin = path.join(PROJECT_ROOT, 'node_modules/mocha/bin/mocha.js');
    const child = spawn(process.execPath, [bin, ...files], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const FILES = ['test/unit/vn-time.test.ts', 'test/e2e/login-landing.test.ts', 'test/e2e/sla-board.test.ts'];

describe('`npm test` on a machine without Chromium', function () {
  this.timeout(120_000);

  it('installs it once for the whole run when it can; if Chromium is still missing, one failure in one line, and the other tests run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h111-chromium-'));
    const installs = path.join(dir, 'installs');
    const r = await mocha(FILES, { CHROMIUM_PATH: path.join(dir, 'chromium'), CHROMIUM_INSTALL: `echo ran >> ${installs}` });
    expect(r.code, r.out).to.equal(1);
    expect(readFileSync(installs, 'utf8')).to.equal('ran\n'); // once, not once per browser file
    expect(r.out).to.include(`is missing; installing Debian's Chromium once with \`echo ran >> ${installs}\``);
    expect(r.out.match(/Chromium was installed but .* is still missing/g)).to.have.length(1);
    expect(r.out).to.match(/tests: [1-9]\d* passed, 1 failed, 0 skipped/);
    expect(r.out).not.to.include('npm start'); // the browser suites did not start the product
  });

  it('cannot install it (not root, no apt-get): one failure, one line saying how to install it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h111-chromium-'));
    const r = await mocha(FILES, { CHROMIUM_PATH: path.join(dir, 'chromium'), CHROMIUM_INSTALL: '' });
    expect(r.code, r.out).to.equal(1);
    expect(existsSync(path.join(dir, 'chromium'))).to.equal(false);
    const lines = r.out.split('\n').filter((l) => l.includes("Browser tests need Debian's Chromium"));
    expect(lines, r.out).to.have.length(1);
    expect(lines[0]).to.include('sudo apt-get update && sudo apt-get install -y chromium');
    expect(r.out).to.match(/tests: [1-9]\d* passed, 1 failed, 0 skipped/);
  });
});
