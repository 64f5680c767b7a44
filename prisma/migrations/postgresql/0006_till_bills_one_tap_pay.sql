-- CreateTable
CREATE TABLE "Bill" (
    "id" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "subtotalCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdBy" TEXT,
    "memberId" TEXT,
    "scannedAt" TIMESTAMP(3),
    "discountCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER,
    "couponCode" TEXT,
    "memberCouponId" TEXT,
    "paidVia" TEXT,
    "paidAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OneTapPay" (
    "memberId" TEXT NOT NULL,
    "limitCents" INTEGER NOT NULL DEFAULT 30000,
    "dailyCapCents" INTEGER NOT NULL DEFAULT 100000,
    "enabledAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OneTapPay_pkey" PRIMARY KEY ("memberId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Bill_memberCouponId_key" ON "Bill"("memberCouponId");

-- CreateIndex
CREATE INDEX "Bill_storeId_status_idx" ON "Bill"("storeId", "status");

-- CreateIndex
CREATE INDEX "Bill_memberId_paidVia_paidAt_idx" ON "Bill"("memberId", "paidVia", "paidAt");

