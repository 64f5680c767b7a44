-- AlterTable
ALTER TABLE "Store" ADD COLUMN     "arrivalMeters" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "autoCompleteOnArrival" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "arrivedAt" TIMESTAMP(3),
ADD COLUMN     "courierAt" TIMESTAMP(3),
ADD COLUMN     "courierLat" DOUBLE PRECISION,
ADD COLUMN     "courierLng" DOUBLE PRECISION,
ADD COLUMN     "courierStaffId" TEXT;

-- AlterTable
ALTER TABLE "DemandEvent" ADD COLUMN     "notifiedAt" TIMESTAMP(3),
ADD COLUMN     "style" TEXT;

-- CreateTable
CREATE TABLE "Touch" (
    "id" TEXT NOT NULL,
    "memberId" TEXT,
    "brandId" TEXT,
    "campaignId" TEXT,
    "storeId" TEXT,
    "kind" TEXT NOT NULL,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Touch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Touch_campaignId_idx" ON "Touch"("campaignId");

-- CreateIndex
CREATE INDEX "Touch_storeId_idx" ON "Touch"("storeId");

-- CreateIndex
CREATE INDEX "Touch_brandId_createdAt_idx" ON "Touch"("brandId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_brandId_paidAt_idx" ON "Order"("brandId", "paidAt");

-- CreateIndex
CREATE INDEX "Order_courierStaffId_status_idx" ON "Order"("courierStaffId", "status");

-- CreateIndex
CREATE INDEX "DemandEvent_productId_size_notifiedAt_idx" ON "DemandEvent"("productId", "size", "notifiedAt");

