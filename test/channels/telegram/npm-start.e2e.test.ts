// `npm start` with a bot token and TELEGRAM_API_ROOT pointing at the emulator serves a bot a new user can talk to.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeBotApi, freePort } from "../../support/telegram-emulator.ts";
import { startServer, waitForHealthy } from "../../support/processes.ts";

const TOKEN = "500005:NPM-START";

describe("npm start with a Telegram token", () => {
  let api: FakeBotApi;
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-tg-start-"));
  beforeAll(async () => {
    api = await FakeBotApi.start();
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the marketplace bot by polling the configured Bot API", async () => {
    const port = await freePort();
    const child = startServer({ DATA_DIR: dataDir, PORT: String(port), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url });
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/healthz`);
      await api.waitFor(() => api.calls.some((c) => c.token === TOKEN && c.method === "deleteWebhook"), 20_000, "the bot to start polling");
      const newcomer = api.user(TOKEN, { id: 1301 });
      const replies = await newcomer.say("/start");
      expect(replies.some((c) => /欢迎/.test(c.body.text ?? ""))).toBe(true);
      const ask = await newcomer.say("来杯拿铁");
      expect(ask.some((c) => c.body.reply_markup?.keyboard?.[0]?.[0]?.request_location)).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
  }, 60_000);
});
