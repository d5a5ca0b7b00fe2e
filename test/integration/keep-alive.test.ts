import { expect } from 'chai';
import http from 'node:http';
import { KEEP_ALIVE_MS } from '../../server/http-server.js';
import { startTestApp, type TestApp } from '../support/http.js';

/** One GET on the agent's connection: the status, and the local port (the same port = the same connection). */
function get(agent: http.Agent, url: string): Promise<{ status: number; port: number }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      const port = res.socket.localPort!; // read now: the socket goes back to the agent once the body is read
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, port }));
    }).on('error', reject);
  });
}

describe('keep-alive: the server never closes an idle connection before the balancer does', function () {
  this.timeout(30_000);
  let app: TestApp;
  before(async () => (app = await startTestApp()));
  after(() => app.close());

  it('keeps an idle keep-alive connection open longer than any balancer idle timeout, and serves it after 6 s of silence', async () => {
    expect(KEEP_ALIVE_MS).to.be.greaterThan(60_000); // deploy/haproxy.cfg: timeout http-keep-alive 10s, client/server 60s
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await get(agent, `${app.baseUrl}/healthz`);
    // Node's default (5 s) would have closed it by now; a request racing that close is reset.
    await new Promise((r) => setTimeout(r, 6000));
    const second = await get(agent, `${app.baseUrl}/healthz`);
    expect([first.status, second.status]).to.deep.equal([200, 200]);
    expect(second.port, 'the same connection').to.equal(first.port);
    agent.destroy();
  });
});
