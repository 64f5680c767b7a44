// The two languages the program speaks to members and merchants.

/** zh-CN or English. */
export type Lang = "zh" | "en";

/** A member's stored locale ("en-GB", "zh-CN", none) as the language they are written to in: English or else Chinese. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.startsWith("en") ? "en" : "zh";
}
