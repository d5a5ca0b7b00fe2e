import type { z } from 'zod';

/**
 * Generated bad input for every field of a zod schema: the categories that once caused 5xx (issue 15, finding 8).
 * Each case is a valid example with exactly one field replaced, so a value the schema lets through reaches the
 * database the way a real request would.
 */
export type Path = (string | number)[];
export type Kind = 'string' | 'date' | 'number' | 'json' | 'other';
export interface Leaf {
  path: Path;
  kind: Kind;
}

type Def = { type: string; [k: string]: any };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every leaf of a schema's input; unions follow the option the example takes. */
export function leavesOf(schema: z.ZodType, example: unknown, path: Path = []): Leaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, s]) => leavesOf(s, (example as any)?.[k], [...path, k]));
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return leavesOf(def.innerType, example, path);
    case 'pipe':
      return leavesOf(def.in, example, path);
    case 'array':
      return leavesOf(def.element, Array.isArray(example) ? example[0] : undefined, [...path, 0]);
    case 'tuple':
      return (def.items as z.ZodType[]).flatMap((s, i) => leavesOf(s, (example as any)?.[i], [...path, i]));
    case 'union': {
      const options = def.options as z.ZodType[];
      const taken = options.find((o) => o.safeParse(example).success) ?? options[0]!;
      return leavesOf(taken, example, path);
    }
    case 'record': case 'unknown': case 'any':
      return [{ path, kind: 'json' }];
    case 'string':
      return [{ path, kind: def.format === 'date' || def.format === 'datetime' ? 'date' : 'string' }];
    case 'number': case 'bigint':
      return [{ path, kind: 'number' }];
    case 'transform':
      return [];
    default:
      return [{ path, kind: 'other' }];
  }
}

/** A JSON text nested `depth` levels deep (parsed on the server, so it arrives as a value the client never built). */
export const deeplyNested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** Marks a value to be spliced into the JSON body as raw text. */
export class RawJson {
  constructor(readonly text: string) {}
}

const OVERFLOW = [9_999_999_999, -9_999_999_999, 2_147_483_648, 1e300];
const BAD_TEXT = ['a\u0000b', 'x\uD800', '\uDC00y'];
const BAD_DATES = [...BAD_TEXT, '0000-01-01', '0000-01-01T00:00:00Z', '9999-12-31', '1899-12-31T23:59:59Z'];
const BAD_JSON = [new RawJson(deeplyNested(20_000)), { a: 'x\u0000' }, { '\uD800': 1 }, { a: { b: ['x\uDFFF'] } }];

export interface Mutation {
  path: Path;
  category: string;
  value: unknown;
}

/** The bad values for one leaf; `textOnly` for URLs (a query or path carries text, and no lone surrogate survives UTF-8). */
export function mutationsOf(leaf: Leaf, opts: { textOnly?: boolean } = {}): Mutation[] {
  const values: unknown[] =
    leaf.kind === 'number' ? OVERFLOW
    : leaf.kind === 'string' ? BAD_TEXT
    : leaf.kind === 'date' ? BAD_DATES
    : leaf.kind === 'json' ? BAD_JSON
    : ['a\u0000', 9_999_999_999];
  const out = values.map((value) => ({ path: leaf.path, category: categoryOf(value), value }));
  if (!opts.textOnly) return out;
  return out
    .filter((m) => typeof m.value === 'number' || (typeof m.value === 'string' && !/[\uD800-\uDFFF]/.test(m.value)))
    .map((m) => ({ ...m, value: String(m.value) }));
}

function categoryOf(v: unknown): string {
  if (v instanceof RawJson) return 'nesting';
  if (typeof v === 'number') return 'int-overflow';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s.includes('\u0000') || s.includes('\\u0000')) return 'nul';
  if (/[\uD800-\uDFFF]/.test(s)) return 'surrogate';
  return 'date-range';
}

/** A deep copy of `base` with `value` at `path` (intermediate objects and arrays created as needed). */
export function withValueAt(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(base) ? [...base] : base && typeof base === 'object' ? { ...base } : typeof head === 'number' ? [] : {};
  copy[head!] = withValueAt(copy[head!], rest, value);
  return copy;
}

/** JSON with RawJson values spliced in as they are. */
export function toJsonBody(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v) => (v instanceof RawJson ? `\u0001raw${raws.push(v.text) - 1}\u0001` : v));
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i) => raws[Number(i)]!);
}
