// Why an LLM call did not produce a usable answer, for the "llm parser fell back" log line.
export type FallbackReason = "timeout" | "http_error" | "network_error" | "invalid_output" | "error";

export interface FallbackInfo {
  reason: FallbackReason;
  status?: number;
  detail?: string;
}

const OUTPUT_ERRORS = new Set([
  "SyntaxError", "ZodError", "$ZodError", "OutputParserException", "LengthFinishReasonError", "ContentFilterFinishReasonError",
]);

export function classifyLlmError(err: unknown, timedOut: boolean): FallbackInfo {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; status?: unknown; constructor?: { name?: string }; cause?: unknown; lc_error_code?: unknown };
  const name = typeof e.name === "string" ? e.name : e.constructor?.name ?? "";
  const message = typeof e.message === "string" ? e.message : String(err);
  const detail = message.slice(0, 200);
  if (timedOut || name === "TimeoutError" || name === "APIConnectionTimeoutError" || /timed? ?out/i.test(message)) {
    return { reason: "timeout", detail };
  }
  if (typeof e.status === "number") return { reason: "http_error", status: e.status, detail };
  if (name === "APIConnectionError" || /connection error|fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up|other side closed/i.test(message)) {
    return { reason: "network_error", detail };
  }
  if (OUTPUT_ERRORS.has(name) || e.lc_error_code === "OUTPUT_PARSING_FAILURE" || /json|parse|schema/i.test(message)) {
    return { reason: "invalid_output", detail };
  }
  return { reason: "error", detail };
}
