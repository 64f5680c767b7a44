// Sends members' queued outbox rows (order status updates and follow-ups) to Telegram, small and separate from the
// campaign pipeline, which owns campaign rows and the global rate budget; this can be folded into it later.
// Each row is claimed with a conditional UPDATE (queued → claimed) before sending, so two instances never send the
// same row; a crash after the claim leaves the row "claimed" rather than risk sending it twice.
// 429 parks the bot for retry_after (the loop moves on, nothing blocks); 403 marks the member unreachable.
import type { MessageSender } from "../../campaigns/message-sender.ts";
import type { Button } from "../../conversation/replies.ts";
import type { Db } from "../../db/database.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export const MAX_ATTEMPTS = 8;

/** Per-bot pauses after a 429, in wall-clock time (a pinned business clock must not freeze a pause). */
export class BotPauses {
  private until = new Map<string, number>();
  pause(botId: string, seconds: number) {
    this.until.set(botId, Math.max(this.until.get(botId) ?? 0, Date.now() + seconds * 1000));
  }
  paused(botId: string): boolean {
    return (this.until.get(botId) ?? 0) > Date.now();
  }
}

export interface OrderPushOptions {
  db: Db;
  sender: MessageSender;
  runningBots: () => Set<string>;
  /** bot ids serving a brand (to pick a sender when the order's own bot is not running) */
  botsForBrand?: (brandId: string) => string[];
  clock: () => Date;
  pauses?: BotPauses;
  sources?: string[];
  batch?: number;
  log?: Log;
}

export interface PushTick {
  sent: number;
  failed: number;
  deferred: number;
}

/**
 * Due = notBefore ≤ the later of the business clock and the wall clock: rows are stamped with the wall clock when
 * queued, while demos and tests pin the business clock (O2O_NOW) in the past or the future.
 */
const dueAt = (clock: () => Date) => new Date(Math.max(clock().getTime(), Date.now()));

export function orderPushSender(opts: OrderPushOptions) {
  const pauses = opts.pauses ?? new BotPauses();
  const sources = opts.sources ?? ["order", "follow_up"];
  const batch = opts.batch ?? 25;

  async function tick(): Promise<PushTick> {
    const { db } = opts;
    const out: PushTick = { sent: 0, failed: 0, deferred: 0 };
    const due = { status: "queued", source: { in: sources }, notBefore: { lte: dueAt(opts.clock) } };
    const waiting = await db.prisma.delivery.findMany({ where: due, select: { memberId: true }, distinct: ["memberId"], take: 1000 });
    if (!waiting.length) return out;
    const identities = await db.prisma.memberIdentity.findMany({ where: { channel: "telegram", memberId: { in: waiting.map((w) => w.memberId) } }, orderBy: { createdAt: "asc" } });
    if (!identities.length) return out;
    const rows = await db.prisma.delivery.findMany({
      where: { ...due, memberId: { in: [...new Set(identities.map((i) => i.memberId))] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: batch,
    });
    const members = new Map((await db.prisma.member.findMany({ where: { id: { in: rows.map((r) => r.memberId) } }, select: { id: true, unreachable: true, erasedAt: true } })).map((m) => [m.id, m]));
    const orderIds = rows.map((r) => r.orderId).filter((x): x is string => !!x);
    const orders = new Map((await db.prisma.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, botId: true, brandId: true } })).map((o) => [o.id, o]));
    const running = opts.runningBots();

    for (const row of rows) {
      const member = members.get(row.memberId);
      if (!member || member.unreachable || member.erasedAt) {
        await db.prisma.delivery.updateMany({ where: { id: row.id, status: "queued" }, data: { status: "skipped", error: member?.unreachable ? "unreachable" : "no member" } });
        continue;
      }
      const ident = identities.find((i) => i.memberId === row.memberId && i.botId && running.has(i.botId)) ?? identities.find((i) => i.memberId === row.memberId)!;
      const order = row.orderId ? orders.get(row.orderId) : undefined;
      const botId = [order?.botId, ident.botId, ...(order && opts.botsForBrand ? opts.botsForBrand(order.brandId) : [])].find((b): b is string => !!b && running.has(b));
      if (!botId || pauses.paused(botId)) continue;
      const { count } = await db.prisma.delivery.updateMany({ where: { id: row.id, status: "queued" }, data: { status: "claimed", claimedAt: new Date(), attempts: { increment: 1 } } });
      if (count !== 1) continue; // another instance took it
      const payload = (row.payload ?? {}) as { buttons?: Button[] };
      // in a private chat the chat id is the user id, whichever bot writes
      const r = await opts.sender.send({ botId, chatId: ident.chatId ?? ident.externalId, text: row.text, buttons: payload.buttons });
      if (r.ok) {
        await db.prisma.delivery.update({ where: { id: row.id }, data: { status: "sent", sentAt: new Date(), error: null } });
        out.sent++;
        continue;
      }
      switch (r.kind) {
        case "rate_limited":
          pauses.pause(botId, r.retryAfterSeconds);
          await db.prisma.delivery.update({ where: { id: row.id }, data: { status: "queued", notBefore: new Date(Date.now() + r.retryAfterSeconds * 1000), error: "429" } });
          opts.log?.("telegram rate limit: pausing the bot", { botId, retryAfterSeconds: r.retryAfterSeconds });
          out.deferred++;
          break;
        case "blocked":
          // the user blocked the bot: stop writing to them until they come back (create-bot clears the flag)
          await db.prisma.member.update({ where: { id: row.memberId }, data: { unreachable: true } });
          await db.prisma.delivery.update({ where: { id: row.id }, data: { status: "failed", error: `blocked: ${r.error}`.slice(0, 300) } });
          out.failed++;
          break;
        case "transient": {
          const attempts = row.attempts + 1;
          const giveUp = attempts >= MAX_ATTEMPTS;
          await db.prisma.delivery.update({
            where: { id: row.id },
            data: giveUp ? { status: "failed", error: r.error.slice(0, 300) } : { status: "queued", notBefore: new Date(Date.now() + Math.min(300, 2 ** attempts) * 1000), error: r.error.slice(0, 300) },
          });
          if (giveUp) out.failed++;
          else out.deferred++;
          break;
        }
        case "permanent":
          await db.prisma.delivery.update({ where: { id: row.id }, data: { status: "failed", error: r.error.slice(0, 300) } });
          out.failed++;
          break;
      }
    }
    return out;
  }

  return { tick, pauses };
}
