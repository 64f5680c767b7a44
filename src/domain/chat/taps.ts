// The button kinds of the chat protocol (docs/chat-protocol.md "Button ids"), each declared once: the shape of its
// argument (a zod schema), how it is written into a button id (encode) and read back from a tap (decode). Whoever
// renders a button builds its id here, and the engine reads every tap here (src/conversation/tap-handlers.ts holds
// what each kind does), so a producer and its parser cannot drift apart. The wire strings are part of the protocol:
// `confirm:<orderId>`, `slot:<staffId>:<epochMs>`, … must stay byte for byte what they are.
// Pure: the app's notices, the outbox and the chat flows all build their buttons from this table.
import { z } from "zod";

const FULFILMENTS = ["delivery", "pickup", "ship"] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];
const isFulfilment = (s: string | undefined): s is Fulfilment => (FULFILMENTS as readonly string[]).includes(s ?? "");

/** A tap as a channel delivers it: `action` or `action:argument`, no spaces, at most 180 characters of argument. */
const WIRE = /^[a-z_]+(:[^\s]{0,180})?$/;

const digits = z.string().regex(/^\d+$/).transform(Number);
const epochMs = z.number().int().nonnegative();

interface TapKind<A> {
  /** the action before the first colon */
  action: string;
  schema: z.ZodType<A>;
  /** the button id for these arguments */
  encode(args: A): string;
  /** the parts after the action (split on ":"; [] when there is no argument) → the raw argument, checked by schema */
  read(parts: string[]): unknown;
}

function kind<A>(action: string, schema: z.ZodType<A>, write: (args: A) => (string | number | null | undefined)[], read: (parts: string[]) => unknown): TapKind<A> {
  return {
    action,
    schema,
    encode: (args) => {
      const parts = write(schema.parse(args));
      // trailing optional parts are left off: `claim`, `book`, `store:<id>`
      while (parts.length && (parts[parts.length - 1] === null || parts[parts.length - 1] === undefined)) parts.pop();
      return [action, ...parts.map((p) => String(p ?? ""))].join(":");
    },
    read,
  };
}

/** A kind without an argument; an argument sent anyway is ignored (`coupons:x` is `coupons`). */
const bare = (action: string) => kind(action, z.object({}), () => [], () => ({}));
/** A kind whose whole argument is one value (it may itself contain colons), possibly empty. */
const whole = <K extends string>(action: string, key: K) =>
  kind(action, z.object({ [key]: z.string() } as Record<K, z.ZodString>), (a) => [(a as Record<K, string>)[key]], (p) => ({ [key]: p.join(":") }));
/** A kind with one optional value: `book` or `book:<storeId>` (an empty value is none). */
const optional = <K extends string>(action: string, key: K) =>
  kind(action, z.object({ [key]: z.string().min(1).nullable() } as Record<K, z.ZodNullable<z.ZodString>>), (a) => [(a as Record<K, string | null>)[key]], (p) => ({ [key]: p.join(":") || null }));

export const TAPS = {
  /** confirm the quote (the one in progress without an id) */
  confirm: optional("confirm", "orderId"),
  /** cancel the order (the one in progress without an id) */
  cancel: optional("cancel", "orderId"),
  /** a size for the item being ordered */
  size: whole("size", "size"),
  /** how to receive the order */
  fulfil: kind("fulfil", z.object({ fulfillment: z.enum(FULFILMENTS) }), (a) => [a.fulfillment], (p) => ({ fulfillment: p.join(":") })),
  /** order from this store, optionally switching how the order is received (an unknown way is ignored) */
  store: kind(
    "store",
    z.object({ storeId: z.string(), fulfillment: z.enum(FULFILMENTS).nullable() }),
    (a) => [a.storeId, a.fulfillment],
    (p) => ({ storeId: p[0] ?? "", fulfillment: isFulfilment(p[1]) ? p[1] : null }),
  ),
  /** order this product, in this size when it is one of the product's ("your size is back") */
  product: kind(
    "product",
    z.object({ productId: z.string(), size: z.string().min(1).nullable() }),
    (a) => [a.productId, a.size],
    (p) => ({ productId: p[0] ?? "", size: p.slice(1).join(":") || null }),
  ),
  /** claim a coupon (none: the coupons on offer); with a campaign, the claim and the next order are credited to it */
  claim: kind(
    "claim",
    z.object({ code: z.string().min(1).nullable(), campaignId: z.string().min(1).nullable() }).refine((a) => a.code !== null || a.campaignId === null, "a campaign needs a coupon"),
    (a) => [a.code, a.campaignId],
    (p) => ({ code: p[0] || null, campaignId: p[0] ? p[1] || null : null }),
  ),
  coupons: bare("coupons"),
  orders: bare("orders"),
  help: bare("help"),
  account: bare("account"),
  bind_phone: bare("bind_phone"),
  /** follow a brand (none: which one?) */
  follow: optional("follow", "brandId"),
  /** the answer to "forget me?": only `yes` erases */
  forget: whole("forget", "answer"),
  /** start a booking, at this store */
  book: optional("book", "storeId"),
  /** book this slot */
  slot: kind("slot", z.object({ staffId: z.string().min(1), startMs: epochMs }), (a) => [a.staffId, a.startMs], (p) => ({ staffId: p[0], startMs: digits.safeParse(p[1] ?? "").data })),
  /** offer new times for a booking */
  rebook: whole("rebook", "appointmentId"),
  /** move a booking to this slot */
  reslot: kind(
    "reslot",
    z.object({ appointmentId: z.string().min(1), staffId: z.string().min(1), startMs: epochMs }),
    (a) => [a.appointmentId, a.staffId, a.startMs],
    (p) => ({ appointmentId: p[0], staffId: p[1], startMs: digits.safeParse(p[2] ?? "").data }),
  ),
  /** cancel a booking */
  unbook: whole("unbook", "appointmentId"),
  /** pay the bill at the till, with the member's best coupon or (`:0`) without */
  bill_pay: kind(
    "bill_pay",
    z.object({ billId: z.string(), useCoupon: z.boolean() }),
    (a) => [a.billId, a.useCoupon ? null : 0],
    (p) => ({ billId: p[0] ?? "", useCoupon: p[1] !== "0" }),
  ),
  /** show the bill without the coupon */
  bill_nocoupon: kind("bill_nocoupon", z.object({ billId: z.string() }), (a) => [a.billId], (p) => ({ billId: p[0] ?? "" })),
  /** show the bill with the coupon again */
  bill_open: kind("bill_open", z.object({ billId: z.string() }), (a) => [a.billId], (p) => ({ billId: p[0] ?? "" })),
  /** switch password-free pay on (the confirmation) */
  one_tap_on: bare("one_tap_on"),
} as const;

export type TapName = keyof typeof TAPS;
export type TapArgs<N extends TapName> = (typeof TAPS)[N] extends TapKind<infer A> ? A : never;
/** A tap read from the wire: the kind and its checked argument. */
export type Tap = { [N in TapName]: { name: N; args: TapArgs<N> } }[TapName];

/** The button id of a tap: `tapId("confirm", { orderId })` → `confirm:<orderId>`. */
export function tapId<N extends TapName>(name: N, args: TapArgs<N>): string {
  return (TAPS[name] as TapKind<TapArgs<N>>).encode(args);
}

/** A tap as the member sent it → the kind and its argument; null for anything unknown, malformed or forged. */
export function readTap(raw: string): Tap | null {
  if (!WIRE.test(raw)) return null;
  const [action, ...parts] = raw.split(":");
  if (!Object.hasOwn(TAPS, action)) return null;
  const name = action as TapName;
  const k = TAPS[name] as TapKind<unknown>;
  const parsed = k.schema.safeParse(k.read(raw.includes(":") ? parts : []));
  return parsed.success ? ({ name, args: parsed.data } as Tap) : null;
}
