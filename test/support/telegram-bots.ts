// Running a bot of bots/ against a test Bot API (test/support/telegram-emulator.ts), the way `npm start` runs it:
// the business clock pinned, the sandbox payment signer, the delivery loop at a test-friendly interval.
import { findBot } from "../../src/bot-config.ts";
import { startBots, type RunningBots } from "../../src/channels/telegram/start-bots.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/database.ts";
import type { FakeBotApi } from "./telegram-emulator.ts";
import { NOON } from "./engine.ts";

export interface TestBotOptions {
  bot: string;
  token: string;
  clock?: () => Date;
  /** more environment (e.g. a payment provider token) */
  env?: Record<string, string>;
  /** 0: no background delivery loop (the test ticks it) */
  loopIntervalMs?: number;
}

export async function startTestBot(db: Db, api: FakeBotApi, opts: TestBotOptions): Promise<RunningBots> {
  const bot = findBot(opts.bot);
  const bots = await startBots({
    db,
    config: loadConfig({ TELEGRAM_API_ROOT: api.url, PUBLIC_URL: "http://pay.test" }),
    env: { [bot.tokenEnv]: opts.token, ...opts.env },
    bots: [bot],
    engine: { clock: opts.clock ?? (() => NOON), signer: { publicUrl: "http://pay.test", secret: "test-secret" } },
    loopIntervalMs: opts.loopIntervalMs ?? 100,
  });
  await bots.ready;
  return bots;
}
