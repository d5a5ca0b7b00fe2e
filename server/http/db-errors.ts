import { ConflictError, DomainError, ValidationError } from '../domain/errors.js';

/** What node-postgres puts on an error from the server (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
interface PgError {
  code?: string;
  column?: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

const MESSAGES: Record<string, string> = {
  '22001': 'is too long',
  '22003': 'is out of range',
  '22007': 'is not a valid date or time',
  '22008': 'is out of range',
  '22021': 'contains characters that cannot be stored',
  '22P02': 'is not a valid value',
  '22P05': 'contains characters that cannot be stored',
  '23502': 'is required',
  '23503': 'refers to something that does not exist',
  '23505': 'already exists',
  '23514': 'is not allowed',
  '2200N': 'is not valid',
  '54000': 'is too large or nested too deeply',
  '54001': 'is too large or nested too deeply',
};

const isPgError = (e: unknown): e is PgError & Error =>
  e instanceof Error && typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code!);

/** "Key (agency_id)=(7) is not present…" → agency_id: the column PostgreSQL names, never the value. */
function fieldOf(e: PgError): string {
  const key = /^Key \(([^)]+)\)=/.exec(e.detail ?? '')?.[1];
  return e.column ?? key ?? e.constraint ?? 'body';
}

/**
 * A database error caused by what the request sent (a value out of range, a character PostgreSQL cannot store, a
 * missing or duplicate reference) becomes a 4xx naming the column; anything else stays unknown (a 500 with a
 * reference). The schemas should refuse such input first: this is the net under them.
 */
export function fromDatabaseError(err: unknown): DomainError | null {
  if (!isPgError(err)) return null;
  const code = err.code!;
  const message = MESSAGES[code] ?? (code.startsWith('22') ? 'is not a valid value' : null);
  if (!message) return null;
  const field = fieldOf(err);
  if (code === '23505') return new ConflictError(`${field} ${message}`, { [field]: message });
  return new ValidationError(`invalid value: ${field} ${message}`, { [field]: message });
}

/** The error to answer with: domain errors as they are, database errors caused by the input mapped, anything else as is. */
export function asDomainError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  return fromDatabaseError(err) ?? err;
}
