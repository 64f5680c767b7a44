import { describe, expect, it } from "vitest";
import { lineKey, normalizeSize, quantityInStock, StockTable, stockKey, stockMapFrom, type StockLookup } from "../../../src/domain/stores/stock.ts";

const ROWS = [
  { storeId: "sb-tianhe", productId: "sb-latte", size: "大杯", quantity: 20 },
  { storeId: "sb-tianhe", productId: "sb-latte", size: "中杯", quantity: 0 },
  { storeId: "sb-tianhe", productId: "sb-croissant", quantity: 30 }, // sizeless: the catalog omits size
  { storeId: "sb-zhengjia", productId: "sb-latte", size: "大杯", quantity: -2 }, // oversold upstream
  { storeId: "sb-zhengjia", productId: "sb-croissant", size: null, quantity: 4 },
  { storeId: "sb-zhengjia", productId: "sb-croissant", size: "", quantity: 5 }, // same line again: the later row wins
];
const table = StockTable.from(ROWS);
const map = stockMapFrom(ROWS);
const fn = (storeId: string, productId: string, size: string) => map.get(stockKey(storeId, productId, size)) ?? 0;

describe("stock lookups", () => {
  it.each([
    { store: "sb-tianhe", product: "sb-latte", size: "大杯", quantity: 20 },
    { store: "sb-tianhe", product: "sb-latte", size: "中杯", quantity: 0 },
    { store: "sb-tianhe", product: "sb-latte", size: "超大杯", quantity: 0 }, // no row: none
    { store: "sb-tianhe", product: "sb-croissant", size: null, quantity: 30 },
    { store: "sb-tianhe", product: "sb-croissant", size: undefined, quantity: 30 },
    { store: "sb-zhengjia", product: "sb-latte", size: "大杯", quantity: 0 }, // never negative
    { store: "sb-zhengjia", product: "sb-croissant", size: null, quantity: 5 },
    { store: "nowhere", product: "sb-latte", size: "大杯", quantity: 0 },
  ])("$store has $quantity of $product $size, whatever the lookup", ({ store, product, size, quantity }) => {
    for (const stock of [table, map, fn] as StockLookup[]) expect(quantityInStock(stock, store, product, size)).toBe(quantity);
  });

  it("a StockTable line holds every store's quantity of one (product, size)", () => {
    expect([...table.line(lineKey("sb-latte", "大杯"))]).toEqual([["sb-tianhe", 20], ["sb-zhengjia", -2]]);
    expect(table.line(lineKey("sb-mocha", "大杯")).size).toBe(0);
  });

  it.each([
    { size: null, normal: "" },
    { size: undefined, normal: "" },
    { size: "", normal: "" },
    { size: "XL", normal: "XL" },
  ])("size $size is looked up as '$normal'", ({ size, normal }) => {
    expect(normalizeSize(size)).toBe(normal);
    expect(stockKey("s", "p", size)).toBe(`s|p|${normal}`);
  });

  it("a function that answers nonsense reads as none", () => {
    expect(quantityInStock(() => Number.NaN, "s", "p", null)).toBe(0);
  });
});
