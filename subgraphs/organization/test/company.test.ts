import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Grade } from '@econtract/server-kit';
import { demoAdminViewer, DemoIds, memberViewer, useStack } from '@econtract/testkit';
import { Company, CompanyKind } from '../src/company/company.entity.ts';
import { StaffProfile } from '../src/staff/staff-profile.entity.ts';
import { ViewerDocument } from '@econtract/sdk';

const stack = useStack();

const em = () => stack.subgraphs.organization.createContext().em;

describe('companies (organization)', () => {
  it('extends User with company through the gateway', async () => {
    const token = await stack.login('demo-staff');
    const result = await stack.graphql('{ viewer { company { id kind name businessNumber representative } } }', {}, { token });
    expect(result.data.viewer.company).toEqual({
      id: DemoIds.company,
      kind: 'CORPORATE',
      name: '데모전자(주)',
      businessNumber: '1234567891',
      representative: '김대표',
    });
  });

  it('never resolves another company by reference', async () => {
    const query = 'query ($id: ID!) { _entities(representations: [{ __typename: "Company", id: $id }]) { ... on Company { id name } } }';
    const own = await stack.subgraphGraphql('organization', query, { id: DemoIds.company }, demoAdminViewer());
    expect(own.data._entities).toEqual([{ id: DemoIds.company, name: '데모전자(주)' }]);
    const other = await stack.subgraphGraphql('organization', query, { id: DemoIds.personalWorkspace }, demoAdminViewer());
    expect(other.data._entities).toEqual([null]);
  });

  it("answers null for another company's member through User.company", async () => {
    const outsider = memberViewer(randomUUID(), randomUUID());
    const query = 'query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { company { id } } } }';
    const result = await stack.subgraphGraphql('organization', query, { id: DemoIds.staff }, outsider);
    expect(result.data._entities).toEqual([{ company: null }]);
  });

  it('allows one company per business registration number and only 10-digit numbers (R-SIGNUP-2)', async () => {
    const insert = (businessNumber: string) => {
      const manager = em();
      manager.create(Company, { id: randomUUID(), kind: CompanyKind.CORPORATE, name: '중복(주)', businessNumber } as Company);
      return manager.flush();
    };
    await expect(insert('1234567891')).rejects.toThrow(/company_business_number_unique/);
    await expect(insert('123-45-67891')).rejects.toThrow(/business_number_check/);
  });

  it('allows one total admin per company', async () => {
    const manager = em();
    manager.create(StaffProfile, { userId: randomUUID(), company: manager.getReference(Company, DemoIds.company), grade: Grade.TOTAL_ADMIN } as StaffProfile);
    await expect(manager.flush()).rejects.toThrow(/staff_profile_one_total_admin/);
  });

  it('stops a suspended member on the very next request (R-STAFF-5)', async () => {
    const token = await stack.login('demo-manager');
    expect((await stack.graphql(ViewerDocument, {}, { token })).data.viewer).toMatchObject({ loginId: 'demo-manager' });
    await em().nativeUpdate(StaffProfile, { userId: DemoIds.departmentManager }, { active: false });
    try {
      const after = await stack.graphql(ViewerDocument, {}, { token });
      expect(after.status).toBe(401);
      expect(after.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('suspended') });
    } finally {
      await em().nativeUpdate(StaffProfile, { userId: DemoIds.departmentManager }, { active: true });
    }
  });
});
