/**
 * Material master lookups (DOMAIN.md §1.9): the master lists a material once per channel it is sold
 * in; descriptive fields are the same on every channel, and the channels are listed beside them.
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";

export interface Material {
  material: string;
  description: string | null;
  materialType: string | null;
  unit: string | null;
  division: string | null;
  business: string | null;
  subBusiness: string | null;
  productGroup: string | null;
  series: string | null;
  channels: string[];
}

export async function materialsByCode(db: Db, codes: readonly string[]): Promise<Map<string, Material>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{
    material_code: string;
    material_description: string | null;
    material_type: string | null;
    uom: string | null;
    division: string | null;
    business: string | null;
    sub_business: string | null;
    product_group: string | null;
    series: string | null;
    channels: string[];
  }>`
    select distinct on (material_code) material_code, material_description, material_type, uom, division, business,
           sub_business, product_group, series,
           array(select m2.distribution_channel from raw_material_master m2
                 where m2.material_code = m.material_code order by m2.distribution_channel) as channels
    from raw_material_master m
    where material_code in (${sql.join([...codes])})
    order by material_code, distribution_channel`.execute(db);
  return new Map(
    rows.map((row) => [
      row.material_code,
      {
        material: row.material_code,
        description: row.material_description,
        materialType: row.material_type,
        unit: row.uom,
        division: row.division,
        business: row.business,
        subBusiness: row.sub_business,
        productGroup: row.product_group,
        series: row.series,
        channels: row.channels,
      },
    ]),
  );
}
