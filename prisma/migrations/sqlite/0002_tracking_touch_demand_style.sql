-- AlterTable
ALTER TABLE "Order" ADD COLUMN "arrivedAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "courierAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "courierLat" REAL;
ALTER TABLE "Order" ADD COLUMN "courierLng" REAL;
ALTER TABLE "Order" ADD COLUMN "courierStaffId" TEXT;

-- AlterTable
ALTER TABLE "DemandEvent" ADD COLUMN "notifiedAt" DATETIME;
ALTER TABLE "DemandEvent" ADD COLUMN "style" TEXT;

-- CreateTable
CREATE TABLE "Touch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT,
    "brandId" TEXT,
    "campaignId" TEXT,
    "storeId" TEXT,
    "kind" TEXT NOT NULL,
    "source" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Store" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "brandId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lat" REAL NOT NULL,
    "lng" REAL NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "openHours" TEXT NOT NULL DEFAULT '00:00-24:00',
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "services" JSONB NOT NULL,
    "deliveryRadiusMeters" INTEGER NOT NULL DEFAULT 0,
    "flagship" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "arrivalMeters" INTEGER NOT NULL DEFAULT 30,
    "autoCompleteOnArrival" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Store_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Store" ("active", "address", "brandId", "createdAt", "deliveryRadiusMeters", "flagship", "id", "lat", "lng", "name", "openHours", "phone", "services", "timezone", "updatedAt") SELECT "active", "address", "brandId", "createdAt", "deliveryRadiusMeters", "flagship", "id", "lat", "lng", "name", "openHours", "phone", "services", "timezone", "updatedAt" FROM "Store";
DROP TABLE "Store";
ALTER TABLE "new_Store" RENAME TO "Store";
CREATE INDEX "Store_brandId_idx" ON "Store"("brandId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

