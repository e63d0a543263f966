/**
 * Who is asking (CONTRACT.md "Auth"): a JWT verified with jose, from an HS256 secret
 * (`ALKANA_JWT_SECRET`) or a JWKS URL (`ALKANA_JWKS_URL`). Claims: `sub`, `role`
 * (viewer | analyst | admin), optional `plants` (plant codes), `exp` required.
 *
 * Zero-setup demo mode (neither configured): the secret is generated once and kept in the database
 * (`app_secret`), so every process of a deployment verifies the same tokens; `GET /demo/token`
 * hands out viewer tokens only in this mode.
 */
import { randomBytes } from "node:crypto";
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from "jose";
import { sql } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Db } from "../db/database.js";

export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  user: string;
  role: Role;
  /** Plants this user may see; `undefined` = every plant and the company-wide data. */
  plants: string[] | undefined;
}

export type AuthFailure = "MISSING" | "EXPIRED" | "INVALID";

export class AuthError extends Error {
  constructor(
    readonly failure: AuthFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  /** True when no secret or JWKS is configured (demo mode). */
  readonly demo: boolean;
  verify(authorization: string | undefined): Promise<Viewer>;
  /** Signs a token (secret or demo mode only; with JWKS the identity provider signs). */
  sign(claims: { sub: string; role: Role; plants?: string[] }, ttl: string): Promise<string>;
}

const ISSUER_FREE_ALGORITHMS = ["HS256"];

export async function createTokenVerifier(config: AlkanaConfig, db: Db): Promise<TokenVerifier> {
  const { jwtSecret, jwksUrl } = config.auth;
  const demo = !jwtSecret && !jwksUrl;
  const secret = jwtSecret ? new TextEncoder().encode(jwtSecret) : demo ? await demoSecret(db) : undefined;
  const jwks: JWTVerifyGetKey | undefined = jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : undefined;
  return {
    demo,
    async verify(authorization) {
      const token = bearer(authorization);
      try {
        const { payload } = secret
          ? await jwtVerify(token, secret, { algorithms: ISSUER_FREE_ALGORITHMS, requiredClaims: ["exp", "sub", "role"] })
          : await jwtVerify(token, jwks!, { requiredClaims: ["exp", "sub", "role"] });
        return viewerOf(payload);
      } catch (error) {
        if (error instanceof AuthError) throw error;
        if (error instanceof errors.JWTExpired) throw new AuthError("EXPIRED", "the token has expired");
        throw new AuthError("INVALID", "the token is not valid");
      }
    },
    async sign(claims, ttl) {
      if (!secret) throw new Error("tokens are signed by the identity provider when ALKANA_JWKS_URL is set");
      return signToken(secret, claims, ttl);
    },
  };
}

/** Mints a token with an HS256 secret (`alkana token`). `ttl` as jose accepts it: `8h`, `30m`, `7d`. */
export async function signToken(
  secret: Uint8Array,
  claims: { sub: string; role: Role; plants?: string[] },
  ttl: string,
): Promise<string> {
  const payload: Record<string, unknown> = { role: claims.role };
  if (claims.plants) payload.plants = claims.plants;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}

export function canResolveAlerts(viewer: Viewer): boolean {
  return viewer.role === "analyst" || viewer.role === "admin";
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

function bearer(authorization: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match) throw new AuthError("MISSING", "a token is required: send `Authorization: Bearer <token>`");
  return match[1];
}

function viewerOf(payload: Record<string, unknown>): Viewer {
  const role = payload.role;
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) {
    throw new AuthError("INVALID", "the token's role must be viewer, analyst or admin");
  }
  const plants = payload.plants;
  if (plants !== undefined && !(Array.isArray(plants) && plants.every((plant) => typeof plant === "string"))) {
    throw new AuthError("INVALID", "the token's plants claim must be an array of plant codes");
  }
  return { user: String(payload.sub), role: role as Role, plants: plants as string[] | undefined };
}

/** The demo secret, created once per database and shared by every process using it. */
async function demoSecret(db: Db): Promise<Uint8Array> {
  const candidate = randomBytes(32).toString("base64url");
  await sql`insert into app_secret (name, value) values ('demo_jwt', ${candidate}) on conflict (name) do nothing`.execute(db);
  const { rows } = await sql<{ value: string }>`select value from app_secret where name = 'demo_jwt'`.execute(db);
  return new TextEncoder().encode(rows[0].value);
}
