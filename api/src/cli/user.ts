/** Who runs the command, for the load log. */
import { userInfo } from "node:os";

export function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "unknown";
  }
}
