import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { drainer } from '../../server/http/drain.js';

/** A server whose /slow answers when the test says so, and whose /hang never answers. */
async function serverWithDrain() {
  const waiting: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    drain.track(res);
    if (req.url === '/slow') waiting.push(res);
    else if (req.url !== '/hang') res.end('ok');
  });
  const drain = drainer(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, drain, url, release: () => waiting.splice(0).forEach((r) => r.end('done')) };
}

function get(url: string): Promise<{ status: number; connection: string | undefined; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'keep-alive' } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

describe('the HTTP drain (graceful stop with node http)', () => {
  it('lets a request in flight finish, telling its client to close the connection, then resolves', async () => {
    const s = await serverWithDrain();
    const slow = get(`${s.url}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    const drained = s.drain.drain(5000);
    expect(s.drain.draining).to.equal(true);
    expect(await get(`${s.url}/`)).to.deep.equal({ error: 'ECONNREFUSED' }); // no longer accepting
    s.release();
    expect(await slow).to.deep.equal({ status: 200, connection: 'close', body: 'done' });
    expect(await drained).to.deep.equal({ drained: true, cut: 0 });
  });

  it('cuts what is still running at the deadline', async () => {
    const s = await serverWithDrain();
    const hung = get(`${s.url}/hang`);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    expect(await s.drain.drain(300)).to.deep.equal({ drained: false, cut: 1 });
    expect(Date.now() - started).to.be.within(250, 2000);
    expect(await hung).to.have.property('error');
  });
});
