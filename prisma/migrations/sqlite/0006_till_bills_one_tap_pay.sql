-- CreateTable
CREATE TABLE "Bill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "storeId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "subtotalCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdBy" TEXT,
    "memberId" TEXT,
    "scannedAt" DATETIME,
    "discountCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER,
    "couponCode" TEXT,
    "memberCouponId" TEXT,
    "paidVia" TEXT,
    "paidAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OneTapPay" (
    "memberId" TEXT NOT NULL PRIMARY KEY,
    "limitCents" INTEGER NOT NULL DEFAULT 30000,
    "dailyCapCents" INTEGER NOT NULL DEFAULT 100000,
    "enabledAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Bill_memberCouponId_key" ON "Bill"("memberCouponId");

-- CreateIndex
CREATE INDEX "Bill_storeId_status_idx" ON "Bill"("storeId", "status");

-- CreateIndex
CREATE INDEX "Bill_memberId_paidVia_paidAt_idx" ON "Bill"("memberId", "paidVia", "paidAt");

