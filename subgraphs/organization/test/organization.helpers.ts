import { newBusinessNumber, newMemberFields, ok, refused, signUpCorporate, tokenMailedTo, type Stack } from '@econtract/testkit';

// One way to run or refuse an operation in tests: the test kit's.
export { ok, refused };
import type { OrganizationRoutes } from '../src/organization.routes.ts';
import { VerifyEmailDocument } from '@econtract/sdk';

/** Organization's internal routes, called as the gateway would. */
export const internal = (stack: Stack) => stack.internal<OrganizationRoutes>('organization');

/** A second corporate member, verified and signed in: its total admin's id, company id and token. */
export async function otherCompany(stack: Stack) {
  const fields = { ...newMemberFields('other'), companyName: '다른회사(주)', businessNumber: newBusinessNumber(), representative: '이대표' };
  const signup = await signUpCorporate(stack, fields);
  if (!signup.data?.signUpCorporate) throw new Error(`signup failed: ${JSON.stringify(signup.errors)}`);
  const verification = await tokenMailedTo(stack, fields.email, 'Verification token');
  await stack.graphql(VerifyEmailDocument, { token: verification });
  const token = await stack.login(fields.loginId, fields.password);
  const userId = signup.data.signUpCorporate.user.id as string;
  const [profile] = await stack.sql<{ company_id: string }>('select company_id from organization.staff_profile where user_id = ?', [userId]);
  return { ...fields, userId, companyId: profile!.company_id, token };
}

export const CREATE_DEPARTMENT = 'mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id name depth parent { id } } }';
export const UPDATE_DEPARTMENT =
  'mutation ($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id name depth parent { id } } }';
export const DELETE_DEPARTMENT = 'mutation ($id: ID!) { deleteDepartment(id: $id) }';
export const SAVE_RANKS = 'mutation ($names: [String!]!) { saveRanks(names: $names) { id name position } }';
