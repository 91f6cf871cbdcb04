import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoIds, newMemberFields, rejectionCode, tokenMailedTo, useStack } from '@econtract/testkit';
import type { IdentityRoutes } from '../src/identity.routes.ts';
import { LoginDocument, VerifyEmailDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();
const identity = () => stack.internal<IdentityRoutes>('identity', { caller: 'organization' });

function staffRequest() {
  const fields = newMemberFields('staff');
  return {
    accountId: randomUUID(),
    companyId: DemoIds.company,
    loginId: fields.loginId,
    password: fields.password,
    name: '최사원',
    email: fields.email,
    phone: '010-2222-3333',
  };
}

describe('staff accounts for organization (R-STAFF-1,2,5)', () => {
  it('creates a staff login that works only after its email is verified', async () => {
    const request = staffRequest();
    expect(await identity().staffAccount.create.mutate(request)).toEqual({ accountId: request.accountId, created: true });
    expect(await identity().staffAccount.create.mutate(request)).toEqual({ accountId: request.accountId, created: false });
    expect((await stack.graphql(LoginDocument, { loginId: request.loginId, password: request.password })).errors?.[0]?.extensions?.code).toBe(
      'EMAIL_NOT_VERIFIED',
    );
    const token = await tokenMailedTo(stack, request.email, 'Verification token');
    await stack.graphql(VerifyEmailDocument, { token });
    expect((await stack.graphql(LoginDocument, { loginId: request.loginId, password: request.password })).data.login.accessToken).toMatch(/^ey/);
    const [row] = await stack.sql('select origin, company_id, phone from identity.account where id = ?', [request.accountId]);
    expect(row).toEqual({ origin: 'STAFF', company_id: DemoIds.company, phone: '01022223333' });
  });

  it('refuses bad input and taken login IDs, creating nothing', async () => {
    expect(await rejectionCode(identity().staffAccount.create.mutate({ ...staffRequest(), loginId: '1x' }))).toBe('BAD_USER_INPUT');
    expect(await rejectionCode(identity().staffAccount.create.mutate({ ...staffRequest(), password: 'password' }))).toBe('BAD_USER_INPUT');
    expect(await rejectionCode(identity().staffAccount.create.mutate({ ...staffRequest(), email: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(await rejectionCode(identity().staffAccount.create.mutate({ ...staffRequest(), accountId: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
    const taken = { ...staffRequest(), loginId: 'DEMO-STAFF' };
    expect(await rejectionCode(identity().staffAccount.create.mutate(taken))).toBe('CONFLICT');
    expect(await stack.sql('select id from identity.account where id = ?', [taken.accountId])).toEqual([]);
  });

  it('creates once when the same registration arrives 10 times at once', async () => {
    const request = staffRequest();
    const results = await Promise.all(Array.from({ length: 10 }, () => identity().staffAccount.create.mutate(request)));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.accountId))).toEqual(new Set([request.accountId]));
    expect(await stack.outbox(request.email)).toHaveLength(1);
  });

  it('cancels a staff account, but never a member who signed up', async () => {
    const request = staffRequest();
    await identity().staffAccount.create.mutate(request);
    expect(await identity().staffAccount.cancel.mutate({ accountId: request.accountId })).toEqual({ cancelled: true });
    expect(await identity().staffAccount.cancel.mutate({ accountId: request.accountId })).toEqual({ cancelled: false });
    expect(await identity().staffAccount.cancel.mutate({ accountId: DemoIds.totalAdmin })).toEqual({ cancelled: false });
  });

  it('sets a password for the staff member, ending their sign-ins; only within the same company', async () => {
    const session = await stack.login('demo-staff');
    const request = { accountId: DemoIds.staff, companyId: DemoIds.company, password: 'Set-by-admin-123' };
    expect(await rejectionCode(identity().staffAccount.setPassword.mutate({ ...request, password: 'short' }))).toBe('BAD_USER_INPUT');
    expect(await rejectionCode(identity().staffAccount.setPassword.mutate({ ...request, companyId: DemoIds.personalWorkspace }))).toBe('NOT_FOUND');
    expect(await rejectionCode(identity().staffAccount.setPassword.mutate({ ...request, accountId: DemoIds.totalAdmin }))).toBe('NOT_FOUND');
    expect(await identity().staffAccount.setPassword.mutate(request)).toEqual({ updated: true });
    expect((await stack.graphql(ViewerDocument, {}, { token: session })).status).toBe(401);
    expect((await stack.graphql(LoginDocument, { loginId: 'demo-staff', password: DEMO_PASSWORD })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.graphql(LoginDocument, { loginId: 'demo-staff', password: 'Set-by-admin-123' })).data.login.accessToken).toMatch(/^ey/);
  });

  it('updates a staff account; a new email is verified again', async () => {
    const request = staffRequest();
    await identity().staffAccount.create.mutate(request);
    const email = `moved-${request.loginId}@example.com`;
    expect(
      await identity().staffAccount.update.mutate({ accountId: request.accountId, companyId: DemoIds.company, name: '최대리', email, phone: null }),
    ).toEqual({ updated: true });
    expect(await stack.sql('select name, email, phone, email_verified_at from identity.account where id = ?', [request.accountId])).toEqual([
      { name: '최대리', email, phone: null, email_verified_at: null },
    ]);
    expect(await stack.outbox(email)).toHaveLength(1);
    expect(await rejectionCode(identity().staffAccount.update.mutate({ accountId: request.accountId, companyId: randomUUID(), name: 'x' }))).toBe('NOT_FOUND');
  });

  it('revokes every sign-in of an account at once', async () => {
    const a = await stack.login('demo-manager');
    const b = await stack.login('demo-manager');
    const { revoked } = await identity().session.revokeAll.mutate({ accountId: DemoIds.departmentManager, reason: 'SUSPENDED' });
    expect(revoked).toBeGreaterThanOrEqual(2);
    for (const token of [a, b]) expect((await stack.graphql(ViewerDocument, {}, { token })).status).toBe(401);
  });

  it('looks accounts up in one call', async () => {
    const summaries = await identity().account.lookup.query({ accountIds: [DemoIds.staff, DemoIds.totalAdmin, randomUUID()] });
    expect(summaries).toHaveLength(2);
    expect(summaries).toContainEqual(
      expect.objectContaining({ id: DemoIds.totalAdmin, loginId: 'demo-admin', emailVerified: true, companyId: DemoIds.company }),
    );
  });
});
