// Money is an integer count of the currency's minor unit ("cents": fen for CNY, yen for JPY) plus an ISO 4217 code.
// Formatting is the only place a fraction appears, so rounding can never leak into prices or totals.

/** The locales the bots speak. */
export type MoneyLocale = "zh-CN" | "en";

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: MoneyLocale): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    // narrowSymbol: "¥32.00" in both locales (plain "symbol" renders CNY as "CN¥" in English)
    f = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    formatters.set(key, f);
  }
  return f;
}

/** Digits of the currency's minor unit: 2 for CNY and USD, 0 for JPY. */
export function minorUnitDigits(currency: string): number {
  return formatterFor(currency, "en").resolvedOptions().maximumFractionDigits ?? 2;
}

/** Renders integer minor units for people, e.g. formatMoney(3200, "CNY", "zh-CN") → "¥32.00". */
export function formatMoney(cents: number, currency: string, locale: MoneyLocale = "zh-CN"): string {
  assertCents(cents, "cents");
  return formatterFor(currency, locale).format(cents / 10 ** minorUnitDigits(currency));
}

/** True for a safe integer: the only shape money may have inside the domain. */
export function isCents(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** Throws when a money amount is not a safe integer: a fractional cent is a bug upstream, never a user error. */
export function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of cents, got ${value}`);
}
