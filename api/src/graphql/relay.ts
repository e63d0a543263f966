/**
 * Generic Relay-style cursor connections (https://relay.dev/graphql/connections.htm), forward
 * pagination only (`first` / `after`). Every list field of the API reuses these pieces:
 *
 *   @ObjectType("FooConnection") class FooConnection extends Connection(Foo, "Foo") {}
 *   @ArgsType() class FooArgs extends ConnectionArgs { ...filters... }
 *   const first = validateFirst(args.first);
 *   const afterId = args.after == null ? undefined : decodeIntegerCursor("foo", args.after);
 *   rows = ...where id < afterId... order by id desc limit first + 1
 *   return buildConnection({ rows, first, after: args.after, cursorOf: (r) => encodeCursor("foo", r.id),
 *                            nodeOf: toFoo, totalCount: () => countFoos() });
 *
 * Cursors are opaque to clients: base64url of `<kind>:<key>`. A cursor of another kind, or one that
 * does not decode, is a BAD_USER_INPUT error, as is a `first` outside 1..MAX_PAGE_SIZE.
 */
import "reflect-metadata"; // type-graphql decorators need it before they run
import { GraphQLError } from "graphql";
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A GraphQLError that Apollo and graphql-ws report with `extensions.code = "BAD_USER_INPUT"`. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: "BAD_USER_INPUT" } });
}

@ObjectType({ description: "Where a page of a connection stands in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether more items follow the last one of this page." })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: "Whether items precede this page; forward pagination only: true exactly when `after` was given.",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of this page; null when empty." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item of this page, to pass as `after` for the next page; null when empty.",
  })
  endCursor!: string | null;
}

/** `first` / `after` arguments; extend it with an @ArgsType() subclass to add filters. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 1 to ${MAX_PAGE_SIZE} (null means the default, ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the items after this cursor (the `endCursor` of the previous page).",
  })
  after?: string | null;
}

export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

/** What a connection resolver returns. `totalCount` may be a lazy getter (see buildConnection). */
export interface ConnectionResult<TNode> {
  edges: Edge<TNode>[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/**
 * Makes the GraphQL types `<name>Edge { cursor node }` and, for the subclass to name,
 * `<name>Connection { edges pageInfo totalCount }`.
 */
export function Connection<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page of a ${name}Connection, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this item, for `after`." })
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  // Not emitted itself: type-graphql 2 only emits the types reachable from resolvers (the subclass).
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Number of items in the whole list (all pages), with the same filters." })
    totalCount!: number;
  }

  return ConnectionType;
}

/** The page size asked for, checked: null/undefined gives the default, anything outside 1..max is refused. */
export function validateFirst(
  first: number | null | undefined,
  { max = MAX_PAGE_SIZE, fallback = DEFAULT_PAGE_SIZE }: { max?: number; fallback?: number } = {},
): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`"first" must be between 1 and ${max}, got ${first}.`, { argumentName: "first" });
  }
  return first;
}

const CURSOR_TEXT = /^[A-Za-z0-9_-]+$/;

/** The opaque cursor of the item `key` in a list of kind `kind` (base64url of `kind:key`). */
export function encodeCursor(kind: string, key: string | number): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

/** The key inside a cursor of kind `kind`; BAD_USER_INPUT when the cursor is not one of ours. */
export function decodeCursor(kind: string, cursor: string): string {
  const invalid = () => badUserInput(`"after" is not a valid cursor for this list.`, { argumentName: "after" });
  if (cursor.length === 0 || cursor.length > 512 || !CURSOR_TEXT.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(`${kind}:`)) throw invalid();
  const key = text.slice(kind.length + 1);
  // Node's decoder is lenient (it skips stray characters): insist on the canonical encoding.
  if (encodeCursor(kind, key) !== cursor) throw invalid();
  return key;
}

/** decodeCursor for lists keyed by a positive integer id (bigint identity columns). */
export function decodeIntegerCursor(kind: string, cursor: string): number {
  const key = decodeCursor(kind, cursor);
  const id = /^[1-9]\d{0,15}$/.test(key) ? Number(key) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw badUserInput(`"after" is not a valid cursor for this list.`, { argumentName: "after" });
  }
  return id;
}

/**
 * Builds a connection from `rows`, fetched with `limit first + 1` in the list's order after the
 * `after` cursor: the extra row only tells that a next page exists. `totalCount` is computed only
 * when a query selects it (it is read through a getter).
 */
export function buildConnection<TRow, TNode>(options: {
  rows: TRow[];
  first: number;
  after: string | null | undefined;
  cursorOf: (row: TRow) => string;
  nodeOf: (row: TRow) => TNode;
  totalCount: () => Promise<number>;
}): ConnectionResult<TNode> {
  const page = options.rows.slice(0, options.first);
  const edges = page.map((row) => ({ cursor: options.cursorOf(row), node: options.nodeOf(row) }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: options.rows.length > options.first,
      hasPreviousPage: options.after !== null && options.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      total ??= options.totalCount();
      return total;
    },
  };
}
