import { DEMO_PASSWORD, DemoAccounts, DemoIds } from '@econtract/demo';
import { AccountRole, type EntityManager } from '@econtract/server-kit';
import { Account, AccountOrigin } from './account/account.entity.ts';
import { hashPassword } from './account/password.ts';

/** Demo logins (README); existing rows are left as they are, so a second start keeps any edits. */
export async function seedDemoAccounts(em: EntityManager): Promise<void> {
  const existing = new Set((await em.find(Account, { id: { $in: DemoAccounts.map((a) => a.id) } })).map((a) => a.id));
  const missing = DemoAccounts.filter((account) => !existing.has(account.id));
  if (!missing.length) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of missing) {
    em.create(Account, {
      id: demo.id,
      loginId: demo.loginId,
      name: demo.name,
      email: demo.email,
      passwordHash,
      role: demo.operator ? AccountRole.OPERATOR : AccountRole.MEMBER,
      origin: demo.operator
        ? AccountOrigin.OPERATOR
        : ([DemoIds.totalAdmin, DemoIds.individual, DemoIds.partnerAdmin] as string[]).includes(demo.id)
          ? AccountOrigin.SIGNUP
          : AccountOrigin.STAFF,
      companyId: demo.companyId,
      emailVerifiedAt: new Date(),
    } as Account);
  }
  await em.flush();
}
