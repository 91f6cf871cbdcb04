import { badUserInput } from '@econtract/server-kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay-style page information; shareable so other subgraphs may define the same type. */
@ObjectType({ description: 'Where a page of a list ends, Relay style.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

/** Opaque cursors carry a row's sequence number; clients treat them as strings. */
export const encodeCursor = (seq: number | string) => Buffer.from(`seq:${seq}`).toString('base64url');

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor == null || cursor === '') return null;
  const match = /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badUserInput('This cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
  return Number(match[1]);
}

/** `first` within 1..max, or BAD_USER_INPUT. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(`first must be between 1 and ${max}.`, { field: 'first' });
  return first;
}
