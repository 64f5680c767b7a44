// Bills at the till, the pure part: what status a bill shows, and its deep-link payload. A bill is single use and
// expiring; "expired" is never written, it is an open bill read after its expiry, so no job has to sweep them.

export const BILL_STATUSES = ["open", "paid", "expired", "void"] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

/** How long a printed or shown bill QR stays payable (the brief's till: a few minutes). */
export const BILL_TTL_MS = 5 * 60_000;
/** The largest bill the till takes (¥1,000,000): a typo guard, not a business limit. */
export const MAX_BILL_CENTS = 100_000_000;

/** The status a person sees at `at`: an open bill past its expiry is expired. */
export function billStatus(bill: { status: string; expiresAt: Date }, at: Date): BillStatus {
  if (bill.status === "open") return bill.expiresAt.getTime() < at.getTime() ? "expired" : "open";
  return bill.status === "paid" ? "paid" : "void";
}

/** Deep-link start payload of a bill (Telegram allows 64 characters of [A-Za-z0-9_-]). */
export const billPayload = (billId: string) => `bill-${billId}`;

/** The bill id in a start payload, or null when the payload is something else. */
export function billIdFromPayload(payload: string): string | null {
  const m = /^bill-([a-z0-9]{6,40})$/.exec(payload);
  return m ? m[1] : null;
}

/** Money typed at the till: "399" or "¥399.5" are yuan, "39900c" cents; null when it is not an amount. */
export function parseTillAmount(text: string): number | null {
  const t = text.trim().replace(/^[¥￥]\s*/, "").replace(/\s*(元|块|rmb|cny|yuan)$/i, "");
  const cents = /^(\d{1,9})c$/i.exec(t);
  if (cents) return Number(cents[1]);
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}
