// Voice messages: transcribed by an OpenAI-compatible endpoint (a loopback server here), then handled like the text.
import { createServer, type Server } from "node:http";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { createTranscriber } from "../../src/nlu/transcriber.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe("voice orders", () => {
  let db: TestDb;
  let server: Server;
  let base = "";
  let answer: { status: number; text?: string } = { status: 200, text: "来杯拿铁" };
  const seen: string[] = [];
  const audio = join(tmpdir(), `o2o-voice-${process.pid}.ogg`);

  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    writeFileSync(audio, Buffer.from("OggS fake opus payload"));
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization} ${/name="model"\r\n\r\nwhisper-1/.test(body)}`);
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.status === 200 ? { text: answer.text } : { error: { message: "boom" } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  });
  afterAll(async () => {
    server.close();
    await db.drop();
  });

  it("a voice note saying 来杯拿铁 produces the same quote as the text, with the transcript echoed", async () => {
    const deps = { ...testDeps(db), transcribe: createTranscriber({ apiKey: "k", baseURL: base }) };
    const byVoice = chatter(deps, "voice-1");
    const byText = chatter(testDeps(db), "text-1");
    const v = await byVoice({ voice: { file: audio } });
    expect(v[0].text).toMatch(/来杯拿铁/);
    expect(seen.at(-1)).toBe("POST /v1/audio/transcriptions Bearer k true");
    await byText({ text: "来杯拿铁" });
    const qv = one(await byVoice({ location: TIANHE }), "quote");
    const qt = one(await byText({ location: TIANHE }), "quote");
    expect({ ...qv, orderId: "", buttons: [] }).toEqual({ ...qt, orderId: "", buttons: [] });
  });

  it("a failed transcription asks the user to type, and nothing breaks", async () => {
    answer = { status: 500 };
    const deps = { ...testDeps(db), transcribe: createTranscriber({ apiKey: "k", baseURL: base }) };
    const r = await chatter(deps, "voice-2")({ voice: { file: audio } });
    expect(one(r, "error").text).toMatch(/打字|type/);
  });

  it("without a key the bot asks the user to type", async () => {
    const r = await chatter(testDeps(db), "voice-3")({ voice: { file: audio } });
    expect(one(r, "error").code).toBe("VOICE_UNAVAILABLE");
  });
});
