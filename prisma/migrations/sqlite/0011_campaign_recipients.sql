-- A campaign occurrence's audience snapshot gets a table of its own, CampaignRecipientBlock (a few rows per 10,000
-- members): planning writes it, and the feed moves it into the outbox just ahead of sending (src/outbox/campaign-feed.ts).
-- The occurrence keeps what its recipients are sent and how far the feed got. Occurrences planned before this
-- migration have their rows in the outbox already: they are marked fed. An interrupted one ("planning") is resumed
-- into the new table and fed (rows already in the outbox are kept by their dedupeKey, never duplicated).
-- AlterTable
ALTER TABLE "CampaignOccurrence" ADD COLUMN "fedAt" DATETIME;
ALTER TABLE "CampaignOccurrence" ADD COLUMN "fedUpTo" TEXT NOT NULL DEFAULT '';
ALTER TABLE "CampaignOccurrence" ADD COLUMN "payload" JSONB;
ALTER TABLE "CampaignOccurrence" ADD COLUMN "queuedAt" DATETIME;
ALTER TABLE "CampaignOccurrence" ADD COLUMN "text" TEXT;

UPDATE "CampaignOccurrence" SET "fedAt" = strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now') WHERE "status" <> 'planning';

-- CreateTable
CREATE TABLE "CampaignRecipientBlock" (
    "occurrenceId" TEXT NOT NULL,
    "firstMemberId" TEXT NOT NULL,
    "lastMemberId" TEXT NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "skipReason" TEXT,
    "members" INTEGER NOT NULL,
    "memberIds" TEXT NOT NULL,

    PRIMARY KEY ("occurrenceId", "lastMemberId")
);
