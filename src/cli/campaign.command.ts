// `o2o campaign create|tick|list|cancel|worker`: merchant campaigns (docs/chat-protocol.md "The other commands").
import { Command, Option } from "commander";
import { cancelCampaign } from "../app/campaigns/cancel-campaign.ts";
import { deliveryCounts } from "../app/campaigns/campaign-view.ts";
import { createCampaign } from "../app/campaigns/create-campaign.ts";
import { loadOutboxConfig, type OutboxConfig } from "../outbox/outbox-config.ts";
import { runTick } from "../app/campaigns/tick.ts";
import { startDeliveryWorkers } from "../workers/delivery-workers.ts";
import { telegramSenderFromEnv } from "../channels/telegram/telegram-env-sender.ts";
import { systemClock } from "../runtime.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

interface CreateOpts {
  brand: string;
  text: string;
  coupon?: string;
  audience: "followers" | "all";
  near?: string;
  radius?: string;
  tag?: string;
  at?: string;
  cron?: string;
  tz?: string;
}

async function sharedLimits(redisUrl: string, config: OutboxConfig) {
  const { RedisChatGate, RedisRateLimiter, redisConnection } = await import("../outbox/redis-workers.ts");
  const redis = redisConnection(redisUrl);
  const prefix = process.env.O2O_REDIS_PREFIX ?? "o2o";
  return {
    limiter: new RedisRateLimiter(redis, config.ratePerSecond, config.windowGuardMs, `${prefix}:rate`),
    chatGate: new RedisChatGate(redis, config.perChatMs, `${prefix}:chat`),
    close: () => redis.disconnect(),
  };
}

function parseInstant(s: string, flag: string): Date {
  const d = new Date(s);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s) || Number.isNaN(d.getTime())) throw new CliError(`${flag} must be an ISO date-time such as 2026-06-01T10:00:00+08:00, got "${s}"`);
  return d;
}

export function registerCampaign(program: Command): void {
  const campaign = program.command("campaign").description("schedule promotions to a brand's followers and run the campaign scheduler");

  campaign
    .command("create")
    .description("schedule a campaign (once with --at, or repeating with --cron in --tz); prints {\"campaignId\": …}")
    .requiredOption("--brand <id>", "the brand sending it")
    .requiredOption("--text <text>", "the message")
    .option("--coupon <code>", "a coupon of the brand: the message gets a claim button and a deep link")
    .addOption(new Option("--audience <kind>", "who receives it").choices(["followers", "all"]).default("followers"))
    .option("--near <storeId>", "only members whose last consented area is near this store (with --radius)")
    .option("--radius <meters>", "radius around --near, in metres")
    .option("--tag <tag>", "only members with this CRM tag")
    .option("--at <iso>", "send once at this instant (ISO 8601; without an offset: wall time in --tz)")
    .option("--cron <expr>", "send repeatedly on this cron schedule (5 fields, in --tz)")
    .option("--tz <zone>", "the time zone of --cron and of an --at without offset (default: the brand's)")
    .action(async (opts: CreateOpts) => {
      let radiusMeters: number | undefined;
      if (opts.radius !== undefined) {
        radiusMeters = Number(opts.radius);
        if (!/^\d+(\.\d+)?$/.test(opts.radius.trim()) || !(radiusMeters > 0)) throw new CliError(`--radius must be a positive number of metres, got "${opts.radius}"`);
      }
      await withDb(async (db) => {
        const r = await createCampaign(
          db,
          {
            brandId: opts.brand, text: opts.text, couponCode: opts.coupon, audience: opts.audience, nearStoreId: opts.near, radiusMeters,
            tag: opts.tag, at: opts.at, cron: opts.cron, timezone: opts.tz, createdBy: "cli",
          },
          systemClock()(),
        );
        if (!r.ok) throw new CliError(r.error.message ?? r.error.code);
        console.log(JSON.stringify(r.value));
      });
    });

  campaign
    .command("tick")
    .description("run one scheduler pass at --now: plan due campaigns, queue follow-ups, send what is due; prints {\"due\",\"queued\",\"sent\",\"skipped\"}")
    .option("--now <iso>", "the instant of the pass (default: now, or O2O_NOW)")
    .option("--no-send", "plan and queue only; send nothing")
    .action(async (opts: { now?: string; send: boolean }) => {
      const now = opts.now ? parseInstant(opts.now, "--now") : systemClock()();
      const config = loadOutboxConfig();
      await withDb(async (db) => {
        const sender = opts.send ? telegramSenderFromEnv(db) : null;
        // with REDIS_URL the pass sends under the same global limit as the running workers
        const shared = sender && process.env.REDIS_URL ? await sharedLimits(process.env.REDIS_URL, config) : null;
        try {
          const r = await runTick(
            {
              db, config, sender, botIds: sender ? () => sender.botIds() : undefined, limiter: shared?.limiter, chatGate: shared?.chatGate,
              log: (msg, extra) => process.env.O2O_DEBUG && console.error(msg, extra ?? ""),
            },
            now,
            { deliver: opts.send },
          );
          console.log(JSON.stringify({ due: r.due, queued: r.queued, sent: r.sent, skipped: r.skipped, failed: r.failed, deferred: r.deferred }));
        } finally {
          shared?.close();
        }
      });
    });

  campaign
    .command("list")
    .description("list campaigns with their schedule and delivery counts")
    .option("--brand <id>", "only this brand's")
    .option("--json", "one JSON object per line")
    .action(async (opts: { brand?: string; json?: boolean }) => {
      await withDb(async (db) => {
        const rows = await db.prisma.campaign.findMany({ where: opts.brand ? { brandId: opts.brand } : {}, orderBy: { createdAt: "asc" } });
        const counts = await deliveryCounts(db, rows.map((r) => r.id));
        for (const c of rows) {
          const byStatus = Object.fromEntries(Object.entries(counts.get(c.id)!).filter(([, n]) => n > 0));
          const item = { campaignId: c.id, brandId: c.brandId, status: c.status, at: c.at?.toISOString() ?? null, cron: c.cron, timezone: c.timezone, couponCode: c.couponCode, audience: c.audience, deliveries: byStatus };
          console.log(opts.json ? JSON.stringify(item) : `${c.id}  ${c.brandId}  ${c.status}  ${c.at ? c.at.toISOString() : `cron "${c.cron}" ${c.timezone}`}  ${JSON.stringify(byStatus)}  ${c.text.slice(0, 40)}`);
        }
      });
    });

  campaign
    .command("cancel")
    .description("cancel a campaign: no further occurrences, and its queued messages are dropped")
    .argument("<campaignId>")
    .action(async (id: string) => {
      await withDb(async (db) => {
        const r = await cancelCampaign(db, { campaignId: id });
        if (!r.ok) throw new CliError(r.error.message ?? r.error.code);
        console.log(JSON.stringify(r.value));
      });
    });

  campaign
    .command("worker")
    .description("run delivery workers until interrupted (with REDIS_URL they share one global rate across processes)")
    .action(async () => {
      await withDb(async (db) => {
        const sender = telegramSenderFromEnv(db);
        if (!sender) throw new CliError("no bot token is set (TELEGRAM_BOT_TOKEN or a bots/*.json tokenEnv): nothing could be sent");
        const workers = await startDeliveryWorkers({ db, sender, botIds: () => sender.botIds(), clock: systemClock(), log: (msg, extra) => console.error(msg, extra ?? "") });
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await workers.stop();
      });
    });
}
