-- CreateTable
CREATE TABLE "BotSetting" (
    "botId" TEXT NOT NULL PRIMARY KEY,
    "welcomeZh" TEXT NOT NULL,
    "welcomeEn" TEXT NOT NULL,
    "menu" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL
);

