import { createHash } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A small HTTP load balancer doing what deploy/haproxy.cfg does: round robin for a client without the stickiness
 * cookie, and a cookie naming the node inserted on its response (`cookie NAME insert indirect nocache`): later
 * requests carrying it go to that node, and the cookie never reaches the app. It appends the client's address to
 * X-Forwarded-For, sets X-Forwarded-Proto, and forwards WebSocket upgrades with their Upgrade and Connection
 * headers. `cookie: null` makes it a plain round-robin proxy: what Socket.IO's polling meets without stickiness.
 */
export interface LoadBalancer {
  url: string;
  /** Which backend (its index) served each request, by path without its query. */
  served: { backend: number; path: string }[];
  close(): Promise<void>;
}

export async function startLoadBalancer(backends: string[], opts: { cookie: string | null }): Promise<LoadBalancer> {
  const targets = backends.map((b) => new URL(b));
  // Like HAProxy's dynamic cookies: a hash of the node's address, not the address itself.
  const ids = targets.map((t) => createHash('sha256').update(t.host).digest('hex').slice(0, 16));
  const agent = new Agent({ keepAlive: true });
  const tunnels = new Set<Socket>();
  const served: LoadBalancer['served'] = [];
  let next = 0;

  const pick = (req: IncomingMessage) => {
    const sticky = opts.cookie ? ids.indexOf(cookieValue(req.headers.cookie, opts.cookie) ?? '') : -1;
    const backend = sticky >= 0 ? sticky : next++ % targets.length;
    served.push({ backend, path: (req.url ?? '/').split('?')[0]! });
    return { backend, insert: opts.cookie != null && sticky < 0 };
  };

  const server = createServer((req, res) => {
    const { backend, insert } = pick(req);
    const upstream = request(
      { host: targets[backend]!.hostname, port: targets[backend]!.port, method: req.method, path: req.url, headers: forwarded(req, opts.cookie), agent },
      (up) => {
        const headers: OutgoingHttpHeaders = { ...up.headers };
        if (insert) {
          headers['set-cookie'] = [...(up.headers['set-cookie'] ?? []), `${opts.cookie}=${ids[backend]}; path=/; HttpOnly; SameSite=Lax`];
          headers['cache-control'] = 'private';
        }
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });

  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const { backend } = pick(req);
    const up = connect(Number(targets[backend]!.port), targets[backend]!.hostname, () => {
      const headers = forwarded(req, opts.cookie);
      const lines = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}`));
      up.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(client).pipe(up);
    });
    for (const s of [up, client]) {
      tunnels.add(s);
      s.on('error', () => {});
      s.on('close', () => (tunnels.delete(s), up.destroy(), client.destroy()));
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of tunnels) s.destroy();
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request's headers as the app should see them: the client's address appended, the balancer's cookie removed. */
function forwarded(req: IncomingMessage, cookieName: string | null): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
  const address = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${address}` : address;
  headers['x-forwarded-proto'] = 'http';
  if (cookieName && typeof headers.cookie === 'string') {
    const rest = headers.cookie.split(';').map((c) => c.trim()).filter((c) => c && !c.startsWith(`${cookieName}=`));
    if (rest.length) headers.cookie = rest.join('; ');
    else delete headers.cookie;
  }
  return headers;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}
