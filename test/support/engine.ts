// A conversation engine wired to a test database with a pinned clock: chat as a member, read typed replies.
import { findBot } from "../../src/bot-config.ts";
import { handleEvent, type InboundEvent } from "../../src/conversation/engine.ts";
import type { Reply } from "../../src/conversation/replies.ts";
import type { EngineDeps } from "../../src/conversation/turn.ts";
import type { Db } from "../../src/db/database.ts";
import { catalogParser } from "../../src/runtime.ts";

/** Wednesday noon in Guangzhou: every demo store is open. */
export const NOON = new Date("2026-11-25T12:00:00+08:00");

export function testDeps(db: Db, opts: { now?: Date; bot?: string } = {}): EngineDeps & { setNow(d: Date): void } {
  let now = opts.now ?? NOON;
  return {
    db,
    bot: findBot(opts.bot),
    parser: catalogParser(db, {}),
    signer: { publicUrl: "http://pay.test", secret: "test-secret" },
    clock: () => now,
    setNow(d: Date) {
      now = d;
    },
  };
}

export function chatter(deps: EngineDeps, userId: string) {
  return (event: InboundEvent): Promise<Reply[]> => handleEvent(deps, { channel: "local", externalId: userId }, event);
}

export function one<T extends Reply["type"]>(replies: Reply[], type: T): Extract<Reply, { type: T }> {
  const r = replies.find((x) => x.type === type);
  if (!r) throw new Error(`no ${type} reply in ${JSON.stringify(replies)}`);
  return r as Extract<Reply, { type: T }>;
}

/** Near 天河路 / 正佳广场, Guangzhou. */
export const TIANHE = { lat: 23.1325, lng: 113.3262 };
