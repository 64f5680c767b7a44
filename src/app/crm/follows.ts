// Following a brand account (the public-account model): /start and "关注" follow, "取消关注" unfollows. Following
// again after an unfollow, or after "退订", is a fresh opt-in to the brand's pushes.
import type { Db } from "../../db/database.ts";

/** Use case: the member follows the brand through this bot (again: the earlier unfollow and opt-out are lifted). */
export async function followBrand(db: Db, input: { memberId: string; brandId: string; botId: string; source: string; at: Date }): Promise<void> {
  const { memberId, brandId } = input;
  await db.prisma.follow.upsert({
    where: { memberId_brandId: { memberId, brandId } },
    create: { memberId, brandId, botId: input.botId, source: input.source, followedAt: input.at },
    update: { unfollowedAt: null },
  });
  await db.prisma.member.update({ where: { id: memberId }, data: { marketingOptOut: false } });
}

/** Use case: the member unfollows these brands (null: every brand followed). */
export async function unfollowBrands(db: Db, input: { memberId: string; brandIds: string[] | null; at: Date }): Promise<void> {
  const brands = input.brandIds ? { brandId: { in: input.brandIds } } : {};
  await db.prisma.follow.updateMany({ where: { memberId: input.memberId, unfollowedAt: null, ...brands }, data: { unfollowedAt: input.at } });
}
