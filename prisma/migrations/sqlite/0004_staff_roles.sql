-- CreateTable
CREATE TABLE "StaffRole" (
    "role" TEXT NOT NULL PRIMARY KEY,
    "labels" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

