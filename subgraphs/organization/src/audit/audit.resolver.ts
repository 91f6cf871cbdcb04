import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { decodeCursor, encodeCursor, pageSize } from '../connection.ts';
import type { OrganizationContext } from '../organization.loaders.ts';
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
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." }) after: string | null,
    @Ctx() ctx: OrganizationContext,
  ): Promise<AuditEntryConnection> {
    const size = pageSize(first, 200);
    const before = decodeCursor(after);
    const rows = await ctx.em.execute<AuditRow[]>(
      `select * from "organization"."audit_entry" where "company_id" = ? ${before === null ? '' : 'and "seq" < ?'} order by "seq" desc limit ?`,
      [ctx.viewer!.member!.companyId, ...(before === null ? [] : [before]), size + 1],
    );
    const page = rows.slice(0, size);
    const json = (value: unknown) => (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value));
    return {
      edges: page.map((row) => ({
        cursor: encodeCursor(row.seq),
        node: {
          id: row.id,
          action: row.action,
          actor: { id: row.actor_id },
          targetType: row.target_type,
          targetId: row.target_id,
          before: json(row.before),
          after: json(row.after),
          createdAt: new Date(row.created_at),
        },
      })),
      pageInfo: {
        hasNextPage: rows.length > size,
        hasPreviousPage: false,
        startCursor: page.length ? encodeCursor(page[0]!.seq) : null,
        endCursor: page.length ? encodeCursor(page[page.length - 1]!.seq) : null,
      },
    };
  }
}
