-- AlterTable
ALTER TABLE "Coupon" ADD COLUMN "pausedAt" DATETIME;

