// `o2o chat [--json] [--user ID] [--bot BOT]` — talk to a bot locally (docs/chat-protocol.md).
import { Command } from "commander";
import { runInteractiveChat } from "../channels/terminal/interactive-chat.ts";
import { runScriptedChat } from "../channels/terminal/scripted-chat.ts";
import { loadConfig } from "../config.ts";
import { engineDeps } from "../runtime.ts";
import { withDb } from "./with-db.ts";

export function registerChat(program: Command): void {
  program
    .command("chat")
    .description("chat with a bot in the terminal; --json speaks the scripted protocol (JSON events in, JSON replies out)")
    .option("--json", "scripted mode: one JSON event per stdin line, replies as JSON lines, then {\"type\":\"turn_end\"}")
    .option("--user <id>", "who you are; state and member data persist per user", "local-user")
    .option("--bot <id>", "which bot (a file in bots/); default: the marketplace bot")
    .action(async (opts: { json?: boolean; user: string; bot?: string }) => {
      const config = loadConfig();
      await withDb(async (db) => {
        const deps = await engineDeps(db, config, opts.bot, { log: (msg, extra) => process.env.O2O_DEBUG && console.error(msg, extra ?? "") });
        if (opts.json) await runScriptedChat(deps, opts.user, process.stdin, (l) => process.stdout.write(`${l}\n`));
        else await runInteractiveChat(deps, opts.user);
      }, { needsCatalog: true });
    });
}
