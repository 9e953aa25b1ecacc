-- CreateTable
CREATE TABLE "SignInUnlock" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInUnlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignInUnlock_tokenHash_key" ON "SignInUnlock"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInUnlock_userId_idx" ON "SignInUnlock"("userId");

-- AddForeignKey
ALTER TABLE "SignInUnlock" ADD CONSTRAINT "SignInUnlock_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

