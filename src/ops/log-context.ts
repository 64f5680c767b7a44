// Which update a log line belongs to: the Telegram channel runs each update inside a context (update id, bot, the
// sender's Telegram id, and their member id as soon as the turn has looked it up), and the server's logger adds it
// to every line written meanwhile, whoever writes it (the engine, the parser, a use case). Ids only: message text,
// phones and addresses never enter the context.
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  updateId?: number;
  botId?: string;
  /** the sender's Telegram user id: the member's identity (MemberIdentity.externalId) */
  telegramUserId?: string;
  /** the member the turn is for (set once the channel has resolved the sender) */
  memberId?: string;
}

const store = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return store.run({ ...store.getStore(), ...ctx }, fn);
}

/** Adds to the current context (e.g. the member id once it is known). */
export function addLogContext(ctx: LogContext): void {
  const s = store.getStore();
  if (s) Object.assign(s, ctx);
}

export function logContext(): LogContext {
  return store.getStore() ?? {};
}
