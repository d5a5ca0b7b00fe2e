import { expect } from 'chai';
import { APT_INSTALL, ensureChromium, howToInstall, type ChromiumSetup } from '../support/chromium.js';

/** A machine where Chromium is at `present` paths, and the installer (if any) puts it at `installs`. */
function machine(opts: { present?: string[]; installer?: string | null; installs?: string; installOk?: boolean }) {
  const files = new Set(opts.present ?? []);
  const ran: string[] = [];
  const said: string[] = [];
  const setup: ChromiumSetup = {
    path: '/opt/missing/chromium',
    exists: (p) => files.has(p),
    installer: opts.installer === undefined ? APT_INSTALL : opts.installer,
    run: (cmd) => {
      ran.push(cmd);
      if (opts.installs) files.add(opts.installs);
      return opts.installOk ?? true;
    },
    say: (l) => said.push(l),
  };
  return { setup, ran, said };
}

describe('browser tests: finding or installing Chromium', () => {
  it('uses Chromium where it is, installing nothing', () => {
    const m = machine({ present: ['/opt/missing/chromium'] });
    expect(ensureChromium(m.setup)).to.deep.equal({ path: '/opt/missing/chromium' });
    expect(m.ran).to.deep.equal([]);
  });

  it('installs it with apt-get when it can, saying so in one line first', () => {
    const m = machine({ installs: '/opt/missing/chromium' });
    expect(ensureChromium(m.setup)).to.deep.equal({ path: '/opt/missing/chromium' });
    expect(m.ran).to.deep.equal(['apt-get update && apt-get install -y chromium']);
    expect(m.said).to.have.length(1);
    expect(m.said[0]).to.match(/missing; installing Debian's Chromium once with `apt-get update && apt-get install -y chromium`/);
  });

  it('without an installer (not root, or no apt-get) says in one line how to install it', () => {
    const m = machine({ installer: null });
    const r = ensureChromium(m.setup);
    expect(r).to.deep.equal({ problem: howToInstall('/opt/missing/chromium') });
    expect(m.ran).to.deep.equal([]);
    const line = (r as { problem: string }).problem;
    expect(line).not.to.include('\n');
    expect(line).to.include('sudo apt-get update && sudo apt-get install -y chromium').and.include('CHROMIUM_PATH');
  });

  it('says so in one line when the install fails, or leaves no Chromium where it looks', () => {
    const failed = ensureChromium(machine({ installOk: false }).setup) as { problem: string };
    expect(failed.problem).to.match(/^Installing Chromium failed .*sudo apt-get/).and.not.include('\n');
    const elsewhere = ensureChromium(machine({ installs: '/usr/bin/chromium' }).setup) as { problem: string };
    expect(elsewhere.problem).to.match(/^Chromium was installed but \/opt\/missing\/chromium is still missing/);
  });
});
