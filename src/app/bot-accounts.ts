// The Telegram accounts behind the bots (BotAccount): the username each bot had when it last started, used for
// t.me deep links (store QR codes, bill QR codes, the console).
import type { Db } from "../db/database.ts";

/** Use case: a bot started as this Telegram account; a single-brand bot is that brand's account. */
export async function recordBotAccount(db: Db, input: { botId: string; brandId: string | null; username: string }): Promise<void> {
  await db.prisma.botAccount.upsert({
    where: { id: input.botId },
    create: { id: input.botId, brandId: input.brandId, username: input.username },
    update: { username: input.username },
  });
}

/** The bot's Telegram username as recorded when it last started, or null. */
export async function botAccountUsername(db: Db, botId: string): Promise<string | null> {
  return (await db.prisma.botAccount.findUnique({ where: { id: botId }, select: { username: true } }))?.username ?? null;
}
