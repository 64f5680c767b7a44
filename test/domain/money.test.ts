import { describe, expect, it } from "vitest";
import { formatMoney, isCents, minorUnitDigits } from "../../src/domain/money.ts";

describe("formatMoney", () => {
  it.each([
    { cents: 3200, currency: "CNY", locale: "zh-CN", text: "¥32.00" },
    { cents: 3200, currency: "CNY", locale: "en", text: "¥32.00" },
    { cents: 1, currency: "CNY", locale: "zh-CN", text: "¥0.01" },
    { cents: 0, currency: "CNY", locale: "zh-CN", text: "¥0.00" },
    { cents: 899900, currency: "CNY", locale: "zh-CN", text: "¥8,999.00" },
    { cents: -500, currency: "CNY", locale: "zh-CN", text: "-¥5.00" },
    { cents: 1234, currency: "USD", locale: "en", text: "$12.34" },
    { cents: 500, currency: "JPY", locale: "en", text: "¥500" }, // yen has no minor unit
  ] as const)("$cents $currency in $locale → $text", ({ cents, currency, locale, text }) => {
    expect(formatMoney(cents, currency, locale)).toBe(text);
  });

  it("defaults to zh-CN", () => {
    expect(formatMoney(3200, "CNY")).toBe("¥32.00");
  });

  it("refuses a fractional cent", () => {
    expect(() => formatMoney(32.5, "CNY", "zh-CN")).toThrow(RangeError);
  });

  it.each([
    { currency: "CNY", digits: 2 },
    { currency: "USD", digits: 2 },
    { currency: "JPY", digits: 0 },
  ])("$currency has $digits minor-unit digits", ({ currency, digits }) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });

  it.each([
    { value: 3200, ok: true },
    { value: -1, ok: true },
    { value: 0.5, ok: false },
    { value: Number.MAX_SAFE_INTEGER + 1, ok: false },
    { value: "3200", ok: false },
  ])("$value is cents: $ok", ({ value, ok }) => {
    expect(isCents(value)).toBe(ok);
  });
});
