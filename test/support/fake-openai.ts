// A tiny OpenAI-compatible HTTP server for tests: POST /v1/chat/completions on 127.0.0.1 (random port).
// It answers the way the request asks to be answered: with `response_format: json_schema` (or
// json_object) the configured JSON is the message content; with a forced function `tool_choice` it is
// the arguments of a tool call to that function. Every request is recorded (parsed body included) so
// tests can check what the client sent. Replies are scripted per test: JSON, raw content, an HTTP
// error, a delay, or a dropped connection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FakeReply =
  /** answer with this value as the structured output (content or tool-call arguments) */
  | { json: unknown; delayMs?: number }
  /** answer with this exact text as the structured output (e.g. garbage that is not JSON) */
  | { raw: string; delayMs?: number }
  /** answer with an HTTP error and an OpenAI-style error body */
  | { status: number; message?: string; delayMs?: number }
  /** close the connection without answering */
  | { drop: true; delayMs?: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  /** the parsed JSON body (null if it was not JSON) */
  body: any;
  /** how the fake answered: "json_schema", "json_object", "tool_call" or "text" */
  mode: AnswerMode;
}

type AnswerMode = "json_schema" | "json_object" | "tool_call" | "text";

export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:41234/v1 (what the OpenAI SDK expects as baseURL) */
  baseURL: string;
  requests: RecordedRequest[];
  /** the reply to every following request (or a function of the request) */
  reply(r: FakeReply | ((req: RecordedRequest) => FakeReply)): void;
  close(): Promise<void>;
}

function answerMode(body: any): AnswerMode {
  const rf = body?.response_format?.type;
  if (rf === "json_schema") return "json_schema";
  if (rf === "json_object") return "json_object";
  if (Array.isArray(body?.tools) && body.tools.length) return "tool_call";
  return "text";
}

function completion(body: any, mode: AnswerMode, content: string) {
  const base = {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: typeof body?.model === "string" ? body.model : "fake-model",
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
  if (mode === "tool_call") {
    const forced = body?.tool_choice?.function?.name;
    const name = typeof forced === "string" ? forced : body.tools[0]?.function?.name ?? "extract";
    return {
      ...base,
      choices: [{
        index: 0,
        finish_reason: "tool_calls",
        logprobs: null,
        message: {
          role: "assistant", content: null, refusal: null,
          tool_calls: [{ id: "call_fake_1", type: "function", function: { name, arguments: content } }],
        },
      }],
    };
  }
  return {
    ...base,
    choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content, refusal: null } }],
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startFakeOpenAI(initial: FakeReply = { status: 500, message: "no reply configured" }): Promise<FakeOpenAI> {
  let script: FakeReply | ((req: RecordedRequest) => FakeReply) = initial;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, payload: unknown) => {
    if (res.destroyed || res.writableEnded) return;
    const text = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const server: Server = createServer(async (req, res) => {
    const rawBody = await readBody(req).catch(() => "");
    let body: any = null;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = null;
    }
    if (req.method !== "POST" || !req.url?.replace(/\?.*$/, "").endsWith("/chat/completions")) {
      send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error" } });
      return;
    }
    const mode = answerMode(body);
    const recorded: RecordedRequest = { method: req.method, url: req.url, headers: req.headers, body, mode };
    requests.push(recorded);
    const r = typeof script === "function" ? script(recorded) : script;

    const act = () => {
      if ("drop" in r) {
        req.socket.destroy();
      } else if ("status" in r) {
        send(res, r.status, { error: { message: r.message ?? `fake error ${r.status}`, type: "server_error", code: null, param: null } });
      } else {
        const content = "raw" in r ? r.raw : JSON.stringify(r.json);
        send(res, 200, completion(body, mode, content));
      }
    };
    if (r.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        act();
      }, r.delayMs);
      timers.add(t);
      // a client that gives up (timeout/abort) closes the socket: stop waiting for it
      res.on("close", () => {
        clearTimeout(t);
        timers.delete(t);
      });
    } else act();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(r) {
      script = r;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
