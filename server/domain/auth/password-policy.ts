import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PASSWORD_MIN_LENGTH } from '../../../shared/index.js';
import { PROJECT_ROOT } from '../../paths.js';
import { ValidationError } from '../errors.js';

/**
 * The server's half of the password policy (the length is checked by the shared schema, in the console too): no
 * password from the 10,000 most common, also not with digits or symbols around it ("password1234", "!iloveyou2024"),
 * nor repeated ("qwertyqwerty"), nor of fewer than 5 different characters. The list is the first 10,000 entries
 * of zxcvbn 4.4.2's `passwords` frequency list (Dropbox, MIT licence; from Mark Burnett's 10-million-password
 * corpus), see common-passwords.README.md. It is kept server-side: the console need not download it.
 */
export const TOO_COMMON = 'this password is too common: choose a longer phrase of your own';

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(path.join(PROJECT_ROOT, 'server', 'domain', 'auth', 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean),
  );
  return common;
}

export function isTooCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unit = /^(.+?)\1+$/.exec(lower)?.[1];
  const list = commonPasswords();
  return list.has(lower) || (core !== '' && list.has(core)) || (unit != null && list.has(unit)) || new Set(lower).size < 5;
}

/** Throws a 400 naming `field` when the password is too common. Length is the schema's (PASSWORD_MIN_LENGTH). */
export function assertPasswordAllowed(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH || isTooCommon(password)) throw new ValidationError(TOO_COMMON, { [field]: TOO_COMMON });
}
