// `/campaign` in a store manager's private chat with the brand account: one line with every part
// (`/campaign 明天10:00 | 开业全场7折 | coupon GXG30 | near gxg-tianhe 3km`, syntax in
// src/domain/campaigns/campaign-command.ts) or a short guided flow that asks for what is missing (the text, then
// when: "now", ISO or 明天上午10点), shows a preview with the audience size and Confirm / Cancel, and on Confirm
// calls the same createCampaign as the CLI and the admin API. Only bound managers/owners get this far
// (src/app/campaigns/staff-campaign.ts); everybody else gets a polite no. A draft lives in memory per chat for
// 30 minutes: a restart only means the manager starts again.
import type { Context } from "telegraf";
import { botBrandIds, type BotConfig } from "../../bot-config.ts";
import type { AppError } from "../../app/app-result.ts";
import { campaignManagerFor, cancelStaffCampaign, createStaffCampaign, listStaffCampaigns, previewStaffCampaign, type CampaignManager, type StaffCampaignInput } from "../../app/campaigns/staff-campaign.ts";
import { parseAt, type CampaignPreview } from "../../app/campaigns/create-campaign.ts";
import { mergeDrafts, missingParts, parseCampaignCommand, parseCampaignReply, type CampaignDraft, type CampaignProblem } from "../../domain/campaigns/campaign-command.ts";
import { isValidTimeZone } from "../../domain/time/time-zone.ts";
import type { Lang } from "../../conversation/replies.ts";
import type { Db } from "../../db/database.ts";
import { parseWhen } from "../../nlu/when.ts";
import type { CallbackCodec } from "./callback-data.ts";
import { inlineKeyboard } from "./render-replies.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export const DRAFT_TTL_MS = 30 * 60_000;
/** button ids of the flow (callback_data); create-bot routes every `mc:` tap here */
export const CAMPAIGN_TAP_PREFIX = "mc:";
const TAP = { confirm: "mc:ok", cancel: "mc:no", now: "mc:now", stop: "mc:x:" } as const;

export interface MerchantCampaignDeps {
  db: Db;
  bot: BotConfig;
  clock: () => Date;
  codec: CallbackCodec;
  log?: Log;
}

type Asking = "text" | "when" | "fix" | "confirm";
interface Flow {
  draft: CampaignDraft;
  asking: Asking;
  expiresAt: number;
}

const L = (zh: string, en: string) => ({ zh, en });

export const CAMPAIGN_TEXTS = {
  refused: L("抱歉，只有已绑定的门店经理或店长可以发起营销活动。", "Sorry, only a bound store manager or owner can schedule campaigns."),
  wrongBot: L("你的门店属于其他品牌，请在该品牌的公众号里发起活动。", "Your store belongs to another brand: schedule campaigns from that brand's account."),
  askText: L(
    "📣 新活动：请发送要推送的文案。\n（也可以一次说完：/campaign 明天10:00 | 文案 | coupon 券码 | near 门店ID 3km）",
    "📣 New campaign: send the message to push.\n(Or all at once: /campaign tomorrow 10:00 | text | coupon CODE | near STORE_ID 3km)",
  ),
  askWhen: L("什么时候发送？例如「现在」「明天上午10点」「2026-06-02 10:00」，或重复发送「cron 0 10 * * 1」。", "When should it go out? e.g. \"now\", \"tomorrow 10am\", \"2026-06-02 10:00\", or repeating \"cron 0 10 * * 1\"."),
  askFix: L(
    "请发送更正，例如「coupon 券码」「不用券」「near 门店ID 3km」「全部」「tz Asia/Shanghai」「cron 0 10 * * 1」，或点取消。",
    "Send a correction, e.g. \"coupon CODE\", \"no coupon\", \"near STORE_ID 3km\", \"all\", \"tz Asia/Shanghai\", \"cron 0 10 * * 1\", or tap Cancel.",
  ),
  badWhen: { zh: (t: string) => `❌ 没看懂发送时间「${t}」。`, en: (t: string) => `❌ I could not read the time "${t}".` },
  pastWhen: { zh: (t: string) => `❌ 「${t}」已经过去了，请给一个将来的时间，或选「立即发送」。`, en: (t: string) => `❌ "${t}" has already passed: give a time ahead, or choose Now.` },
  cancelled: L("好的，活动已取消，没有发送任何消息。", "OK, the campaign was dropped; nothing will be sent."),
  expired: L("这个活动草稿已失效，请重新发送 /campaign。", "This campaign draft has expired; send /campaign again."),
  now: L("⚡ 立即发送", "⚡ Now"),
  stop: L("⏹ 停止", "⏹ Stop"),
  noneYet: L("还没有活动。发送 /campaign 创建一个。", "No campaigns yet. Send /campaign to create one."),
  stopped: { zh: (n: number) => `⏹ 活动已停止，${n} 条待发送的消息不再发送。`, en: (n: number) => `⏹ Campaign stopped; ${n} queued messages will not be sent.` },
  confirm: L("✅ 确认 Confirm", "✅ Confirm"),
  cancel: L("✖️ 取消 Cancel", "✖️ Cancel"),
  managerHint: L(
    "作为门店经理，你还可以发起营销活动：/campaign（例如 /campaign 明天10:00 | 开业全场7折 | coupon 券码 | near 门店ID 3km）",
    "As a manager you can also schedule campaigns: /campaign (e.g. /campaign tomorrow 10:00 | Grand opening, 30% off | coupon CODE | near STORE_ID 3km)",
  ),
} as const;

const FIELD_ZH: Record<string, string> = {
  text: "活动文案", brand: "品牌", tz: "时区", schedule: "发送时间", at: "发送时间", cron: "定时规则", coupon: "优惠券", near: "门店范围", radius: "门店范围", audience: "受众",
};

/** createCampaign's refusal in the manager's words, with what they typed. */
export function campaignErrorText(e: AppError, input: StaffCampaignInput, lang: Lang, brandName: string): string {
  const field = typeof e.field === "string" ? e.field : "";
  const msg = e.message ?? e.code;
  if (lang === "en") {
    if (e.code === "INVALID_TIME_ZONE") return `❌ Invalid time zone "${input.timezone}": use an IANA name such as Asia/Shanghai.`;
    if (field === "cron") return `❌ Invalid cron expression "${input.cron}": ${msg}. Five fields, e.g. "0 10 * * 1" = Mondays at 10:00.`;
    if (field === "audience") return `❌ Nobody to send to: ${msg}. Try a wider audience (e.g. "all", "near STORE 5km").`;
    return `❌ ${msg}`;
  }
  switch (e.code) {
    case "INVALID_TIME_ZONE":
      return `❌ 时区「${input.timezone}」无效，请用 IANA 时区名，例如 Asia/Shanghai。`;
    case "COUPON_WRONG_BRAND":
      return `❌ 优惠券 ${input.couponCode} 属于其他品牌，不能用于${brandName}的活动。`;
    case "COUPON_NOT_FOUND":
      return `❌ 找不到优惠券 ${input.couponCode}。`;
    case "COUPON_EXPIRED":
      return `❌ 优惠券 ${input.couponCode} 在活动发送前就过期了。`;
  }
  if (field === "cron") return `❌ 定时规则「${input.cron}」无效（${msg}）。请用 5 段 cron，例如「0 10 * * 1」= 每周一 10:00。`;
  if (field === "audience") return "❌ 受众为空：没有符合条件、可以触达的会员。换一个范围试试（例如「全部」「near 门店ID 5km」）。";
  if (field === "near" && e.code === "NOT_FOUND") return `❌ 找不到门店 ${input.nearStoreId}。`;
  if (field === "near" && e.code === "NOT_ALLOWED") return `❌ 门店 ${input.nearStoreId} 不属于${brandName}。`;
  return `❌ ${FIELD_ZH[field] ?? "活动"}有问题：${msg}`;
}

function problemText(p: CampaignProblem, lang: Lang): string {
  if (p.kind === "bad_radius") return lang === "zh" ? `❌ 范围「${p.value}」看不懂，例如 3km、500米。` : `❌ Unknown radius "${p.value}": e.g. 3km, 500m.`;
  if (p.kind === "bad_audience") return lang === "zh" ? `❌ 受众「${p.value}」看不懂：可以是「粉丝」或「全部」。` : `❌ Unknown audience "${p.value}": "followers" or "all".`;
  return lang === "zh" ? `❌「${p.label}」后面缺少内容。` : `❌ "${p.label}" needs a value.`;
}

/** "2026-06-02 10:00" in the zone. */
export function wallTime(iso: string, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  return new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

function previewText(p: CampaignPreview, m: CampaignManager, when: CampaignDraft["when"], lang: Lang): string {
  const first = p.nextRunAt ? wallTime(p.nextRunAt, p.timezone) : "—";
  const zh = lang === "zh";
  const schedule = when?.kind === "now"
    ? (zh ? "立即发送" : "now")
    : p.cron
      ? (zh ? `重复：cron「${p.cron}」（${p.timezone}），首次 ${first}` : `repeating: cron "${p.cron}" (${p.timezone}), first ${first}`)
      : zh ? `${first}（${p.timezone}）` : `${first} (${p.timezone})`;
  const who = [p.audience.kind === "all" ? (zh ? "全部会员" : "all members") : zh ? "关注者" : "followers"];
  if (p.audience.nearStoreId) who.push(zh ? `${p.audience.nearStoreId} 周边 ${formatMeters(p.audience.radiusMeters!)}` : `within ${formatMeters(p.audience.radiusMeters!)} of ${p.audience.nearStoreId}`);
  if (p.audience.tag) who.push(zh ? `标签 ${p.audience.tag}` : `tagged ${p.audience.tag}`);
  const coupon = p.couponCode ? (zh ? `${p.couponCode}（消息带领券按钮）` : `${p.couponCode} (with a claim button)`) : zh ? "无" : "none";
  return zh
    ? `📣 活动预览（${m.brandName}）\n发送：${schedule}\n受众：${who.join(" · ")}，共 ${p.audienceSize} 人\n优惠券：${coupon}\n——\n${p.text}`
    : `📣 Campaign preview (${m.brandName})\nWhen: ${schedule}\nAudience: ${who.join(" · ")}, ${p.audienceSize} people\nCoupon: ${coupon}\n——\n${p.text}`;
}

const formatMeters = (m: number) => (m >= 1000 ? `${Math.round(m / 100) / 10} km` : `${m} m`);

/** The use case input for a complete draft, or the "when" text the resolver could not read. */
export function resolveDraft(d: CampaignDraft, zone: string, now: Date): { ok: true; input: StaffCampaignInput } | { ok: false; badWhen: string; past?: true } {
  const timezone = d.timezone ?? zone;
  const base: StaffCampaignInput = {
    text: d.text ?? "", couponCode: d.couponCode ?? undefined, audience: d.audience ?? "followers", tag: d.tag ?? undefined,
    nearStoreId: d.near?.storeId, radiusMeters: d.near?.radiusMeters, timezone: d.timezone,
  };
  const w = d.when;
  if (!w || w.kind === "now") return { ok: true, input: { ...base, at: now.toISOString() } };
  if (w.kind === "cron") return { ok: true, input: { ...base, cron: w.expression } };
  // ISO (with or without an offset) goes as typed: createCampaign reads a local one in the campaign's zone
  const zoneOk = isValidTimeZone(timezone) ? timezone : zone;
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(w.text.trim());
  const at = iso ? w.text.trim().replace(" ", "T") : parseWhen(w.text.toLowerCase(), now, zoneOk);
  if (!at) return { ok: false, badWhen: w.text };
  // a time typed in chat that has already passed is a slip, not a wish to send at once
  const instant = parseAt(at, zoneOk);
  if (instant && instant.getTime() < now.getTime() - 60_000) return { ok: false, badWhen: w.text, past: true };
  return { ok: true, input: { ...base, at } };
}

export function merchantCampaigns(deps: MerchantCampaignDeps) {
  const flows = new Map<string, Flow>();
  const { db, codec } = deps;

  const keyOf = (ctx: Context) => `${ctx.chat?.id}`;
  function live(key: string): Flow | null {
    const f = flows.get(key);
    if (f && f.expiresAt > Date.now()) return f;
    flows.delete(key);
    return null;
  }
  const keep = (key: string, f: Flow) => flows.set(key, { ...f, expiresAt: Date.now() + DRAFT_TTL_MS });

  async function say(ctx: Context, text: string, buttons: { id: string; label: string }[] = []): Promise<void> {
    const markup = buttons.length ? await inlineKeyboard(buttons, codec) : undefined;
    await ctx.reply(text, markup ? { reply_markup: markup } : undefined);
  }

  /** Authorization for every step: a manager of a brand this bot serves. */
  async function manager(ctx: Context, lang: Lang): Promise<CampaignManager | null> {
    const m = await campaignManagerFor(db, String(ctx.from!.id));
    if (!m.ok) {
      await say(ctx, CAMPAIGN_TEXTS.refused[lang]);
      return null;
    }
    const served = botBrandIds(deps.bot);
    if (served && !served.includes(m.value.brandId)) {
      await say(ctx, CAMPAIGN_TEXTS.wrongBot[lang]);
      return null;
    }
    return m.value;
  }

  /** Asks for what is missing, or shows the preview with Confirm / Cancel. */
  async function advance(ctx: Context, key: string, flow: Flow, problems: CampaignProblem[], lang: Lang, m: CampaignManager): Promise<void> {
    if (problems.length) await say(ctx, problems.map((p) => problemText(p, lang)).join("\n"));
    const missing = missingParts(flow.draft);
    const cancel = { id: TAP.cancel, label: CAMPAIGN_TEXTS.cancel[lang] };
    if (missing[0] === "text") {
      keep(key, { ...flow, asking: "text" });
      return say(ctx, CAMPAIGN_TEXTS.askText[lang], [cancel]);
    }
    if (missing[0] === "when") {
      keep(key, { ...flow, asking: "when" });
      return say(ctx, CAMPAIGN_TEXTS.askWhen[lang], [{ id: TAP.now, label: CAMPAIGN_TEXTS.now[lang] }, cancel]);
    }
    const resolved = resolveDraft(flow.draft, m.timezone, deps.clock());
    if (!resolved.ok) {
      await say(ctx, (resolved.past ? CAMPAIGN_TEXTS.pastWhen : CAMPAIGN_TEXTS.badWhen)[lang](resolved.badWhen));
      return advance(ctx, key, { ...flow, draft: { ...flow.draft, when: undefined } }, [], lang, m);
    }
    const r = await previewStaffCampaign(db, String(ctx.from!.id), resolved.input, deps.clock());
    if (!r.ok) return refused(ctx, key, flow, r.error, resolved.input, lang, m);
    keep(key, { ...flow, asking: "confirm" });
    await say(ctx, previewText(r.value, m, flow.draft.when, lang), [{ id: TAP.confirm, label: CAMPAIGN_TEXTS.confirm[lang] }, cancel]);
  }

  /** A refusal names the problem; a bad text or schedule is asked again, anything else waits for a correction. */
  async function refused(ctx: Context, key: string, flow: Flow, e: AppError, input: StaffCampaignInput, lang: Lang, m: CampaignManager): Promise<void> {
    if (e.code === "NOT_ALLOWED" && !e.field) {
      flows.delete(key);
      return say(ctx, CAMPAIGN_TEXTS.refused[lang]);
    }
    await say(ctx, campaignErrorText(e, input, lang, m.brandName));
    const field = typeof e.field === "string" ? e.field : "";
    if (field === "text") return advance(ctx, key, { ...flow, draft: { ...flow.draft, text: undefined } }, [], lang, m);
    if (["at", "cron", "schedule"].includes(field)) return advance(ctx, key, { ...flow, draft: { ...flow.draft, when: undefined } }, [], lang, m);
    keep(key, { ...flow, asking: "fix" });
    await say(ctx, CAMPAIGN_TEXTS.askFix[lang], [{ id: TAP.cancel, label: CAMPAIGN_TEXTS.cancel[lang] }]);
  }

  async function confirm(ctx: Context, key: string, flow: Flow, lang: Lang): Promise<void> {
    const m = await manager(ctx, lang);
    if (!m) return void flows.delete(key);
    const resolved = resolveDraft(flow.draft, m.timezone, deps.clock());
    if (!resolved.ok) return advance(ctx, key, flow, [], lang, m);
    const r = await createStaffCampaign(db, String(ctx.from!.id), resolved.input, deps.clock());
    if (!r.ok) return refused(ctx, key, flow, r.error, resolved.input, lang, m);
    flows.delete(key);
    const v = r.value;
    deps.log?.("campaign created in chat", { campaignId: v.campaignId, staffId: m.staffId, brandId: m.brandId });
    const when = flow.draft.when?.kind === "now" ? (lang === "zh" ? "马上" : "right away") : v.nextRunAt ? wallTime(v.nextRunAt, v.timezone) : "—";
    await say(
      ctx,
      lang === "zh"
        ? `✅ 活动已创建（${v.campaignId}）：预计触达 ${v.audienceSize} 人，${when}发送。`
        : `✅ Campaign ${v.campaignId} scheduled: about ${v.audienceSize} people, sending ${when === "right away" ? when : `at ${when}`}.`,
    );
  }

  return {
    /** `/campaign [parts]`, or `/campaign cancel` */
    async onCommand(ctx: Context, args: string, lang: Lang): Promise<void> {
      if (ctx.chat?.type !== "private" || !ctx.from) return;
      const key = keyOf(ctx);
      const m = await manager(ctx, lang);
      if (!m) return void flows.delete(key);
      if (/^\s*(cancel|取消)\s*$/i.test(args)) {
        flows.delete(key);
        return say(ctx, CAMPAIGN_TEXTS.cancelled[lang]);
      }
      const { draft, problems } = parseCampaignCommand(args);
      await advance(ctx, key, { draft, asking: "text", expiresAt: 0 }, problems, lang, m);
    },

    /** A text message: true when it answered a campaign draft of this chat (the engine must not see it). */
    async onText(ctx: Context, text: string, lang: Lang): Promise<boolean> {
      if (ctx.chat?.type !== "private" || !ctx.from) return false;
      const key = keyOf(ctx);
      const flow = live(key);
      if (!flow || text.startsWith("/")) return false;
      if (/^\s*(cancel|取消|算了|不发了)\s*$/i.test(text)) {
        flows.delete(key);
        await say(ctx, CAMPAIGN_TEXTS.cancelled[lang]);
        return true;
      }
      if (flow.asking === "confirm" && /^\s*(confirm|yes|ok|send|确认|确定|发送|好的?|是)\s*$/i.test(text)) {
        await confirm(ctx, key, flow, lang);
        return true;
      }
      const m = await manager(ctx, lang);
      if (!m) {
        flows.delete(key);
        return true;
      }
      const { draft, problems } = parseCampaignReply(text, flow.asking === "text" || flow.asking === "when" ? flow.asking : null);
      await advance(ctx, key, { ...flow, draft: mergeDrafts(flow.draft, draft) }, problems, lang, m);
      return true;
    },

    /** `/campaigns`: the brand's latest campaigns, with a Stop button on those still to run. */
    async onList(ctx: Context, lang: Lang): Promise<void> {
      if (ctx.chat?.type !== "private" || !ctx.from) return;
      if (!(await manager(ctx, lang))) return;
      const r = await listStaffCampaigns(db, String(ctx.from.id), deps.clock());
      if (!r.ok) return say(ctx, CAMPAIGN_TEXTS.refused[lang]);
      if (!r.value.items.length) return say(ctx, CAMPAIGN_TEXTS.noneYet[lang]);
      for (const c of r.value.items) {
        // still to run, or still sending: Stop is offered
        const live = c.status !== "cancelled" && (!!c.nextRunAt || c.deliveries.queued > 0);
        const when = c.nextRunAt ? wallTime(c.nextRunAt, c.timezone) : "—";
        const line = lang === "zh"
          ? `📣 ${c.text.slice(0, 60)}\n状态：${c.status}　下次：${when}　已发送：${c.deliveries.sent}`
          : `📣 ${c.text.slice(0, 60)}\nstatus: ${c.status}  next: ${when}  sent: ${c.deliveries.sent}`;
        await say(ctx, line, live ? [{ id: `${TAP.stop}${c.campaignId}`, label: CAMPAIGN_TEXTS.stop[lang] }] : []);
      }
    },

    /** A tap on Now / Confirm / Cancel, or Stop under a listed campaign. */
    async onTap(ctx: Context, id: string, lang: Lang, answer: (text?: string, alert?: boolean) => Promise<void>): Promise<void> {
      if (id.startsWith(TAP.stop)) {
        const r = await cancelStaffCampaign(db, String(ctx.from!.id), id.slice(TAP.stop.length));
        if (!r.ok) return answer(r.error.code === "NOT_ALLOWED" ? CAMPAIGN_TEXTS.refused[lang] : CAMPAIGN_TEXTS.expired[lang], true);
        await answer();
        return say(ctx, CAMPAIGN_TEXTS.stopped[lang](r.value.skipped));
      }
      const key = keyOf(ctx);
      const flow = live(key);
      if (!flow || (id === TAP.confirm && flow.asking !== "confirm")) return answer(CAMPAIGN_TEXTS.expired[lang], true);
      await answer();
      if (id === TAP.cancel) {
        flows.delete(key);
        return say(ctx, CAMPAIGN_TEXTS.cancelled[lang]);
      }
      if (id === TAP.confirm) return confirm(ctx, key, flow, lang);
      if (id === TAP.now) {
        const m = await manager(ctx, lang);
        if (!m) return void flows.delete(key);
        return advance(ctx, key, { ...flow, draft: { ...flow.draft, when: { kind: "now" } } }, [], lang, m);
      }
    },
  };
}

export type MerchantCampaigns = ReturnType<typeof merchantCampaigns>;
