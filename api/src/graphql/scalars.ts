/**
 * The custom scalars of the API, from graphql-scalars, so that every type uses the same instances:
 * - `Date`: a calendar date without time, as a `YYYY-MM-DD` string (the database returns `date`
 *   columns as such strings on both backends).
 * - `DateTime`: a timestamp, serialized as an RFC 3339 UTC string (`timestamptz` columns arrive as
 *   JavaScript Dates).
 * Always reference them with an explicit type function: `@Field(() => DateScalar)`.
 */
import { DateResolver, DateTimeResolver } from "graphql-scalars";

export const DateScalar = DateResolver;
export const DateTimeScalar = DateTimeResolver;
