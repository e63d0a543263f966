/**
 * Reads the role claim of a JWT without verifying it. For display only (whether to show a resolve
 * button): the API checks every request itself.
 */
function readRole(token: string | undefined): unknown {
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    return (JSON.parse(new TextDecoder().decode(bytes)) as { role?: unknown } | null)?.role;
  } catch {
    return undefined;
  }
}

/** Roles the API lets resolve alerts (CONTRACT.md "Auth"). */
export function canResolveAlerts(token: string | undefined): boolean {
  const role = readRole(token);
  return role === "analyst" || role === "admin";
}
