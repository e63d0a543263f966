/** `alkana token --role viewer --plants 1401 --ttl 8h`: mints a token from ALKANA_JWT_SECRET. */
import type { AlkanaConfig } from "../config.js";
import { signToken, type Role } from "../graphql/auth.js";

export interface TokenCommandOptions {
  role: Role;
  plants?: string;
  sub: string;
  ttl: string;
}

export async function tokenCommand(config: AlkanaConfig, options: TokenCommandOptions): Promise<void> {
  if (!config.auth.jwtSecret) {
    throw new Error("ALKANA_JWT_SECRET is not set: tokens are signed with that secret (with a JWKS, your identity provider signs them)");
  }
  if (!/^\d+\s*(s|sec|m|min|h|hr|d|day|w|week)s?$/i.test(options.ttl)) {
    throw new Error(`--ttl "${options.ttl}" is not a duration such as 30m, 8h or 7d`);
  }
  const plants = options.plants
    ?.split(",")
    .map((plant) => plant.trim())
    .filter(Boolean);
  const token = await signToken(
    new TextEncoder().encode(config.auth.jwtSecret),
    { sub: options.sub, role: options.role, plants: plants?.length ? plants : undefined },
    options.ttl,
  );
  console.log(token);
}
