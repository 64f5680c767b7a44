-- The outbox table "Delivery" becomes "OutboxMessage". Renamed in place, never dropped: queued, claimed and sent rows
-- keep their ids, statuses and history, and the indexes are renamed with it (no rebuild).
ALTER TABLE "Delivery" RENAME TO "OutboxMessage";
ALTER TABLE "OutboxMessage" RENAME CONSTRAINT "Delivery_pkey" TO "OutboxMessage_pkey";
ALTER INDEX "Delivery_dedupeKey_key" RENAME TO "OutboxMessage_dedupeKey_key";
ALTER INDEX "Delivery_status_notBefore_idx" RENAME TO "OutboxMessage_status_notBefore_idx";
ALTER INDEX "Delivery_memberId_status_idx" RENAME TO "OutboxMessage_memberId_status_idx";
ALTER INDEX "Delivery_campaignId_status_sentAt_memberId_idx" RENAME TO "OutboxMessage_campaignId_status_sentAt_memberId_idx";

-- A store staff member's message is addressed by staffId; it used to borrow memberId as "staff:<id>".
ALTER TABLE "OutboxMessage" ADD COLUMN "staffId" TEXT;
ALTER TABLE "OutboxMessage" ALTER COLUMN "memberId" DROP NOT NULL;
UPDATE "OutboxMessage" SET "staffId" = substr("memberId", 7), "memberId" = NULL WHERE "source" = 'staff' AND "memberId" LIKE 'staff:%';
