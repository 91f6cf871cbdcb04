import { badUserInput, Grade, isUuid, keysetConnection, msg, pageOf } from '@econtract/server-kit';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Department } from '../department/department.entity.ts';
import { placeholders, type OrganizationContext } from '../context.ts';
import { StaffPermissions } from './staff-permissions.ts';
import { StaffConnection, StaffFilter, RegisterStaffInput, UpdateStaffInput } from './staff.inputs.ts';
import { lookupAccounts, registerStaff, setStaffActive, setStaffPassword, setStaffPermissions, updateStaff } from './staff.service.ts';
import { User } from './user.type.ts';

/** A search matches part of the name or login ID, regardless of case. */
const matches = (search: string, account: { name: string; loginId: string } | undefined) =>
  !!account && (account.name.toLowerCase().includes(search) || account.loginId.toLowerCase().includes(search));

/** Largest set a name search filters (names live in identity, so a search reads the candidates' accounts). */
const SEARCH_LIMIT = 5000;

@Resolver()
export class StaffResolver {
  @Query(() => StaffConnection, {
    description:
      "The company's members in registration order, filtered; at most 500 per page. The total admin sees everyone, a department manager the staff of their department and its sub-departments, staff their own department's members (read-only).",
  })
  async staffMembers(
    @Arg('filter', () => StaffFilter, { nullable: true, description: 'Conditions every listed member meets; everyone when omitted.' })
    filter: StaffFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many members to return, 1–500.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: OrganizationContext,
  ): Promise<StaffConnection> {
    const page = pageOf('staff', first, after, 500);
    const companyId = ctx.viewer!.member!.companyId;
    const where = ['"company_id" = ?'];
    const params: unknown[] = [companyId];
    if (ctx.viewer!.member!.grade !== Grade.TOTAL_ADMIN) {
      // R-STAFF-4: everyone else sees only their department scope (none without a department).
      const scope = ctx.viewer!.member!.departmentScope;
      if (!scope.length) return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
      where.push(`"department_id" in (${placeholders(scope)})`);
      params.push(...scope);
    }
    if (filter?.departmentId) {
      if (!isUuid(filter.departmentId))
        throw badUserInput(msg('departmentId is not a department id.', 'departmentId가 부서 ID가 아닙니다.'), { field: 'departmentId' });
      const children = filter.includeSubDepartments ? await ctx.em.find(Department, { companyId, parentId: filter.departmentId }, { fields: ['id'] }) : [];
      const ids = [filter.departmentId, ...children.map((child) => child.id)];
      where.push(`"department_id" in (${placeholders(ids)})`);
      params.push(...ids);
    }
    if (filter?.grade) {
      where.push('"grade" = ?');
      params.push(filter.grade);
    }
    if (filter?.active != null) {
      where.push('"active" = ?');
      params.push(filter.active);
    }
    const search = filter?.search?.trim().toLowerCase();
    return keysetConnection(page, {
      known: async (seq) =>
        (await ctx.em.execute(`select 1 from "organization"."staff_profile" where "company_id" = ? and "seq" = ?`, [companyId, seq])).length > 0,
      async fetch(afterSeq, limit) {
        // A search filters by name after reading (names live in identity), so it reads from the start.
        const keyset = afterSeq !== null && !search;
        const rows = await ctx.em.execute<Array<{ user_id: string; seq: string }>>(
          `select "user_id", "seq" from "organization"."staff_profile" where ${where.join(' and ')}${keyset ? ' and "seq" > ?' : ''} order by "seq" limit ?`,
          [...params, ...(keyset ? [afterSeq] : []), search ? SEARCH_LIMIT : limit],
        );
        if (!search) return rows;
        const accounts = await lookupAccounts(
          ctx,
          rows.map((row) => row.user_id),
        );
        return rows.filter((row) => matches(search, accounts.get(row.user_id)) && (afterSeq === null || Number(row.seq) > afterSeq)).slice(0, limit);
      },
      seq: (row) => row.seq,
      node: (row) => ({ id: row.user_id }),
    });
  }

  @Query(() => [User], {
    description:
      "People who can be chosen as approvers: active, email-verified members of the viewer's company holding approval authority, by name; search matches part of the name or login ID. At most 50.",
  })
  // Candidates come from SQL (company, active, authority); verification, name and login ID from identity's
  // account.lookup (one batched call), so a search always sees the current name and nobody unverified slips in.
  async approvers(
    @Arg('search', () => String, { nullable: true, description: 'Part of a name or login ID, regardless of case; everyone eligible when omitted.' }) search:
      | string
      | null,
    @Ctx() ctx: OrganizationContext,
  ): Promise<User[]> {
    const companyId = ctx.viewer!.member!.companyId;
    const rows = await ctx.em.execute<Array<{ user_id: string }>>(
      `select "user_id" from "organization"."staff_profile" where "company_id" = ? and "active" and "approval_authority" and "grade" <> ? order by "seq" limit ?`,
      [companyId, Grade.INDIVIDUAL, SEARCH_LIMIT],
    );
    const accounts = await lookupAccounts(
      ctx,
      rows.map((row) => row.user_id),
    );
    const term = search?.trim().toLowerCase() ?? '';
    return [...accounts.values()]
      .filter((account) => account.emailVerified && (account.companyId === null || account.companyId === companyId) && (!term || matches(term, account)))
      .sort((a, b) => a.name.localeCompare(b.name, 'ko') || a.loginId.localeCompare(b.loginId))
      .slice(0, 50)
      .map((account) => ({ id: account.id }));
  }

  @Mutation(() => User, {
    description:
      'Registers a department manager or staff member: creates the login account (a verification mail goes to the email; it works once verified) and the staff profile together, or neither. Total admin only.',
  })
  async registerStaff(
    @Arg('input', () => RegisterStaffInput, { description: 'The new member and their login account.' }) input: RegisterStaffInput,
    @Ctx() ctx: OrganizationContext,
  ): Promise<User> {
    return { id: await registerStaff(ctx, input) };
  }

  @Mutation(() => User, { description: "Changes a member's department, rank, grade, approval authority, name, email or phone. Total admin only." })
  async updateStaff(
    @Arg('id', () => ID, { description: "The member's user ID." }) id: string,
    @Arg('input', () => UpdateStaffInput, { description: 'The changes.' }) input: UpdateStaffInput,
    @Ctx() ctx: OrganizationContext,
  ): Promise<User> {
    return { id: (await updateStaff(ctx, id, input)).userId };
  }

  @Mutation(() => User, {
    description:
      'Suspends or reactivates a member (not the total admin). A suspended member is refused from the next request on and their sign-ins end. Total admin only.',
  })
  async setStaffActive(
    @Arg('id', () => ID, { description: "The member's user ID." }) id: string,
    @Arg('active', () => Boolean, { description: 'False suspends, true reactivates.' }) active: boolean,
    @Ctx() ctx: OrganizationContext,
  ): Promise<User> {
    return { id: (await setStaffActive(ctx, id, active)).userId };
  }

  @Mutation(() => Boolean, { description: "Sets a member's password; the member's sign-ins end. Total admin only." })
  setStaffPassword(
    @Arg('id', () => ID, { description: "The member's user ID." }) id: string,
    @Arg('password', () => String, { description: 'The new password: 8–128 characters; common passwords and ones containing the login ID are refused.' })
    password: string,
    @Ctx() ctx: OrganizationContext,
  ): Promise<boolean> {
    return setStaffPassword(ctx, id, password);
  }

  @Mutation(() => User, { description: "Sets a member's extra permissions on contracts they can see but did not write. Total admin only." })
  async setStaffPermissions(
    @Arg('id', () => ID, { description: "The member's user ID." }) id: string,
    @Arg('input', () => StaffPermissions, { description: 'Every permission, each on or off.' }) input: StaffPermissions,
    @Ctx() ctx: OrganizationContext,
  ): Promise<User> {
    return { id: (await setStaffPermissions(ctx, id, input)).userId };
  }
}
