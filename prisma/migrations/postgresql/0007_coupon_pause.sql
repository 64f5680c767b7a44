-- AlterTable
ALTER TABLE "Coupon" ADD COLUMN     "pausedAt" TIMESTAMP(3);

