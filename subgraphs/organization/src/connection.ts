import { badUserInput, msg } from '@econtract/server-kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay-style page information; shareable so other subgraphs may define the same type. */
@ObjectType({ description: 'Where a page of a connection starts and ends (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: these lists page forward only (`first` and `after`), as the Relay specification allows.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first item of this page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null when the page is empty.' })
  endCursor!: string | null;
}

/** Opaque cursors carry a row's sequence number; clients treat them as strings. */
export const encodeCursor = (seq: number | string) => Buffer.from(`seq:${seq}`).toString('base64url');

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor == null || cursor === '') return null;
  const match = /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badUserInput(msg('This cursor is not valid. Use a cursor from a previous page.', '올바른 커서가 아닙니다. 이전 페이지에서 받은 커서를 사용해 주세요.'), { field: 'after' });
  return Number(match[1]);
}

/** `first` within 1..max, or BAD_USER_INPUT. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(msg(`first must be between 1 and ${max}.`, `first는 1에서 ${max} 사이여야 합니다.`), { field: 'first' });
  return first;
}
