/** Every report the loader knows, MB51 first (DOMAIN.md §1), and the lookup by report name. */
import type { ReportName, ReportSpec } from "../report-spec.js";
import { cooispi } from "./cooispi.js";
import { materialMaster } from "./material-master.js";
import { mb51 } from "./mb51.js";
import { target } from "./target.js";
import { zrfi005 } from "./zrfi005.js";
import { zrmm024 } from "./zrmm024.js";
import { zrpp062 } from "./zrpp062.js";
import { zrsd002 } from "./zrsd002.js";
import { zrsd004 } from "./zrsd004.js";

export const REPORTS: ReportSpec[] = [mb51, cooispi, zrmm024, zrsd002, zrsd004, zrfi005, zrpp062, target, materialMaster];

const BY_NAME = new Map<ReportName, ReportSpec>(REPORTS.map((spec) => [spec.report, spec]));

export function reportSpec(name: ReportName): ReportSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`No report spec for ${name}`);
  return spec;
}
