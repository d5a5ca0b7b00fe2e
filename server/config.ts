import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';

/** Local defaults: they work on a developer machine (PostgreSQL trust auth, Redis on loopback) and are refused in production. */
const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production';
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/**
 * Which proxies may set X-Forwarded-For (express's `trust proxy`): none by default, so the address a login is
 * throttled and audited by cannot be forged; a hop count or the proxies' addresses (loopback, CIDRs) behind one.
 */
const trustProxy = z
  .string()
  .trim()
  .default('')
  .transform((s, ctx): false | number | string[] => {
    if (s === '' || s === 'false') return false;
    if (/^\d{1,2}$/.test(s)) return Number(s);
    const list = s.split(',').map((x) => x.trim());
    if (list.every((x) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/.test(x))) return list;
    ctx.addIssue({ code: 'custom', message: 'must be empty, a hop count, or the proxies\' addresses (loopback, 10.0.0.0/8, …); "true" would trust anyone' });
    return z.NEVER;
  });

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .default('postgres://postgres@127.0.0.1:5432/hotline111'),
    /** The app's own role (least privilege); unset: `<database>_app`, created by start-up from DATABASE_URL's owner. */
    APP_DATABASE_URL: optional.pipe(z.string().regex(/^postgres(ql)?:\/\/[^/]*@/, 'must be a postgres:// URL with a user').optional()),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
    /** A Redis command on the request path not answered within this is given up (the request answers without it, or 503). */
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1000),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]{1,40}$/, 'letters, digits, _ : - only').default('h111'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_SESSION_SECRET),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** How often each server node closes the sockets whose session expired or was deleted meanwhile. */
    SESSION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    DATA_KEY: z
      .string()
      .default(DEV_DATA_KEY)
      .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
    TWILIO_ACCOUNT_SID: optional.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits').optional()),
    TWILIO_AUTH_TOKEN: optional,
    TWILIO_FROM_NUMBER: optional.pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +84…').optional()),
    PUBLIC_BASE_URL: optional.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
    TRUST_PROXY: trustProxy,
    /** 'outbox' holds every outbound SMS in the local outbox even with Twilio configured (training, staging). */
    OUTBOUND_SMS: z.enum(['auto', 'outbox']).default('auto'),
    /** On SIGTERM, requests in flight get this long to finish before their connections are cut. */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /** On SIGTERM, /readyz answers 503 this long before the listener closes, so a load balancer stops sending here first. */
    SHUTDOWN_READY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    JOB_LOCK_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /** How often the SLA reconciler rebuilds missing timers from PostgreSQL and fires missed deadlines. */
    SLA_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Redis holds timers only for deadlines this close; the reconciler adds the rest as they come near. */
    SLA_TIMER_HORIZON_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
    /** Twilio's REST API (a local fake in tests and staging: the only thing ever replaced). */
    TWILIO_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://api.twilio.com'),
    /** The softphone's access tokens and outgoing calls (an API key and the TwiML App); without them calls ring desk phones only. */
    TWILIO_API_KEY_SID: optional.pipe(z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'must look like SK followed by 32 hex digits').optional()),
    TWILIO_API_KEY_SECRET: optional,
    TWILIO_TWIML_APP_SID: optional.pipe(z.string().regex(/^AP[0-9a-fA-F]{32}$/, 'must look like AP followed by 32 hex digits').optional()),
    /** An offered call rings this long in one console before it is offered to the next available operator. */
    VOICE_OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(120).default(15),
    /** A caller waits at most this long before being offered to leave a voice message. */
    VOICE_MAX_WAIT_SECONDS: z.coerce.number().int().min(30).max(1800).default(180),
    /** How often a waiting caller is told they are still in line (30–60 s). */
    VOICE_WAIT_MESSAGE_SECONDS: z.coerce.number().int().min(30).max(60).default(45),
    /** After a call, an operator stays in wrap-up until the contact is saved, or this long at most. */
    WRAP_UP_MAX_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
    /** Recordings are deleted from Twilio this many days after the call (0: kept). */
    RECORDING_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(365),
    /** How long the code in an alert SMS lets a focal point answer it (NHAN/TUCHOI/HOTRO <code>). */
    SMS_CODE_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(72),
    CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    /** A missed call's first callback attempt is due within this many minutes (its SLA clock). */
    /** Web Push (VAPID): both keys, or neither (then development generates a pair once and keeps it in the database). */
    VAPID_PUBLIC_KEY: optional.pipe(z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a URL-safe base64 P-256 public key').optional()),
    VAPID_PRIVATE_KEY: optional.pipe(z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a URL-safe base64 P-256 private key').optional()),
    /** Who the push services may contact about this sender: a mailto: or https: URL. */
    VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https:// URL').default('mailto:admin@hotline111.invalid'),
    /** Tests only: accept http:// push endpoints (a local recorder). Refused in production. */
    PUSH_ALLOW_HTTP: z.enum(['true', 'false']).default('false').transform((s) => s === 'true'),
    CALLBACK_FIRST_ATTEMPT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    /** The least level logged (one JSON line per event on stdout); debug adds the health checks' requests. */
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.SLA_TIMER_HORIZON_MINUTES * 60 <= c.SLA_RECONCILE_SECONDS)
      ctx.addIssue({ code: 'custom', path: ['SLA_TIMER_HORIZON_MINUTES'], message: 'must be longer than SLA_RECONCILE_SECONDS, or a deadline could pass before its timer exists' });
    const twilio = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM_NUMBER'] as const;
    const set = twilio.filter((k) => c[k]);
    if (set.length > 0 && set.length < twilio.length) {
      for (const k of twilio.filter((k) => !c[k]))
        ctx.addIssue({ code: 'custom', path: [k], message: `is required when ${set.join(', ')} is set` });
    }
    const softphone = ['TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET', 'TWILIO_TWIML_APP_SID'] as const;
    const phoneSet = softphone.filter((k) => c[k]);
    if (phoneSet.length > 0 && phoneSet.length < softphone.length) {
      for (const k of softphone.filter((k) => !c[k]))
        ctx.addIssue({ code: 'custom', path: [k], message: `is required when ${phoneSet.join(', ')} is set` });
    }
    if (phoneSet.length > 0 && !c.TWILIO_ACCOUNT_SID)
      ctx.addIssue({ code: 'custom', path: ['TWILIO_ACCOUNT_SID'], message: 'is required for the softphone (TWILIO_API_KEY_SID is set)' });
    if (!!c.VAPID_PUBLIC_KEY !== !!c.VAPID_PRIVATE_KEY)
      ctx.addIssue({ code: 'custom', path: [c.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'], message: 'is required with the other VAPID key' });
    if (c.NODE_ENV === 'production' && c.PUSH_ALLOW_HTTP)
      ctx.addIssue({ code: 'custom', path: ['PUSH_ALLOW_HTTP'], message: 'must not be true in production' });
    if (c.NODE_ENV === 'production') {
      if (c.SESSION_SECRET === DEV_SESSION_SECRET)
        ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be set in production' });
      if (c.DATA_KEY === DEV_DATA_KEY)
        ctx.addIssue({ code: 'custom', path: ['DATA_KEY'], message: 'must be set in production' });
    }
  });

export type Config = Omit<z.infer<typeof schema>, 'PUBLIC_BASE_URL'> & {
  PUBLIC_BASE_URL: string;
  twilio: { accountSid: string; authToken: string; fromNumber: string } | null;
  /** The softphone (Voice SDK): set when Twilio is configured with an API key and a TwiML App. */
  softphone: { apiKeySid: string; apiKeySecret: string; twimlAppSid: string } | null;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The only place that reads process.env. Throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join('.') || 'environment'} ${issue.message}`);
  }
  const c = parsed.data;
  return {
    ...c,
    PUBLIC_BASE_URL: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    twilio:
      c.TWILIO_ACCOUNT_SID && c.TWILIO_AUTH_TOKEN && c.TWILIO_FROM_NUMBER
        ? { accountSid: c.TWILIO_ACCOUNT_SID, authToken: c.TWILIO_AUTH_TOKEN, fromNumber: c.TWILIO_FROM_NUMBER }
        : null,
    softphone:
      c.TWILIO_ACCOUNT_SID && c.TWILIO_API_KEY_SID && c.TWILIO_API_KEY_SECRET && c.TWILIO_TWIML_APP_SID
        ? { apiKeySid: c.TWILIO_API_KEY_SID, apiKeySecret: c.TWILIO_API_KEY_SECRET, twimlAppSid: c.TWILIO_TWIML_APP_SID }
        : null,
  };
}
