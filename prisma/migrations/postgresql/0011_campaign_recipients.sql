-- A campaign occurrence's audience snapshot gets a table of its own, CampaignRecipientBlock (a few rows per 10,000
-- members): planning writes it, and the feed moves it into the outbox just ahead of sending (src/outbox/campaign-feed.ts).
-- The occurrence keeps what its recipients are sent and how far the feed got. Occurrences planned before this
-- migration have their rows in the outbox already: they are marked fed. An interrupted one ("planning") is resumed
-- into the new table and fed (rows already in the outbox are kept by their dedupeKey, never duplicated).
-- AlterTable
ALTER TABLE "CampaignOccurrence" ADD COLUMN     "fedAt" TIMESTAMP(3),
ADD COLUMN     "fedUpTo" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "payload" JSONB,
ADD COLUMN     "queuedAt" TIMESTAMP(3),
ADD COLUMN     "text" TEXT;

UPDATE "CampaignOccurrence" SET "fedAt" = CURRENT_TIMESTAMP WHERE "status" <> 'planning';

-- CreateTable
CREATE TABLE "CampaignRecipientBlock" (
    "occurrenceId" TEXT NOT NULL,
    "firstMemberId" TEXT NOT NULL,
    "lastMemberId" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "skipReason" TEXT,
    "members" INTEGER NOT NULL,
    "memberIds" TEXT NOT NULL,

    CONSTRAINT "CampaignRecipientBlock_pkey" PRIMARY KEY ("occurrenceId","lastMemberId")
);
