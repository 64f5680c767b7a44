// Money on screen: amounts are integers in the currency's minor unit (CNY fen, USD cents; JPY and KRW have none),
// so the divisor comes from the currency itself: 1200 JPY is ¥1,200, 1200 CNY is ¥12.00 (as src/domain/money.ts).
const digits = new Map();

export function minorDigits(currency) {
  const c = currency || "CNY";
  if (!digits.has(c)) {
    let d = 2;
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency: c }).resolvedOptions().maximumFractionDigits;
    } catch {
      // an unknown code: two digits, as most currencies have
    }
    digits.set(c, d);
  }
  return digits.get(c);
}

export function formatMoney(minor, currency, lang) {
  const c = currency || "CNY";
  const value = minor / 10 ** minorDigits(c);
  try {
    // narrowSymbol, as the bots write it (src/domain/money.ts): "¥32.00" in both languages, not "CN¥32.00"
    return new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en", { style: "currency", currency: c, currencyDisplay: "narrowSymbol" }).format(value);
  } catch {
    return `${value} ${c}`;
  }
}
