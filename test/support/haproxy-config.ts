import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';

export const HAPROXY_CFG = path.join(PROJECT_ROOT, 'deploy', 'haproxy.cfg');

export interface Section {
  kind: string;
  name: string;
  /** Its directives, comments and blank lines removed, whitespace collapsed. */
  lines: string[];
}

/** HAProxy's configuration as its sections (global, defaults, frontend, backend, resolvers…) and their directives. */
export function parseHaproxyConfig(text = readFileSync(HAPROXY_CFG, 'utf8')): Section[] {
  const sections: Section[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim().replace(/\s+/g, ' ');
    if (!line) continue;
    if (/^\S/.test(raw)) {
      const [kind, name = ''] = line.split(' ');
      sections.push({ kind: kind!, name, lines: [] });
    } else sections.at(-1)?.lines.push(line);
  }
  return sections;
}

export function section(sections: Section[], kind: string, name = ''): Section {
  const found = sections.find((s) => s.kind === kind && s.name === name);
  if (!found) throw new Error(`deploy/haproxy.cfg has no "${kind} ${name}" section`);
  return found;
}

/** The backend the public frontend sends requests to. */
export function appBackend(sections: Section[]): Section {
  const frontend = sections.find((s) => s.kind === 'frontend');
  const name = frontend?.lines.find((l) => l.startsWith('default_backend '))?.split(' ')[1];
  return section(sections, 'backend', name);
}

/** `cookie NAME insert …`: the stickiness cookie's name and options, or null. */
export function stickyCookie(backend: Section): { name: string; options: string[] } | null {
  const line = backend.lines.find((l) => l.startsWith('cookie '));
  if (!line) return null;
  const [, name, ...options] = line.split(' ');
  return { name: name!, options };
}

/** HAProxy's time format (default milliseconds; us, ms, s, m, h, d) in milliseconds. */
export function haproxyMs(value: string): number {
  const m = /^(\d+)(us|ms|s|m|h|d)?$/.exec(value);
  if (!m) throw new Error(`not an HAProxy time: ${value}`);
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms']!;
  return Number(m[1]) * unit;
}

/** `timeout <which> <value>` of a section, in milliseconds. */
export function timeoutMs(s: Section, which: string): number | null {
  const line = s.lines.find((l) => l.startsWith(`timeout ${which} `));
  return line ? haproxyMs(line.split(' ')[2]!) : null;
}
