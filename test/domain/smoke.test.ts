import { describe, expect, it } from "vitest";
import { emptyResult } from "../../src/nlu/intent.ts";

describe("nlu schema", () => {
  it("an empty result has no entities", () => {
    expect(emptyResult()).toMatchObject({ intent: "unknown", items: [], brandId: null });
  });
});
