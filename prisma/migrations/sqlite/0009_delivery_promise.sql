-- AlterTable
ALTER TABLE "Brand" ADD COLUMN "deliveryPromiseMinutes" INTEGER;
ALTER TABLE "Brand" ADD COLUMN "prepMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Store" ADD COLUMN "deliveryPromiseMinutes" INTEGER;
ALTER TABLE "Store" ADD COLUMN "prepMinutes" INTEGER;

