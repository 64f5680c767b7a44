// Every admin API route module, in one list: a feature adds its module here.
import type { Db } from "../../db/database.ts";
import type { AdminRoute } from "./admin-api.ts";
import { campaignRoutes } from "./campaign-routes.ts";
import { botRoutes } from "./bot-routes.ts";
import { catalogRoutes } from "./catalog-routes.ts";
import { consoleRoutes } from "./console-routes.ts";
import { insightRoutes } from "./insight-routes.ts";

export interface AdminRouteDeps {
  db: Db;
  clock: () => Date;
  /** a bot's welcome and menu were saved: its running Telegram bot sets its command menu again */
  botSettingsSaved?: (botId: string) => void;
}

export function allAdminRoutes(deps: AdminRouteDeps): AdminRoute[] {
  return [
    ...catalogRoutes(deps.db),
    ...insightRoutes(deps.db),
    ...campaignRoutes(deps.db, deps.clock),
    ...consoleRoutes(deps.db, deps.clock),
    ...botRoutes(deps.db, deps.clock, deps.botSettingsSaved),
  ];
}
