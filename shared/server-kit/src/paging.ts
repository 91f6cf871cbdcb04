import 'reflect-metadata';
import { Directive, Field, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput, msg } from './errors.ts';

/**
 * Every list in the API is a Relay connection (`edges { cursor node }`, `pageInfo`), paged forward
 * with `first` and `after`. Rows are ordered by a unique sequence number (`seq`, a database identity
 * column); a cursor is an opaque token for one row's number in one list.
 */

/** Shareable: each subgraph with a connection defines this same type. */
@ObjectType({ description: 'Where a page of a list starts and ends (Relay connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether items follow this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items come before this page (true when it was asked for with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first item's cursor; null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last item's cursor: pass it as `after` to get the next page; null when the page is empty." })
  endCursor!: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  pageInfo: PageInfo;
}

/** The GraphQL types of one list: `<name>Connection { edges pageInfo }` and `<name>Edge { cursor node }`. */
export function connectionType<Node extends object>(node: ClassType<Node>, name: string, description: string): ClassType<Connection<Node>> {
  @ObjectType(`${name}Edge`, { description: `One item of ${name}Connection and its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Pass as `after` to get the items that follow this one.' })
    cursor!: string;

    @Field(() => node, { description: 'The item.' })
    node!: Node;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, each with its cursor.' })
    edges!: Edge<Node>[];

    @Field(() => PageInfo, { description: 'Where this page starts and ends.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A checked request for one page of the list `list`: `first` items after the row numbered `after`. */
export interface Page {
  list: string;
  first: number;
  after: number | null;
}

export const encodeCursor = (list: string, seq: number | string) => Buffer.from(`${list}:${seq}`).toString('base64url');

const invalidCursor = () =>
  badUserInput(
    msg(
      'This cursor is not valid for this list. Use a cursor from a previous page of the same list.',
      '이 목록의 커서가 아닙니다. 같은 목록의 이전 페이지에서 받은 커서를 사용해 주세요.',
    ),
    {
      field: 'after',
    },
  );

/** `first` within 1..max (refused, not clamped, outside it) and `after` decoded; both refusals are BAD_USER_INPUT. */
export function pageOf(list: string, first: number, after: string | null | undefined, max: number): Page {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(msg(`first must be between 1 and ${max}.`, `first는 1에서 ${max} 사이여야 합니다.`), { field: 'first' });
  }
  if (after == null || after === '') return { list, first, after: null };
  const match = /^([a-z-]+):(\d{1,15})$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match || match[1] !== list) throw invalidCursor();
  return { list, first, after: Number(match[2]) };
}

/**
 * One page as a connection: `known` says whether the cursor names a row of this list (one of the
 * viewer's own; anything else is refused, never answered with an empty page), `fetch` reads up to
 * `limit` rows after it in list order. One row more than `first` is read only to learn whether
 * another page follows.
 */
export async function keysetConnection<Row, Node = Row>(
  page: Page,
  source: {
    known: (seq: number) => Promise<boolean> | boolean;
    fetch: (after: number | null, limit: number) => Promise<Row[]> | Row[];
    seq: (row: Row) => number | string;
    node?: (row: Row) => Node;
  },
): Promise<Connection<Node>> {
  if (page.after !== null && !(await source.known(page.after))) throw invalidCursor();
  const rows = await source.fetch(page.after, page.first + 1);
  const edges = rows
    .slice(0, page.first)
    .map((row) => ({ cursor: encodeCursor(page.list, source.seq(row)), node: source.node ? source.node(row) : (row as unknown as Node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      // The cursor's own row comes before this page.
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
