-- AlterTable
ALTER TABLE "Brand" ADD COLUMN     "deliveryPromiseMinutes" INTEGER,
ADD COLUMN     "prepMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Store" ADD COLUMN     "deliveryPromiseMinutes" INTEGER,
ADD COLUMN     "prepMinutes" INTEGER;

