-- CreateTable
CREATE TABLE "BotSetting" (
    "botId" TEXT NOT NULL,
    "welcomeZh" TEXT NOT NULL,
    "welcomeEn" TEXT NOT NULL,
    "menu" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "BotSetting_pkey" PRIMARY KEY ("botId")
);

