import { describe, expect, it } from "vitest";
// @ts-expect-error plain ES module of the build-free front end
import { formatMoney } from "../../web/money.js";

describe("money on screen", () => {
  it.each([
    [1200, "JPY", "en", "¥1,200"],
    [1200, "CNY", "en", "¥12.00"],
    [1200, "CNY", "zh", "¥12.00"],
    [15000, "KRW", "en", "₩15,000"],
    [1999, "USD", "en", "$19.99"],
  ])("%i in %s (%s) reads %s", (minor, currency, lang, text) => {
    expect(formatMoney(minor, currency, lang)).toBe(text);
  });
});
