import http from 'node:http';

/** POST a JSON body with a keep-alive agent (fetch costs the generator several times the CPU per request). Resolves the status. */
export function postJson(agent: http.Agent, url: string, cookie: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
