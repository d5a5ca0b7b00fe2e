import type { Migration } from 'kysely';
import type { FieldCrypto } from '../../domain/crypto/field-crypto.js';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-intake.js';
import * as m0003 from './0003-referrals.js';
import * as m0004 from './0004-sla.js';
import * as m0005 from './0005-reports.js';
import * as m0006 from './0006-routing-done.js';
import * as m0007 from './0007-unit-map.js';
import * as m0008 from './0008-victim-ethnicity-codes.js';
import * as m0009 from './0009-referral-attempts.js';
import * as m0010 from './0010-stats-one-map.js';
import * as m0011 from './0011-voice.js';
import { encryptFreeText } from './0012-encrypt-free-text.js';
import * as m0013 from './0013-rollup-change-log.js';
import * as m0014 from './0014-outbox-job-ids.js';
import * as m0015 from './0015-search.js';
import * as m0016 from './0016-audit-keys.js';
import * as m0017 from './0017-sms-commands.js';
import * as m0018 from './0018-push-subscriptions.js';
import * as m0019 from './0019-cases.js';
import * as m0020 from './0020-agency-inbox.js';
import * as m0021 from './0021-unit-province-table.js';

/**
 * Every migration, in order. Listed explicitly so the same code runs under tsx and compiled. A migration that
 * encrypts or decrypts stored rows (0012) needs the field crypto of DATA_KEY: the key never reaches the database.
 */
export const allMigrations = (crypto: FieldCrypto): Record<string, Migration> => ({
  '0001-foundation': m0001,
  '0002-intake': m0002,
  '0003-referrals': m0003,
  '0004-sla': m0004,
  '0005-reports': m0005,
  '0006-routing-done': m0006,
  '0007-unit-map': m0007,
  '0008-victim-ethnicity-codes': m0008,
  '0009-referral-attempts': m0009,
  '0010-stats-one-map': m0010,
  '0011-voice': m0011,
  '0012-encrypt-free-text': encryptFreeText(crypto),
  '0013-rollup-change-log': m0013,
  '0014-outbox-job-ids': m0014,
  '0015-search': m0015,
  '0016-audit-keys': m0016,
  '0017-sms-commands': m0017,
  '0018-push-subscriptions': m0018,
  '0019-cases': m0019,
  '0020-agency-inbox': m0020,
  '0021-unit-province-table': m0021,
});
