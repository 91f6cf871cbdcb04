import { describe, expect, it } from 'vitest';
import type { BillingRoutes } from '@econtract/billing/routes';
import type { IdentityRoutes } from '@econtract/identity/routes';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import { DemoIds, useStack } from '@econtract/testkit';
import { DemoDepartments, exhaustUnits, grantUnits, ok } from './documents.helpers.ts';

const stack = useStack();
const organization = () => stack.internal<OrganizationRoutes>('organization', { caller: 'documents' });

describe('the routes documents calls', () => {
  it('organization: contract settings of a company, null for an unknown one', async () => {
    expect(await organization().company.contractSettings.query({ companyId: DemoIds.company })).toEqual({
      name: '데모전자(주)',
      internalApproval: false,
      contractNumbering: 'AUTO',
    });
    expect(await organization().company.contractSettings.query({ companyId: DemoIds.operator })).toBeNull();
  });

  it('organization: an approver must be an active member of that company with approval authority and a verified email', async () => {
    const check = (userId: string, companyId: string = DemoIds.company) => organization().staff.approverCheck.query({ companyId, userId });
    expect(await check(DemoIds.departmentManager)).toEqual({ eligible: true });
    expect(await check(DemoIds.totalAdmin)).toEqual({ eligible: true });
    expect(await check(DemoIds.staff)).toEqual({ eligible: false });
    expect(await check(DemoIds.departmentManager, DemoIds.personalWorkspace)).toEqual({ eligible: false });
    expect(await check(DemoIds.individual, DemoIds.personalWorkspace)).toEqual({ eligible: false });
    const admin = await stack.login('demo-admin');
    await ok(stack, admin, 'mutation ($id: ID!) { setStaffActive(id: $id, active: false) { id } }', { id: DemoIds.departmentManager });
    try {
      expect(await check(DemoIds.departmentManager)).toEqual({ eligible: false });
    } finally {
      await ok(stack, admin, 'mutation ($id: ID!) { setStaffActive(id: $id, active: true) { id } }', { id: DemoIds.departmentManager });
    }
    await stack.sql('update identity.account set email_verified_at = null where id = ?', [DemoIds.departmentManager]);
    expect(await check(DemoIds.departmentManager)).toEqual({ eligible: false });
    await stack.sql('update identity.account set email_verified_at = now() where id = ?', [DemoIds.departmentManager]);
  });

  it("organization: people's companies and departments; identity: verified accounts by email regardless of case", async () => {
    expect(await organization().staff.places.query({ userIds: [DemoIds.staff, DemoIds.operator] })).toEqual([
      { userId: DemoIds.staff, companyId: DemoIds.company, departmentId: DemoDepartments.salesTeam1, active: true },
    ]);
    const identity = stack.internal<IdentityRoutes>('identity', { caller: 'documents' });
    expect(await identity.account.byEmail.query({ emails: [' Staff@Demo-Company.example ', 'nobody@example.com'] })).toEqual([
      { id: DemoIds.staff, email: 'staff@demo-company.example', companyId: DemoIds.company },
    ]);
  });

  it("billing: the company's usable units", async () => {
    const billing = stack.internal<BillingRoutes>('billing', { caller: 'documents' });
    await exhaustUnits(stack, DemoIds.company);
    expect(await billing.usage.balance.query({ companyId: DemoIds.company })).toEqual({ usableUnits: 0 });
    await grantUnits(stack, DemoIds.company, 7);
    await grantUnits(stack, DemoIds.company, 5);
    await stack.sql(`update billing.prepaid_lot set expires_at = now() - interval '1 day' where company_id = ? and charged_count = 5`, [DemoIds.company]);
    expect(await billing.usage.balance.query({ companyId: DemoIds.company })).toEqual({ usableUnits: 7 });
  });
});
