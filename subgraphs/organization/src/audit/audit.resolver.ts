import { keysetConnection, pageOf } from '@econtract/server-kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { OrganizationContext } from '../context.ts';
import { AuditEntryConnection } from './audit-entry.type.ts';

interface AuditRow {
  id: string;
  seq: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  created_at: Date;
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: "The company's administrative changes, newest first. Total admin only." })
  async auditLog(
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many entries to return, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: OrganizationContext,
  ): Promise<AuditEntryConnection> {
    const companyId = ctx.viewer!.member!.companyId;
    const json = (value: unknown) => (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value));
    return keysetConnection(pageOf('audit', first, after, 200), {
      known: async (seq) =>
        (await ctx.em.execute(`select 1 from "organization"."audit_entry" where "company_id" = ? and "seq" = ?`, [companyId, seq])).length > 0,
      fetch: (before, limit) =>
        ctx.em.execute<AuditRow[]>(
          `select * from "organization"."audit_entry" where "company_id" = ? ${before === null ? '' : 'and "seq" < ?'} order by "seq" desc limit ?`,
          [companyId, ...(before === null ? [] : [before]), limit],
        ),
      seq: (row) => row.seq,
      node: (row) => ({
        id: row.id,
        action: row.action,
        actor: { id: row.actor_id },
        targetType: row.target_type,
        targetId: row.target_id,
        before: json(row.before),
        after: json(row.after),
        createdAt: new Date(row.created_at),
      }),
    });
  }
}
