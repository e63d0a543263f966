/**
 * OTIF (DOMAIN.md §3.9; D11) on the real ZRSD004 sample. The worked figures of §3.9 cover every
 * customer delivery of the file, whose planned dates run 2025-10-31…2026-01-28, hence the explicit
 * window; the as-of date is the sample's cut-off 2026-01-21, the last goods issue of the file.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import { otifDeliveries, otifLines, otifSummary } from "../api/src/domain/otif.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { withRollback } from "./support/rollback.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const AS_OF = "2026-01-21";
const WHOLE_FILE = { from: "2025-10-01", to: "2026-01-31" };
const options = { allowRejects: false, decimalComma: false, dateOrder: "MDY" as const, loadedBy: "test", ...SAMPLE_FACTS };

describe.skipIf(!samplesPresent).each(backends)("OTIF on $name", (backend) => {
  let database: Database;

  beforeAll(async () => {
    database = await backend.open();
    await loadFile(database, sample("zrsd004.XLSX"), options);
  }, 600_000);
  afterAll(async () => database?.close());

  it("counts customer lines as §3.9: 789 on time / 871 late = 47.5 %", async () => {
    const summary = await otifSummary(database.db, AS_OF, WHOLE_FILE);
    // 1,669 lines less 3 cross-plant (ZDD1, channel 99) and 6 return lines (ZDE1/ZDF1).
    expect(summary.lines).toMatchObject({ total: 1_660, pending: 0, onTime: 789, late: 871 });
    expect(summary.lines.onTimePercent).toBeCloseTo(47.53, 2);
    // Delivery Qty = Actual Delivery Qty on every sample line, so every shipped line is in full.
    expect(summary.lines).toMatchObject({ inFull: 1_660, otif: 789 });
    expect(summary.lines.inFullPercent).toBe(100);
    expect(summary.lines.otifPercent).toBeCloseTo(47.53, 2);
  });

  it("judges delivery documents as §3.9: 374 of 661 on time = 56.6 %", async () => {
    const summary = await otifSummary(database.db, AS_OF, WHOLE_FILE);
    expect(summary.deliveries).toMatchObject({ total: 661, pending: 0, onTime: 374, late: 287, inFull: 661, otif: 374 });
    expect(summary.deliveries.otifPercent).toBeCloseTo(56.58, 2);
  });

  it("splits lines by channel as §3.9: Industry 368 of 1,057, Retail 388 of 570, Project 33 of 33", async () => {
    const { byChannel } = await otifSummary(database.db, AS_OF, WHOLE_FILE);
    expect(
      byChannel.map(({ channel, division, lines }) => ({ channel, division, onTime: lines.onTime, total: lines.total })),
    ).toEqual([
      { channel: "11", division: "INDUSTRY", onTime: 368, total: 1_057 },
      { channel: "13", division: "RETAIL", onTime: 388, total: 570 },
      { channel: "15", division: "PROJECT", onTime: 33, total: 33 },
    ]);
    expect(byChannel.reduce((sum, channel) => sum + channel.deliveries.total, 0)).toBe(661);
    const industry = await otifSummary(database.db, AS_OF, { ...WHOLE_FILE, channel: "11" });
    expect(industry.lines).toMatchObject({ total: 1_057, onTime: 368 });
  });

  it("spreads lateness as §3.9: 799 lines 1–3 days late, 49 more than 7 days", async () => {
    const { lateness } = await otifSummary(database.db, AS_OF, WHOLE_FILE);
    expect(lateness).toEqual([
      { bucket: "DAYS_1_3", lines: 799 },
      { bucket: "DAYS_4_7", lines: 871 - 799 - 49 },
      { bucket: "OVER_7", lines: 49 },
    ]);
  });

  it("filters on the planned date, by default the as-of month", async () => {
    const january = await otifSummary(database.db, AS_OF);
    expect(january).toMatchObject({ from: "2026-01-01", to: "2026-01-31" });
    expect(january.lines.total).toBe(1_619);
    expect(january.deliveries.total).toBe(640);
  });

  it("treats goods issues after the as-of date as not yet happened", async () => {
    const asOf = "2026-01-15";
    const summary = await otifSummary(database.db, asOf, WHOLE_FILE);
    const { rows } = await sql<{ later: number; past_due: number }>`
      select count(*) as later, count(*) filter (where delivery_date < ${asOf}::date) as past_due
      from raw_zrsd004
      where delivery_type = 'ZDA1' and actual_gi_date > ${asOf}::date`.execute(database.db);
    expect(rows[0].later).toBeGreaterThan(0);
    expect(summary.lines.pending).toBe(rows[0].later);
    expect(summary.lines.pendingPastDue).toBe(rows[0].past_due);
    expect(summary.lines.onTime + summary.lines.late + summary.lines.pending).toBe(1_660);
  });

  it("lists delivery documents with their verdict; a delivery is on time only when every line is", async () => {
    const { deliveries } = await otifDeliveries(database.db, AS_OF, { ...WHOLE_FILE, limit: 1_000 });
    expect(deliveries).toHaveLength(661);
    expect(deliveries.filter((delivery) => delivery.onTime)).toHaveLength(374);
    const dates = deliveries.map((delivery) => delivery.deliveryDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const late = deliveries.find((delivery) => delivery.status === "LATE" && delivery.lineCount > 1)!;
    const { lines } = await otifLines(database.db, AS_OF, { deliveries: [late.delivery] });
    expect(lines).toHaveLength(late.lineCount);
    expect(lines.some((line) => line.status === "LATE")).toBe(true);
    expect(late).toMatchObject({ onTime: false, otif: false, inFull: true });
    expect(late.giDelayDays).toBe(Math.max(...lines.map((line) => line.giDelayDays!)));
    const onlyLate = await otifDeliveries(database.db, AS_OF, { ...WHOLE_FILE, status: "LATE", limit: 1_000 });
    expect(onlyLate.deliveries).toHaveLength(287);
    expect((await otifDeliveries(database.db, AS_OF, WHOLE_FILE)).deliveries).toHaveLength(100);
  });

  it("excludes cross-plant deliveries and returns", async () => {
    const { rows } = await sql<{ delivery: string }>`
      select distinct delivery from raw_zrsd004 where delivery_type in ('ZDD1', 'ZDE1', 'ZDF1') order by delivery`.execute(
      database.db,
    );
    expect(rows).toHaveLength(8);
    const { lines } = await otifLines(database.db, AS_OF, { deliveries: rows.map((row) => row.delivery) });
    expect(lines).toEqual([]);
  });

  it("fails a delivery that is short on one line: not in full, not OTIF", async () => {
    const result = await withRollback(database.db, async (trx) => {
      const { rows } = await sql<{ delivery: string; line_item: string }>`
        select delivery, min(line_item) as line_item from raw_zrsd004
        where delivery_type = 'ZDA1' and delivery_quantity > 1
        group by delivery
        having bool_and(actual_gi_date <= delivery_date) and count(*) > 1
        order by delivery limit 1`.execute(trx);
      const { delivery, line_item } = rows[0];
      await sql`update raw_zrsd004 set actual_delivery_quantity = delivery_quantity - 1
                where delivery = ${delivery} and line_item = ${line_item}`.execute(trx);
      const summary = await otifSummary(trx, AS_OF, WHOLE_FILE);
      const { deliveries } = await otifDeliveries(trx, AS_OF, { ...WHOLE_FILE, limit: 1_000 });
      return { summary, short: deliveries.find((d) => d.delivery === delivery)! };
    });
    expect(result.summary.lines).toMatchObject({ onTime: 789, inFull: 1_659, otif: 788 });
    expect(result.summary.deliveries).toMatchObject({ onTime: 374, inFull: 660, otif: 373 });
    expect(result.short).toMatchObject({ status: "ON_TIME", onTime: true, inFull: false, otif: false });
  });
});
