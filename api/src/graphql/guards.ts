/**
 * Authorisation rules applied by resolvers (CONTRACT.md "Auth"): roles, and the `plants` claim that
 * restricts everything with a plant and forbids company-wide data.
 */
import { GraphQLError } from "graphql";
import { canResolveAlerts, isAdmin, type Viewer } from "./auth.js";

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
}

export function requireAnalyst(viewer: Viewer): void {
  if (!canResolveAlerts(viewer)) throw forbidden("this needs the analyst or admin role");
}

export function requireAdmin(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw forbidden("this needs the admin role");
}

/** Company-wide figures (sales, targets, AR, OTIF) need a token without a plants restriction. */
export function requireCompanyWide(viewer: Viewer): void {
  if (viewer.plants) throw forbidden("company-wide data needs a token without a plants restriction");
}

/**
 * The plants a query may read: the requested ones within the viewer's plants (all requested when
 * the viewer is unrestricted; all of the viewer's when none requested). `undefined` = no restriction.
 */
export function plantScope(viewer: Viewer, requested: string[] | null | undefined): string[] | undefined {
  if (!viewer.plants) return requested?.length ? requested : undefined;
  if (!requested?.length) return viewer.plants;
  const outside = requested.filter((plant) => !viewer.plants!.includes(plant));
  if (outside.length) throw forbidden(`no access to plant ${outside.join(", ")}`);
  return requested;
}

/** May the viewer see a record of this plant? (Records without a plant are company-wide.) */
export function canSeePlant(viewer: Viewer, plant: string | null | undefined): boolean {
  if (!viewer.plants) return true;
  return plant !== null && plant !== undefined && viewer.plants.includes(plant);
}
