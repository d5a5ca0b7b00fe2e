import type {
  Ack, CallbackOutcome, ContactDetail, ContactMessage, ContactSummary, DraftBody, OperatorPresence, SettableStatus, WrapUpInput,
} from '../../../../shared/index.js';
import type { ConsoleSocket } from '../../realtime/socket-context.js';

/** An error ack (`{ error: { code, message, fields? } }`), a timeout or "not connected". */
export class AckError extends Error {
  override name = 'AckError';
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

function unwrap<T>(res: Ack<T>): T {
  if ('error' in res) throw new AckError(res.error.code, res.error.message, res.error.fields ?? {});
  return res.data;
}

/**
 * Never queue an emit while disconnected: socket.io would replay it on reconnect, after newer state
 * (an old draft over a newer one). Callers retry with fresh data when the connection is back.
 */
function ready(socket: ConsoleSocket | null): ConsoleSocket {
  if (!socket?.connected) throw new AckError('offline', 'not connected');
  // timeout() wraps the ack types with an error argument; emitWithAck still resolves with the server's answer.
  return socket.timeout(TIMEOUT_MS) as unknown as ConsoleSocket;
}

async function call<T>(run: () => Promise<Ack<T>>): Promise<T> {
  try {
    return unwrap(await run());
  } catch (err) {
    if (err instanceof AckError) throw err;
    throw new AckError('timeout', (err as Error).message || 'no answer from the server');
  }
}

/** Typed, promise-based calls of the operator console's socket contract. */
export function deskCalls(socket: ConsoleSocket | null) {
  return {
    sync: () => call<{ contacts: ContactSummary[]; presence: OperatorPresence[] }>(() => ready(socket).emitWithAck('queue:sync')),
    claim: (contactId: number) => call<ContactDetail>(() => ready(socket).emitWithAck('contact:claim', { contactId })),
    release: (contactId: number) => call<ContactSummary>(() => ready(socket).emitWithAck('contact:release', { contactId })),
    open: (contactId: number) => call<ContactDetail>(() => ready(socket).emitWithAck('contact:open', { contactId })),
    saveDraft: (contactId: number, body: DraftBody) =>
      call<{ version: number; savedAt: string }>(() => ready(socket).emitWithAck('draft:save', { contactId, ...body })),
    wrapUp: (contactId: number, wrapUp: WrapUpInput) =>
      call<ContactSummary>(() => ready(socket).emitWithAck('contact:wrap-up', { contactId, wrapUp })),
    sendMessage: (contactId: number, body: string) =>
      call<ContactMessage>(() => ready(socket).emitWithAck('message:send', { contactId, body })),
    getMessage: (contactId: number, messageId: number) =>
      call<ContactMessage>(() => ready(socket).emitWithAck('message:get', { contactId, messageId })),
  };
}
export type DeskCalls = ReturnType<typeof deskCalls>;

/** The phone line's calls: the operator's status, offers, hold and hang-up, callbacks. */
export function phoneCalls(socket: ConsoleSocket | null) {
  return {
    status: (status: SettableStatus) => call<OperatorPresence>(() => ready(socket).emitWithAck('operator:status', { status })),
    accept: (offerId: number) => call<ContactDetail>(() => ready(socket).emitWithAck('call:accept', { offerId })),
    decline: (offerId: number) => call<{ offerId: number }>(() => ready(socket).emitWithAck('call:decline', { offerId })),
    hold: (contactId: number, hold: boolean) => call<{ hold: boolean }>(() => ready(socket).emitWithAck('call:hold', { contactId, hold })),
    hangup: (contactId: number) => call<{ contactId: number }>(() => ready(socket).emitWithAck('call:hangup', { contactId })),
    startCallback: (contactId: number) =>
      call<{ attemptId: number; training: boolean }>(() => ready(socket).emitWithAck('callback:start', { contactId })),
    callbackOutcome: (attemptId: number, outcome: CallbackOutcome) =>
      call<{ status: string; attempts: number }>(() => ready(socket).emitWithAck('callback:outcome', { attemptId, outcome })),
  };
}
export type PhoneCalls = ReturnType<typeof phoneCalls>;
