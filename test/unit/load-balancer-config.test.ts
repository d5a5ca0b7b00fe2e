import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { load } from 'js-yaml';
import { SOCKET_HEARTBEAT } from '../../server/realtime/socket-gateway.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { appBackend, haproxyMs, parseHaproxyConfig, section, stickyCookie, timeoutMs } from '../support/haproxy-config.js';

/** The shipped load balancer (deploy/haproxy.cfg) and docker-compose.yml, read as an operator's reviewer would. */
describe('the shipped load balancer configuration', () => {
  const cfg = parseHaproxyConfig();
  const defaults = section(cfg, 'defaults');
  const frontend = cfg.find((s) => s.kind === 'frontend')!;
  const backend = appBackend(cfg);
  const all = cfg.flatMap((s) => s.lines);
  const compose = load(readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, any> };

  it('reads HAProxy times as milliseconds', () => {
    expect([haproxyMs('60s'), haproxyMs('1h'), haproxyMs('500'), haproxyMs('2m')]).to.deep.equal([60_000, 3_600_000, 500, 120_000]);
  });

  it('keeps each console on one node: a cookie the balancer inserts, for every app replica', () => {
    const cookie = stickyCookie(backend);
    expect(cookie, 'cookie … insert in the backend').to.not.equal(null);
    expect(cookie!.options).to.include.members(['insert', 'indirect', 'nocache']);
    if (cookie!.options.includes('dynamic')) expect(backend.lines.some((l) => /^dynamic-cookie-key \S/.test(l)), 'dynamic-cookie-key').to.equal(true);
    const template = backend.lines.find((l) => l.startsWith('server-template '));
    expect(template, 'server-template over the app service').to.match(/ app:3000 .*\bcheck\b.*\bresolvers docker\b/);
    section(cfg, 'resolvers', 'docker');
  });

  it('speaks HTTP and forwards the client address, the scheme and WebSocket upgrades', () => {
    expect(defaults.lines).to.include('mode http');
    expect(all.filter((l) => l === 'mode tcp')).to.deep.equal([]);
    expect(all.find((l) => l.startsWith('option forwardfor')), 'option forwardfor (appends, never if-none)').to.equal('option forwardfor');
    expect(frontend.lines.filter((l) => l.startsWith('http-request set-header X-Forwarded-Proto '))).to.have.length.at.least(1);
    // HAProxy passes Upgrade and Connection through in http mode; nothing may strip them or the Host the app's same-origin check reads.
    expect(all.filter((l) => /^http-request (del-header|set-header) (upgrade|connection|host)\b/i.test(l))).to.deep.equal([]);
  });

  it('outlasts Socket.IO\'s heartbeat: idle, long-poll and WebSocket timeouts exceed pingInterval + pingTimeout', () => {
    const heartbeat = SOCKET_HEARTBEAT.pingInterval + SOCKET_HEARTBEAT.pingTimeout;
    for (const which of ['client', 'server', 'tunnel']) expect(timeoutMs(defaults, which), `timeout ${which}`).to.be.greaterThan(heartbeat);
  });

  it('sends no request to a node that is not ready', () => {
    expect(backend.lines).to.include('option httpchk');
    expect(backend.lines.some((l) => /^http-check send .*\buri \/readyz\b/.test(l))).to.equal(true);
  });

  it('runs in docker-compose in front of two app replicas that only it reaches, with the workers scaled apart', () => {
    const { lb, app, workers, postgres, redis } = compose.services;
    expect(lb.volumes).to.include('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    const bind = frontend.lines.find((l) => l.startsWith('bind '))!.split(':')[1];
    expect(lb.ports.some((p: string) => p.endsWith(`:${bind}`)), `lb publishes the frontend's port ${bind}`).to.equal(true);
    expect(lb.environment).to.have.property('LB_COOKIE_KEY');
    expect(app.deploy.replicas).to.be.at.least(2);
    expect(app.ports, 'app publishes no port (it would bypass the balancer)').to.equal(undefined);
    expect(app.environment.TRUST_PROXY).to.match(/^\$\{TRUST_PROXY:-1\}$/);
    expect(workers.command.join(' ')).to.contain('workers/main.js');
    expect(workers.deploy.replicas).to.be.at.least(1);
    expect([postgres, redis].every(Boolean)).to.equal(true);
  });
});
