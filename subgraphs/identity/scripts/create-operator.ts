// Creates (or resets the password of) a customer-centre operator account. Operators never sign up.
//   OPERATOR_LOGIN_ID=cs-kim OPERATOR_NAME=김상담 OPERATOR_EMAIL=cs@example.com OPERATOR_PASSWORD=… \
//   DATABASE_URL=… pnpm operator:create
import { randomUUID } from 'node:crypto';
import { AccountRole, createOrm, migrate, parseEnv } from '@econtract/server-kit';
import { z } from 'zod';
import { Account, AccountOrigin } from '../src/account/account.entity.ts';
import { assertLoginId, loginKeyOf } from '../src/account/login-id.ts';
import { assertAcceptablePassword, hashPassword } from '../src/account/password.ts';
import { identity } from '../src/index.ts';

const env = parseEnv(
  z.object({
    DATABASE_URL: z.url(),
    OPERATOR_LOGIN_ID: z.string(),
    OPERATOR_NAME: z.string().min(1),
    OPERATOR_EMAIL: z.email(),
    OPERATOR_PASSWORD: z.string(),
  }),
);
const loginId = assertLoginId(env.OPERATOR_LOGIN_ID);
assertAcceptablePassword(env.OPERATOR_PASSWORD, loginId);
const orm = await createOrm({ url: env.DATABASE_URL, schema: 'identity', entities: identity.entities, migrations: identity.migrations });
try {
  await migrate(orm, env.DATABASE_URL, 'identity');
  const em = orm.em.fork();
  const passwordHash = await hashPassword(env.OPERATOR_PASSWORD);
  const existing = await em.findOne(Account, { loginKey: loginKeyOf(loginId) });
  if (existing && existing.role !== AccountRole.OPERATOR) throw new Error(`${loginId} is a member account, not an operator.`);
  const account =
    existing ?? em.create(Account, { id: randomUUID(), loginId, role: AccountRole.OPERATOR, origin: AccountOrigin.OPERATOR, companyId: null } as Account);
  Object.assign(account, {
    name: env.OPERATOR_NAME,
    email: env.OPERATOR_EMAIL,
    passwordHash,
    emailVerifiedAt: new Date(),
    lockedAt: null,
    failedLoginCount: 0,
  });
  await em.flush();
  console.log(`${existing ? 'Updated' : 'Created'} operator ${loginId} (${account.id}).`);
} finally {
  await orm.close();
}
