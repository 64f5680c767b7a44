// The merchant's campaign syntax in chat, as a pure parser. One line, parts separated by "|" in any order:
//
//   /campaign 明天10:00 | GXG 天河店今天开业，全场7折 | coupon GXG30 | near gxg-tianhe 3km
//
// A part may be labelled (coupon / 券 X, near / 附近 STORE [RADIUS], tag / 标签 X, at / 时间 WHEN, cron EXPR,
// tz / 时区 ZONE, text / 文案 X, to / 发给 all|followers); unlabelled parts are read by their look: "now"/"现在" and
// ISO or natural times ("明天上午10点", "tomorrow 10am") are the time, five cron fields are a schedule, "all" or
// "粉丝" an audience, and anything else is the text. Times stay text here: the channel resolves them in the
// brand's zone with the NLU's when resolver, so this module needs no clock.
export const DEFAULT_NEAR_RADIUS_METERS = 3000;

export type CampaignWhen = { kind: "now" } | { kind: "at"; text: string } | { kind: "cron"; expression: string };

export interface CampaignDraft {
  text?: string;
  when?: CampaignWhen;
  timezone?: string;
  /** null: the merchant said "no coupon" */
  couponCode?: string | null;
  near?: { storeId: string; radiusMeters: number } | null;
  tag?: string | null;
  audience?: "followers" | "all";
}

export type CampaignProblem =
  | { kind: "empty"; label: string }
  | { kind: "bad_radius"; value: string }
  | { kind: "bad_audience"; value: string };

export interface ParsedCampaignCommand {
  draft: CampaignDraft;
  problems: CampaignProblem[];
}

const SEPARATOR = /[|｜\n]/;

type Label = "text" | "at" | "cron" | "tz" | "coupon" | "near" | "tag" | "audience";

// longest first, so "优惠券" wins over "券"; ASCII labels need a boundary, CJK ones may touch their value
const LABELS: [string, Label][] = (
  [
    ["text", "text"], ["message", "text"], ["msg", "text"], ["文案", "text"], ["内容", "text"],
    ["when", "at"], ["at", "at"], ["time", "at"], ["发送时间", "at"], ["时间", "at"],
    ["cron", "cron"], ["重复", "cron"],
    ["timezone", "tz"], ["zone", "tz"], ["tz", "tz"], ["时区", "tz"],
    ["coupon", "coupon"], ["code", "coupon"], ["优惠券", "coupon"], ["券码", "coupon"], ["券", "coupon"],
    ["near", "near"], ["store", "near"], ["附近", "near"], ["门店", "near"],
    ["tag", "tag"], ["标签", "tag"],
    ["audience", "audience"], ["to", "audience"], ["受众", "audience"], ["发给", "audience"],
  ] as [string, Label][]
).sort((a, b) => b[0].length - a[0].length);

const NOW = /^(now|right now|immediately|asap|现在|立即|立刻|马上|即刻|现在发|立即发送|马上发)$/i;
const NO_COUPON = /^(no coupon|without coupon|none|不用券|不要券|无券|没有券|不带券)$/i;
const NO_NEAR = /^(anywhere|everywhere|不限范围|不限门店|不限)$/i;
const AUDIENCES: [RegExp, "followers" | "all"][] = [
  [/^(followers?|fans|粉丝|关注者|关注的人|关注用户)$/i, "followers"],
  [/^(all|everyone|all members|全部|所有人|全部会员|所有会员)$/i, "all"],
];
const CRON_FIELD = /^(\*|\?|[0-9]{1,2}|[a-z]{3})([-/,](\*|[0-9]{1,2}|[a-z]{3}))*$/i;

// English words that also start ordinary sentences ("At our store…", "To celebrate…"): a label only when its
// value looks like what the label wants, otherwise the part is read as text
const PLAIN_WORDS: Partial<Record<string, (value: string) => boolean>> = {
  at: (v) => NOW.test(v) || looksLikeTime(v) || looksLikeCron(v),
  when: (v) => NOW.test(v) || looksLikeTime(v) || looksLikeCron(v),
  time: (v) => NOW.test(v) || looksLikeTime(v) || looksLikeCron(v),
  to: (v) => audienceOf(v) !== null,
  code: (v) => /^[A-Za-z0-9_-]+$/.test(v),
  store: (v) => /^[A-Za-z0-9_-]+(\s|$)/.test(v),
  near: (v) => /^[A-Za-z0-9_-]+(\s|$)/.test(v),
};

function labelOf(part: string): { label: Label; value: string } | null {
  const lower = part.toLowerCase();
  for (const [word, label] of LABELS) {
    if (!lower.startsWith(word)) continue;
    const rest = part.slice(word.length);
    // an ASCII label ends at a space or colon ("couponless" is not "coupon"); a Chinese one may also touch an
    // ASCII value ("券GXG30") but not more Chinese ("门店今天开业" is text)
    const ends = /^[a-z]/.test(word) ? /^([\s:：=]|$)/ : /^([\s:：=]|[A-Za-z0-9]|$)/;
    if (!ends.test(rest)) continue;
    const value = rest.replace(/^[\s:：=]+/, "").trim();
    const check = PLAIN_WORDS[word];
    if (check && value && !check(value)) return null;
    return { label, value };
  }
  return null;
}

/** Five (or six) cron fields, with at least one "*" or list so "10 12 2026 5 1" reads as numbers, not a schedule. */
export function looksLikeCron(s: string): boolean {
  const fields = s.trim().split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => CRON_FIELD.test(f)) && /[*/,?-]/.test(s);
}

const ISO = /\d{4}-\d{1,2}-\d{1,2}(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:z|[+-]\d{2}:?\d{2})?/gi;
const TIME_WORDS = new RegExp(
  [
    "大后天", "后天", "明天", "明日", "今天", "今日", "今晚", "明晚", "明早", "今早", "早上", "早晨", "上午", "中午", "下午", "傍晚", "晚上", "凌晨",
    "下下周", "下周", "这周", "本周", "下个", "这个", "周末", "(?:周|星期|礼拜)[一二三四五六日天1-7]",
    "[零〇一二两三四五六七八九十\\d]+\\s*[点點时時]\\s*(?:半|一刻|三刻|[零〇一二三四五六七八九十\\d]+\\s*分?)?",
    "[零〇一二三四五六七八九十\\d]+\\s*月\\s*[零〇一二三四五六七八九十\\d]+\\s*[日号]?", "[零〇一二三四五六七八九十\\d]+\\s*[日号]", "整", "的", "在",
    "\\d{1,2}[:：]\\d{2}", "\\d{1,2}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)",
    "today", "tomorrow", "tonight", "tmr", "next", "this", "at", "on", "am", "pm", "morning", "afternoon", "evening", "noon", "night",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?", "aug(?:ust)?", "sept?(?:ember)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?",
    "\\d{1,2}(?:st|nd|rd|th)?",
  ].join("|"),
  "gi",
);
const DAY_OR_CLOCK = /\d|今|明|后天|周|星期|礼拜|上午|下午|晚上|早上|中午|today|tomorrow|tonight|morning|afternoon|evening|noon|monday|tuesday|wednesday|thursday|friday|saturday|sunday/i;

/** A part that only names a time ("明天10:00", "明天上午10点", "tomorrow 10am", ISO), nothing else. */
export function looksLikeTime(s: string): boolean {
  const t = s.trim();
  if (!t || t.length > 40 || !DAY_OR_CLOCK.test(t)) return false;
  const rest = t.replace(ISO, " ").replace(TIME_WORDS, " ").replace(/[\s,，.。:：/-]+/g, "");
  return rest === "";
}

/** "3km", "3 公里", "500m", "500米", "1.5"; a bare number up to 100 is kilometres, above that metres. */
export function parseRadiusMeters(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(km|公里|千米|kilometres?|kilometers?|m|米|meters?|metres?)?$/i.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  const meters = unit ? (/^(km|公里|千米|kilo)/.test(unit) ? n * 1000 : n) : n <= 100 ? n * 1000 : n;
  return meters > 0 && meters <= 20_000_000 ? Math.round(meters) : null;
}

function parseNear(value: string, problems: CampaignProblem[]): CampaignDraft["near"] | undefined {
  if (NO_NEAR.test(value)) return null;
  const tokens = value.split(/\s+/).filter(Boolean);
  let storeId: string | undefined;
  let radius: number | null = null;
  for (let i = 0; i < tokens.length; i++) {
    // "3 km" arrives as two tokens
    const joined = i + 1 < tokens.length ? parseRadiusMeters(`${tokens[i]}${tokens[i + 1]}`) : null;
    if (joined !== null && /^\d/.test(tokens[i]) && !/\d$/.test(tokens[i + 1])) {
      radius = joined;
      i++;
    } else if (/^\d/.test(tokens[i]) && parseRadiusMeters(tokens[i]) !== null && storeId !== undefined) radius = parseRadiusMeters(tokens[i]);
    else if (/^\d+(\.\d+)?\s*\D*$/.test(tokens[i]) && storeId !== undefined) problems.push({ kind: "bad_radius", value: tokens[i] });
    else if (storeId === undefined) storeId = tokens[i];
    else if (parseRadiusMeters(tokens[i]) !== null) radius = parseRadiusMeters(tokens[i]);
    else problems.push({ kind: "bad_radius", value: tokens[i] });
  }
  if (!storeId) {
    problems.push({ kind: "empty", label: "near" });
    return undefined;
  }
  return { storeId, radiusMeters: radius ?? DEFAULT_NEAR_RADIUS_METERS };
}

function audienceOf(value: string): "followers" | "all" | null {
  for (const [re, kind] of AUDIENCES) if (re.test(value.trim())) return kind;
  return null;
}

/** Parses the arguments of `/campaign` (or a reply during the guided flow) into the parts it names. */
export function parseCampaignCommand(input: string): ParsedCampaignCommand {
  const draft: CampaignDraft = {};
  const problems: CampaignProblem[] = [];
  const texts: string[] = [];
  for (const raw of input.split(SEPARATOR)) {
    const part = raw.trim();
    if (!part) continue;
    const labelled = labelOf(part);
    if (labelled) {
      const { label, value } = labelled;
      if (!value) {
        problems.push({ kind: "empty", label });
        continue;
      }
      switch (label) {
        case "text":
          texts.push(value);
          break;
        case "at":
          draft.when = NOW.test(value) ? { kind: "now" } : looksLikeCron(value) ? { kind: "cron", expression: value } : { kind: "at", text: value };
          break;
        case "cron":
          draft.when = { kind: "cron", expression: value };
          break;
        case "tz":
          draft.timezone = value;
          break;
        case "coupon":
          draft.couponCode = NO_COUPON.test(value) || /^(none|no|无|不用)$/i.test(value) ? null : value.split(/\s+/)[0];
          break;
        case "near": {
          const near = parseNear(value, problems);
          if (near !== undefined) draft.near = near;
          break;
        }
        case "tag":
          draft.tag = /^(none|无)$/i.test(value) ? null : value;
          break;
        case "audience": {
          const kind = audienceOf(value);
          if (kind) draft.audience = kind;
          else problems.push({ kind: "bad_audience", value });
          break;
        }
      }
      continue;
    }
    if (NOW.test(part)) draft.when = { kind: "now" };
    else if (NO_COUPON.test(part)) draft.couponCode = null;
    else if (audienceOf(part)) draft.audience = audienceOf(part)!;
    else if (looksLikeCron(part)) draft.when = { kind: "cron", expression: part };
    else if (looksLikeTime(part)) draft.when = { kind: "at", text: part };
    else texts.push(part);
  }
  // a text that itself contained "|" comes back whole
  if (texts.length) draft.text = texts.join(" | ");
  return { draft, problems };
}

/**
 * A reply during the guided flow: a single part answering the question asked is taken whole (the text may mention
 * 今天 or a price; a time the parser does not know is left for the resolver to judge); anything with "|" or a
 * label is read as a command, so a merchant can answer several things at once.
 */
export function parseCampaignReply(input: string, expecting: "text" | "when" | null): ParsedCampaignCommand {
  const whole = input.trim();
  if (expecting && whole && !SEPARATOR.test(whole) && labelOf(whole) === null) {
    if (expecting === "text") return { draft: { text: whole }, problems: [] };
    const when: CampaignWhen = NOW.test(whole) ? { kind: "now" } : looksLikeCron(whole) ? { kind: "cron", expression: whole } : { kind: "at", text: whole };
    return { draft: { when }, problems: [] };
  }
  return parseCampaignCommand(input);
}

/** The draft with `update`'s parts on top (a later answer corrects an earlier one). */
export function mergeDrafts(base: CampaignDraft, update: CampaignDraft): CampaignDraft {
  const out: CampaignDraft = { ...base };
  for (const [k, v] of Object.entries(update) as [keyof CampaignDraft, unknown][]) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** What the guided flow still has to ask for, in order. */
export function missingParts(d: CampaignDraft): ("text" | "when")[] {
  const out: ("text" | "when")[] = [];
  if (!d.text?.trim()) out.push("text");
  if (!d.when) out.push("when");
  return out;
}
