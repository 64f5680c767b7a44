// Voice to text through an OpenAI-compatible audio transcription endpoint (POST {base}/audio/transcriptions).
// Used only when OPENAI_API_KEY is set; any failure is reported to the caller, which asks the user to type instead.
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";

export const MAX_VOICE_BYTES = 10 * 1024 * 1024;

export class VoiceTooLarge extends Error {
  constructor(public readonly bytes: number) {
    super(`voice message is ${bytes} bytes; the limit is ${MAX_VOICE_BYTES}`);
  }
}

export interface TranscriberSettings {
  apiKey: string;
  baseURL?: string;
  model?: string;
  timeoutMs?: number;
}

export function createTranscriber(s: TranscriberSettings): (file: string) => Promise<string> {
  const base = (s.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  return async (file: string) => {
    const size = (await stat(file)).size;
    if (size > MAX_VOICE_BYTES) throw new VoiceTooLarge(size);
    const form = new FormData();
    form.append("file", new Blob([await readFile(file)]), basename(file));
    form.append("model", s.model ?? "whisper-1");
    form.append("response_format", "json");
    const res = await fetch(`${base}/audio/transcriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${s.apiKey}` },
      body: form,
      signal: AbortSignal.timeout(s.timeoutMs ?? 15_000),
    });
    if (!res.ok) throw new Error(`transcription failed: HTTP ${res.status}`);
    const body = (await res.json()) as { text?: unknown };
    if (typeof body.text !== "string") throw new Error("transcription answer has no text");
    return body.text.slice(0, 2000);
  };
}
