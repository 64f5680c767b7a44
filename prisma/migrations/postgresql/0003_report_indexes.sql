-- DropIndex
DROP INDEX "Delivery_campaignId_idx";

-- CreateIndex
CREATE INDEX "MemberCoupon_campaignId_idx" ON "MemberCoupon"("campaignId");

-- CreateIndex
CREATE INDEX "Redemption_campaignId_idx" ON "Redemption"("campaignId");

-- CreateIndex
CREATE INDEX "Order_brandId_creditedStoreId_campaignId_status_storeId_tot_idx" ON "Order"("brandId", "creditedStoreId", "campaignId", "status", "storeId", "totalCents", "paidAt");

-- CreateIndex
CREATE INDEX "Delivery_campaignId_status_sentAt_memberId_idx" ON "Delivery"("campaignId", "status", "sentAt", "memberId");

