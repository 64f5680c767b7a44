// Graceful stop on SIGTERM/SIGINT (a deploy, docker stop, Ctrl-C): the steps run in order, each after the previous
// one finished, and the process exits 0. A hard deadline (SHUTDOWN_TIMEOUT_SECONDS) bounds the whole: whatever is
// still running then is abandoned and the process exits 1 — a row still claimed at that point is judged by the
// delivery pipeline's lease rule (at most once), never sent twice. A second signal does not restart the stop.
import type { Logger } from "pino";

export type ShutdownStep = [name: string, run: () => Promise<unknown> | unknown];

export interface ShutdownOptions {
  logger: Logger;
  timeoutSeconds: number;
  steps: ShutdownStep[];
  /** default process.exit */
  exit?: (code: number) => void;
}

export async function shutdown(signal: string, opts: ShutdownOptions): Promise<number> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const started = Date.now();
  opts.logger.info({ signal, deadlineSeconds: opts.timeoutSeconds }, "shutting down gracefully");
  const deadline = setTimeout(() => {
    opts.logger.error({ signal, seconds: opts.timeoutSeconds }, "graceful shutdown overran its deadline: exiting now");
    exit(1);
  }, opts.timeoutSeconds * 1000);
  deadline.unref();
  let code = 0;
  for (const [name, run] of opts.steps) {
    try {
      await run();
    } catch (e) {
      code = 1;
      opts.logger.error({ step: name, err: e instanceof Error ? e.message : String(e) }, "shutdown step failed; carrying on");
    }
  }
  clearTimeout(deadline);
  opts.logger.info({ ms: Date.now() - started }, "stopped");
  exit(code);
  return code;
}

export function onShutdownSignals(opts: ShutdownOptions): void {
  let started = false;
  const on = (signal: string) => {
    if (started) return opts.logger.warn({ signal }, "already shutting down");
    started = true;
    void shutdown(signal, opts);
  };
  process.on("SIGTERM", () => on("SIGTERM"));
  process.on("SIGINT", () => on("SIGINT"));
}
