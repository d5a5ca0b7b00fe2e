import { expect } from 'chai';
import sinon from 'sinon';
import WebSocket from 'ws';

/** ws's frame builder (a static of its Sender class, which its types do not declare). */
const Sender = (WebSocket as unknown as { Sender: { frame(data: unknown, opts: unknown): unknown } }).Sender;
import { ROOMS } from '../../shared/index.js';
import { createTestUser, sessionCookie, startTestApp, type TestApp } from '../support/http.js';
import { readySocket, type ClientSocket } from '../support/socket.js';

/**
 * The fan-out to hundreds of consoles: a broadcast is serialised and framed once for its room, not once per socket
 * (socket.io-adapter pre-encodes the WebSocket frame), and small packets go uncompressed.
 */
describe('socket fan-out: one encoding per broadcast, whatever the number of consoles', function () {
  this.timeout(60_000);
  let app: TestApp;
  let sockets: ClientSocket[] = [];
  before(async () => (app = await startTestApp()));
  after(async () => {
    sockets.forEach((s) => s.close());
    await app.close();
  });

  it('frames a broadcast to 40 operator consoles once, and every console receives it', async () => {
    const ops = await Promise.all(Array.from({ length: 40 }, () => createTestUser('operator')));
    const cookies = await Promise.all(ops.map((o) => sessionCookie(app, o.id)));
    sockets = await Promise.all(cookies.map((c) => readySocket(app.baseUrl, c)));
    const marker = `fanout-${Date.now()}`;
    const received = sockets.map((s) => new Promise<unknown>((resolve) => s.on('contacts:changed' as never, ((changes: unknown) => resolve(changes)) as never)));
    await new Promise((r) => setTimeout(r, 200)); // the handshakes' own packets are out
    const frame = sinon.spy(Sender, 'frame');
    try {
      app.ctx.realtime.emit(ROOMS.operators, 'contacts:changed', [{ kind: 'marker', marker }] as never);
      const got = await Promise.all(received);
      expect(got.every((g) => JSON.stringify(g).includes(marker))).to.equal(true);
      const framesOfIt = frame.getCalls().filter((c) => Buffer.from(c.args[0] as Buffer | string).toString().includes(marker));
      expect(framesOfIt, 'frames built for the broadcast').to.have.length(1);
    } finally {
      frame.restore();
    }
  });

  it('negotiates no per-message deflate: small packets are not compressed socket by socket', () => {
    const transport = sockets[0]!.io.engine.transport as unknown as { name: string; ws: { extensions: string } };
    expect(transport.name).to.equal('websocket');
    expect(transport.ws.extensions).to.equal('');
  });
});
