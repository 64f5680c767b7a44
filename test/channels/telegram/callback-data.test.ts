// Button ids travel as callback_data (≤ 64 bytes); longer ones as a token that resolves again, also elsewhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CALLBACK_BYTES, callbackCodec, fitsCallbackData } from "../../../src/channels/telegram/callback-data.ts";
import { inlineKeyboard } from "../../../src/channels/telegram/render-replies.ts";
import { freshDb, type TestDb } from "../../support/databases.ts";

describe("callback data", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("sqlite");
  });
  afterAll(async () => db?.drop());

  it.each([
    ["confirm:cmwwvj7950005787d4x5by5pp", true],
    ["size:超大杯", true],
    [`store:${"x".repeat(60)}`, false],
    // 22 CJK characters are 66 bytes
    [`size:${"大".repeat(22)}`, false],
    ["~looks-like-a-token", false],
  ])("%s fits as is: %s", (id, fits) => {
    expect(fitsCallbackData(id)).toBe(fits);
  });

  it("short ids pass through; long ids become a token that decodes on another instance", async () => {
    const long = `store:${"sb-a-very-long-store-identifier-".repeat(3)}:delivery`;
    const a = callbackCodec(db);
    expect(await a.encode("orders")).toBe("orders");
    const token = await a.encode(long);
    expect(Buffer.byteLength(token)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    expect(await a.encode(long)).toBe(token);
    expect(await callbackCodec(db).decode(token)).toBe(long);
    expect(await callbackCodec(db).decode("~unknown")).toBeNull();
  });

  it("lays out buttons: URL buttons alone, short labels in pairs, long labels alone", async () => {
    const kb = await inlineKeyboard(
      [
        { id: "url:https://pay.example/p/1", label: "支付" },
        { id: "a", label: "大杯" },
        { id: "b", label: "超大杯" },
        { id: "c", label: "Use 星巴克 太古汇店 593 m" },
        { id: "d", label: "取消" },
      ],
      callbackCodec(),
    );
    expect(kb!.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([["支付"], ["大杯", "超大杯"], ["Use 星巴克 太古汇店 593 m"], ["取消"]]);
  });
});
