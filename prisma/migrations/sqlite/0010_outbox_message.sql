-- The outbox table "Delivery" becomes "OutboxMessage", with a staffId column and memberId nullable (a store staff
-- member's message is addressed by staffId; it used to borrow memberId as "staff:<id>"). SQLite cannot drop a NOT NULL
-- in place, so the rows are copied into the new table in this migration's transaction, every one kept as it was.
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "memberId" TEXT,
    "staffId" TEXT,
    "source" TEXT NOT NULL,
    "campaignId" TEXT,
    "occurrenceId" TEXT,
    "orderId" TEXT,
    "text" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "shownAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "OutboxMessage" ("id", "dedupeKey", "memberId", "staffId", "source", "campaignId", "occurrenceId", "orderId", "text", "payload", "status", "attempts", "notBefore", "claimedAt", "sentAt", "shownAt", "error", "createdAt")
SELECT "id", "dedupeKey",
    CASE WHEN "source" = 'staff' AND "memberId" LIKE 'staff:%' THEN NULL ELSE "memberId" END,
    CASE WHEN "source" = 'staff' AND "memberId" LIKE 'staff:%' THEN substr("memberId", 7) ELSE NULL END,
    "source", "campaignId", "occurrenceId", "orderId", "text", "payload", "status", "attempts", "notBefore", "claimedAt", "sentAt", "shownAt", "error", "createdAt"
FROM "Delivery";
DROP TABLE "Delivery";

CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");
CREATE INDEX "OutboxMessage_memberId_status_idx" ON "OutboxMessage"("memberId", "status");
CREATE INDEX "OutboxMessage_campaignId_status_sentAt_memberId_idx" ON "OutboxMessage"("campaignId", "status", "sentAt", "memberId");
