/**
 * The exportable tables: the six of CONTRACT.md "HTTP routes" and five more for the widgets those
 * do not fit (batch-movements, production-flows, loss-pareto, filling-yields, sales-customers).
 * Each has its query parameters (the GraphQL filter fields, same names), its columns with English
 * and Vietnamese headers, and reads its rows through the domain functions its GraphQL field uses,
 * with the viewer's plant rules (CONTRACT.md "Auth").
 */
import { leadTimeOrders, defaultWindow, type LeadTimeOrder, type LeadTimeStatus, type OrderType } from "../domain/lead-time.js";
import { listAlerts, type AlertRecord } from "../domain/alert-list.js";
import { ALERT_TYPES, SEVERITIES } from "../domain/alerts.js";
import { semesterAchievement, type SalesmanAchievement, type Semester } from "../domain/targets.js";
import { arCustomers, type ArBucketName, type ArCustomerRow, type ArRisk } from "../domain/ar.js";
import { otifDeliveries, type OtifDelivery, type OtifStatus } from "../domain/otif.js";
import { materialMovements, movementWindow, type MaterialCategory, type MaterialMovement } from "../domain/movements.js";
import { nettedMovementsOfBatches, type NettedMovementRecord } from "../domain/batch-trace.js";
import { productionFlows } from "../domain/production-flows.js";
import { fillingYieldOrderNumbers, fillingYields, lossPareto, type FillingYield, type LossParetoEntry, type YieldFilter } from "../domain/yield.js";
import { salesByCustomer, type CustomerSales, type Division } from "../domain/sales.js";
import type { Viewer } from "../graphql/auth.js";
import { plantScope } from "../graphql/guards.js";
import { DEFAULT_PARETO_LIMIT } from "../graphql/yield.js";
import {
  ExportParameterError,
  type ExportColumn,
  type ExportRows,
  type ExportTable,
  type Localized,
  type ParameterSpec,
  type ParameterValues,
} from "./types.js";

const ORDER_TYPES = ["MTO", "MTS"] as const satisfies readonly OrderType[];
const LEAD_TIME_STATUSES = ["ON_TIME", "DELAYED", "STUCK", "IN_PROGRESS"] as const satisfies readonly LeadTimeStatus[];
const ALERT_STATUSES = ["ACTIVE", "RESOLVED"] as const;
const DIVISIONS = ["INDUSTRY", "EXPORT", "RETAIL", "PROJECT", "OTHER"] as const satisfies readonly Division[];
const AR_RISKS = ["HIGH", "MEDIUM", "LOW"] as const satisfies readonly ArRisk[];
const OTIF_STATUSES = ["ON_TIME", "LATE", "PENDING"] as const satisfies readonly OtifStatus[];
const CATEGORIES = ["FG", "SFG", "RM"] as const satisfies readonly MaterialCategory[];

const DATE = { kind: "date" } as const;
const PERIOD = { kind: "period" } as const;
const TEXT = { kind: "text" } as const;
const PLANTS = { kind: "codes" } as const;

/** A table whose `fetch` gets its parameters typed from their specs. */
function defineTable<const P extends Record<string, ParameterSpec>, Row>(
  table: Omit<ExportTable<Row, ParameterValues<P>>, "parameters"> & { parameters: P },
): ExportTable {
  return table as unknown as ExportTable;
}

const PLANT: Localized = { en: "Plant", vi: "Nhà máy" };
const MATERIAL: Localized = { en: "Material", vi: "Mã vật tư" };
const MATERIAL_DESCRIPTION: Localized = { en: "Material description", vi: "Tên vật tư" };
const STATUS: Localized = { en: "Status", vi: "Trạng thái" };
const CHANNEL: Localized = { en: "Channel", vi: "Kênh phân phối" };
const DIVISION: Localized = { en: "Division", vi: "Khối kinh doanh" };
const CUSTOMER: Localized = { en: "Customer", vi: "Mã khách hàng" };
const SALESMAN: Localized = { en: "Salesman", vi: "Nhân viên kinh doanh" };

const leadTimeOrderTable = defineTable({
  name: "leadtime-orders",
  title: { en: "Lead time of production orders (P01)", vi: "Thời gian chu trình lệnh sản xuất (P01)" },
  sheetName: { en: "Lead-time orders", vi: "Lệnh sản xuất" },
  companyWide: false,
  parameters: {
    from: DATE,
    to: DATE,
    plants: PLANTS,
    type: { kind: "choice", values: ORDER_TYPES },
    status: { kind: "choice", values: LEAD_TIME_STATUSES },
    material: TEXT,
  },
  columns: [
    { header: { en: "Order", vi: "Lệnh sản xuất" }, type: "text", width: 13, value: (o) => o.orderNumber },
    { header: { en: "Type", vi: "Loại" }, type: "text", width: 6, value: (o) => o.orderType },
    { header: PLANT, type: "text", width: 7, value: (o) => o.plant },
    { header: MATERIAL, type: "text", width: 12, value: (o) => o.material },
    { header: MATERIAL_DESCRIPTION, type: "text", width: 30, value: (o) => o.materialDescription },
    { header: { en: "Batch", vi: "Số lô" }, type: "text", width: 12, value: (o) => o.batch },
    { header: { en: "Sales order", vi: "Đơn bán hàng" }, type: "text", width: 12, value: (o) => o.salesOrder, pdf: false },
    { header: { en: "Purchase order (STO)", vi: "Đơn chuyển kho (STO)" }, type: "text", width: 12, value: (o) => o.purchaseOrder, pdf: false },
    { header: { en: "Release date", vi: "Ngày phát lệnh" }, type: "date", width: 11, value: (o) => o.releaseDate },
    { header: { en: "Finish date", vi: "Ngày hoàn thành" }, type: "date", width: 11, value: (o) => o.finishDate, pdf: false },
    { header: { en: "DC receipt date", vi: "Ngày nhập kho DC" }, type: "date", width: 11, value: (o) => o.dcReceiptDate },
    { header: { en: "First issue date", vi: "Ngày xuất đầu tiên" }, type: "date", width: 11, value: (o) => o.firstIssueDate, pdf: false },
    { header: { en: "Last issue date", vi: "Ngày xuất cuối cùng" }, type: "date", width: 11, value: (o) => o.lastIssueDate, pdf: false },
    { header: { en: "Delivery GI date", vi: "Ngày xuất giao hàng" }, type: "date", width: 11, value: (o) => o.deliveryGiDate, pdf: false },
    { header: { en: "Order to release (days)", vi: "Đặt hàng đến phát lệnh (ngày)" }, type: "integer", width: 9, value: (o) => o.orderToReleaseDays, pdf: false },
    { header: { en: "Preparation (days)", vi: "Chuẩn bị (ngày)" }, type: "integer", width: 9, value: (o) => o.preparationDays },
    { header: { en: "Production (days)", vi: "Sản xuất (ngày)" }, type: "integer", width: 9, value: (o) => o.productionDays },
    { header: { en: "Transit (days)", vi: "Vận chuyển (ngày)" }, type: "integer", width: 9, value: (o) => o.transitDays },
    { header: { en: "Storage (days)", vi: "Lưu kho (ngày)" }, type: "integer", width: 9, value: (o) => o.storageDays },
    { header: { en: "Delivery (days)", vi: "Giao hàng (ngày)" }, type: "integer", width: 9, value: (o) => o.deliveryDays },
    { header: { en: "Total (days)", vi: "Tổng (ngày)" }, type: "integer", width: 9, value: (o) => o.totalDays },
    { header: { en: "Open stage", vi: "Công đoạn đang mở" }, type: "text", width: 12, value: (o) => o.openStage, pdf: false },
    { header: { en: "Open for (days)", vi: "Số ngày đang mở" }, type: "integer", width: 9, value: (o) => o.openStageDays, pdf: false },
    { header: STATUS, type: "text", width: 14, value: (o) => o.status },
    { header: { en: "Data quality flags", vi: "Lưu ý dữ liệu" }, type: "text", width: 20, value: (o) => o.qualityFlags.join(", "), pdf: false },
  ] satisfies ExportColumn<LeadTimeOrder>[],
  async fetch({ db, config, viewer, asOf, filter, limit }): Promise<ExportRows<LeadTimeOrder>> {
    const { orders } = await leadTimeOrders(
      db,
      {
        from: filter.from,
        to: filter.to,
        plants: plantScope(viewer, filter.plants),
        orderType: filter.type,
        status: filter.status,
        material: filter.material,
      },
      asOf,
      config,
      { limit, offset: 0 },
    );
    return { rows: orders, resolved: defaultWindow(filter, asOf) };
  },
});

const alertTable = defineTable({
  name: "alerts",
  title: { en: "Alerts", vi: "Cảnh báo" },
  sheetName: { en: "Alerts", vi: "Cảnh báo" },
  companyWide: false,
  parameters: {
    types: { kind: "choices", values: ALERT_TYPES },
    plants: PLANTS,
    minSeverity: { kind: "choice", values: SEVERITIES },
    status: { kind: "choice", values: ALERT_STATUSES },
    from: DATE,
    to: DATE,
  },
  columns: [
    { header: { en: "ID", vi: "Mã" }, type: "integer", width: 7, value: (a) => a.id },
    { header: { en: "Detected at", vi: "Thời điểm phát hiện" }, type: "datetime", width: 16, value: (a) => a.detectedAt },
    { header: { en: "Severity", vi: "Mức độ" }, type: "text", width: 10, value: (a) => a.severity },
    { header: { en: "Type", vi: "Loại cảnh báo" }, type: "text", width: 18, value: (a) => a.type },
    { header: STATUS, type: "text", width: 10, value: (a) => a.status },
    { header: PLANT, type: "text", width: 7, value: (a) => a.plant },
    { header: MATERIAL, type: "text", width: 12, value: (a) => a.material },
    { header: { en: "Subject", vi: "Đối tượng" }, type: "text", width: 14, value: (a) => a.entity },
    { header: { en: "Value", vi: "Giá trị" }, type: "number", width: 14, value: (a) => a.metricValue },
    { header: { en: "Threshold", vi: "Ngưỡng" }, type: "number", width: 10, value: (a) => a.threshold },
    { header: { en: "Message", vi: "Nội dung" }, type: "text", width: 50, value: (a) => a.message },
    { header: { en: "As-of date", vi: "Ngày tính" }, type: "date", width: 11, value: (a) => a.asOfDate, pdf: false },
    { header: { en: "Resolved at", vi: "Thời điểm xử lý" }, type: "datetime", width: 16, value: (a) => a.resolvedAt, pdf: false },
    { header: { en: "Resolved by", vi: "Người xử lý" }, type: "text", width: 14, value: (a) => a.resolvedBy, pdf: false },
    { header: { en: "Resolution", vi: "Cách xử lý" }, type: "text", width: 11, value: (a) => a.resolution, pdf: false },
    { header: { en: "Resolution note", vi: "Ghi chú xử lý" }, type: "text", width: 30, value: (a) => a.resolutionNote, pdf: false },
  ] satisfies ExportColumn<AlertRecord>[],
  async fetch({ db, viewer, filter, limit }): Promise<ExportRows<AlertRecord>> {
    const status = filter.status ?? "ACTIVE";
    const rows = await listAlerts(
      db,
      {
        types: filter.types,
        plants: plantScope(viewer, filter.plants),
        minSeverity: filter.minSeverity,
        status,
        from: filter.from,
        to: filter.to,
      },
      { limit },
    );
    return { rows, resolved: { status } };
  },
});

const salesTargetTable = defineTable({
  name: "sales-targets",
  title: { en: "Semester sales targets", vi: "Chỉ tiêu doanh số 6 tháng" },
  sheetName: { en: "Sales targets", vi: "Chỉ tiêu doanh số" },
  companyWide: true,
  parameters: {
    year: { kind: "integer", min: 2000, max: 2100 },
    semester: { kind: "integer", min: 1, max: 2 },
  },
  columns: [
    { header: SALESMAN, type: "text", width: 28, value: (s) => s.salesmanName },
    { header: { en: "Salesman codes", vi: "Mã nhân viên" }, type: "text", width: 14, value: (s) => s.salesmanIds.join(", ") },
    { header: { en: "Semester target (VND)", vi: "Chỉ tiêu 6 tháng (VND)" }, type: "number", decimals: 0, width: 17, value: (s) => s.target },
    { header: { en: "Pro-rated target (VND)", vi: "Chỉ tiêu đến nay (VND)" }, type: "number", decimals: 0, width: 17, value: (s) => s.proratedTarget },
    { header: { en: "Actual revenue (VND)", vi: "Doanh số thực tế (VND)" }, type: "number", decimals: 0, width: 17, value: (s) => s.actual },
    { header: { en: "Variance (VND)", vi: "Chênh lệch (VND)" }, type: "number", decimals: 0, width: 17, value: (s) => s.variance, pdf: false },
    { header: { en: "Pro-rated variance (VND)", vi: "Chênh lệch đến nay (VND)" }, type: "number", decimals: 0, width: 17, value: (s) => s.proratedVariance },
    { header: { en: "Achievement", vi: "Tỷ lệ đạt" }, type: "percent", width: 11, value: (s) => s.achievementPercent },
    { header: { en: "Pro-rated achievement", vi: "Tỷ lệ đạt đến nay" }, type: "percent", width: 11, value: (s) => s.proratedAchievementPercent },
    { header: STATUS, type: "text", width: 12, value: (s) => s.status },
    { header: { en: "Has a target", vi: "Có chỉ tiêu" }, type: "boolean", width: 9, value: (s) => s.hasTarget },
    { header: { en: "Billed", vi: "Có doanh số" }, type: "boolean", width: 9, value: (s) => s.hasBilling },
  ] satisfies ExportColumn<SalesmanAchievement>[],
  async fetch({ db, config, asOf, filter, limit }): Promise<ExportRows<SalesmanAchievement>> {
    const achievement = await semesterAchievement(db, asOf, config, {
      year: filter.year,
      semester: filter.semester as Semester | undefined,
    });
    return {
      rows: achievement.salesmen.slice(0, limit),
      resolved: { year: String(achievement.year), semester: String(achievement.semester) },
    };
  },
});

const AR_BUCKETS: { bucket: ArBucketName; en: string; vi: string }[] = [
  { bucket: "DAYS_1_30", en: "1–30 days", vi: "1–30 ngày" },
  { bucket: "DAYS_31_60", en: "31–60 days", vi: "31–60 ngày" },
  { bucket: "DAYS_61_90", en: "61–90 days", vi: "61–90 ngày" },
  { bucket: "DAYS_91_120", en: "91–120 days", vi: "91–120 ngày" },
  { bucket: "DAYS_121_180", en: "121–180 days", vi: "121–180 ngày" },
  { bucket: "OVER_180", en: "> 180 days", vi: "> 180 ngày" },
];

function bucketOf(row: ArCustomerRow, name: ArBucketName) {
  return row.buckets.find((bucket) => bucket.bucket === name)!;
}

const arCustomerTable = defineTable({
  name: "ar-customers",
  title: { en: "Accounts receivable by customer", vi: "Công nợ phải thu theo khách hàng" },
  sheetName: { en: "AR customers", vi: "Công nợ khách hàng" },
  companyWide: true,
  parameters: {
    snapshotDate: DATE,
    division: { kind: "choice", values: DIVISIONS },
    risk: { kind: "choice", values: AR_RISKS },
    salesman: TEXT,
  },
  columns: [
    { header: CUSTOMER, type: "text", width: 12, value: (c) => c.customerCode },
    { header: { en: "Customer name", vi: "Tên khách hàng" }, type: "text", width: 34, value: (c) => c.customerName },
    { header: CHANNEL, type: "text", width: 8, value: (c) => c.channel },
    { header: DIVISION, type: "text", width: 10, value: (c) => c.division, pdf: false },
    { header: { en: "Customer group", vi: "Nhóm khách hàng" }, type: "text", width: 12, value: (c) => c.customerGroup, pdf: false },
    { header: { en: "Salesman code", vi: "Mã nhân viên" }, type: "text", width: 10, value: (c) => c.salesmanCode, pdf: false },
    { header: SALESMAN, type: "text", width: 22, value: (c) => c.salesmanName },
    {
      header: { en: "Collected, not due (VND)", vi: "Đã thu chưa đến hạn (VND)" },
      type: "number",
      decimals: 0,
      width: 16,
      value: (c) => bucketOf(c, "NOT_DUE").realization,
      pdf: false,
    },
    ...AR_BUCKETS.flatMap(({ bucket, en, vi }): ExportColumn<ArCustomerRow>[] => [
      {
        header: { en: `Target ${en} (VND)`, vi: `Chỉ tiêu thu ${vi} (VND)` },
        type: "number",
        decimals: 0,
        width: 16,
        value: (c) => bucketOf(c, bucket).target,
        pdf: false,
      },
      {
        header: { en: `Collected ${en} (VND)`, vi: `Đã thu ${vi} (VND)` },
        type: "number",
        decimals: 0,
        width: 16,
        value: (c) => bucketOf(c, bucket).realization,
        pdf: false,
      },
    ]),
    { header: { en: "Collection target (VND)", vi: "Chỉ tiêu thu (VND)" }, type: "number", decimals: 0, width: 17, value: (c) => c.totalTarget },
    { header: { en: "Collected (VND)", vi: "Đã thu (VND)" }, type: "number", decimals: 0, width: 17, value: (c) => c.totalRealization },
    { header: { en: "Collection rate", vi: "Tỷ lệ thu" }, type: "percent", width: 10, value: (c) => c.collectionRatePercent },
    { header: { en: "Overdue > 30 days (VND)", vi: "Quá hạn > 30 ngày (VND)" }, type: "number", decimals: 0, width: 17, value: (c) => c.overdueOver30 },
    { header: { en: "Overdue from 1 day (VND)", vi: "Quá hạn từ 1 ngày (VND)" }, type: "number", decimals: 0, width: 17, value: (c) => c.overdueFrom1, pdf: false },
    { header: { en: "Bad debt > 180 days (VND)", vi: "Nợ xấu > 180 ngày (VND)" }, type: "number", decimals: 0, width: 17, value: (c) => c.badDebt },
    { header: { en: "Risk", vi: "Rủi ro" }, type: "text", width: 8, value: (c) => c.risk },
  ] satisfies ExportColumn<ArCustomerRow>[],
  async fetch({ db, filter, limit }): Promise<ExportRows<ArCustomerRow>> {
    const result = await arCustomers(db, {
      snapshot: filter.snapshotDate,
      division: filter.division,
      risk: filter.risk,
      salesman: filter.salesman,
      limit,
    });
    if (result === null && filter.snapshotDate !== undefined) {
      throw new ExportParameterError("snapshotDate", `no ZRFI005 snapshot of ${filter.snapshotDate} is loaded`);
    }
    return { rows: result?.customers ?? [], resolved: result ? { snapshotDate: result.snapshotDate } : {} };
  },
});

const otifDeliveryTable = defineTable({
  name: "otif-deliveries",
  title: { en: "OTIF deliveries", vi: "Giao hàng đúng hạn, đủ số lượng (OTIF)" },
  sheetName: { en: "OTIF deliveries", vi: "Giao hàng OTIF" },
  companyWide: true,
  parameters: {
    from: DATE,
    to: DATE,
    channel: TEXT,
    status: { kind: "choice", values: OTIF_STATUSES },
  },
  columns: [
    { header: { en: "Delivery", vi: "Phiếu giao hàng" }, type: "text", width: 12, value: (d) => d.delivery },
    { header: { en: "Sales orders", vi: "Đơn bán hàng" }, type: "text", width: 14, value: (d) => d.salesOrders.join(", "), pdf: false },
    { header: CUSTOMER, type: "text", width: 12, value: (d) => d.customerCode },
    { header: { en: "Ship-to", vi: "Nơi nhận hàng" }, type: "text", width: 30, value: (d) => d.shipToName },
    { header: CHANNEL, type: "text", width: 8, value: (d) => d.channel },
    { header: DIVISION, type: "text", width: 10, value: (d) => d.division, pdf: false },
    { header: SALESMAN, type: "text", width: 22, value: (d) => d.salesmanName, pdf: false },
    { header: { en: "Planned delivery date", vi: "Ngày giao kế hoạch" }, type: "date", width: 11, value: (d) => d.deliveryDate },
    { header: { en: "Actual GI date", vi: "Ngày xuất kho thực tế" }, type: "date", width: 11, value: (d) => d.actualGiDate },
    { header: { en: "Lines", vi: "Số dòng" }, type: "integer", width: 7, value: (d) => d.lineCount },
    { header: { en: "Ordered quantity", vi: "Số lượng đặt" }, type: "number", width: 12, value: (d) => d.deliveryQuantity },
    { header: { en: "Delivered quantity", vi: "Số lượng đã giao" }, type: "number", width: 12, value: (d) => d.actualDeliveryQuantity },
    { header: { en: "Delay (days)", vi: "Trễ (ngày)" }, type: "integer", width: 8, value: (d) => d.giDelayDays },
    { header: STATUS, type: "text", width: 10, value: (d) => d.status },
    { header: { en: "On time", vi: "Đúng hạn" }, type: "boolean", width: 8, value: (d) => d.onTime },
    { header: { en: "In full", vi: "Đủ số lượng" }, type: "boolean", width: 8, value: (d) => d.inFull },
    { header: { en: "OTIF", vi: "OTIF" }, type: "boolean", width: 8, value: (d) => d.otif },
  ] satisfies ExportColumn<OtifDelivery>[],
  async fetch({ db, asOf, filter, limit }): Promise<ExportRows<OtifDelivery>> {
    const result = await otifDeliveries(db, asOf, { from: filter.from, to: filter.to, channel: filter.channel, status: filter.status, limit });
    return { rows: result.deliveries, resolved: { from: result.from, to: result.to } };
  },
});

const movementTable = defineTable({
  name: "movements",
  title: { en: "Material movements", vi: "Biến động vật tư" },
  sheetName: { en: "Material movements", vi: "Biến động vật tư" },
  companyWide: false,
  parameters: {
    from: DATE,
    to: DATE,
    plants: PLANTS,
    material: TEXT,
    category: { kind: "choice", values: CATEGORIES },
  },
  columns: [
    { header: PLANT, type: "text", width: 7, value: (m) => m.plant },
    { header: MATERIAL, type: "text", width: 12, value: (m) => m.material },
    { header: MATERIAL_DESCRIPTION, type: "text", width: 30, value: (m) => m.materialDescription },
    { header: { en: "Category", vi: "Nhóm vật tư" }, type: "text", width: 8, value: (m) => m.category },
    { header: { en: "Unit", vi: "Đơn vị tính" }, type: "text", width: 7, value: (m) => m.unit },
    { header: { en: "Lines", vi: "Số dòng" }, type: "integer", width: 7, value: (m) => m.lines },
    { header: { en: "Inbound lines", vi: "Dòng nhập" }, type: "integer", width: 8, value: (m) => m.inboundLines, pdf: false },
    { header: { en: "Outbound lines", vi: "Dòng xuất" }, type: "integer", width: 8, value: (m) => m.outboundLines, pdf: false },
    { header: { en: "Net quantity", vi: "Số lượng thuần" }, type: "number", width: 13, value: (m) => m.netQuantity },
    { header: { en: "Net kg", vi: "Khối lượng thuần (kg)" }, type: "number", width: 13, value: (m) => m.netKg },
    { header: { en: "Inbound kg", vi: "Nhập (kg)" }, type: "number", width: 13, value: (m) => m.inboundKg },
    { header: { en: "Outbound kg", vi: "Xuất (kg)" }, type: "number", width: 13, value: (m) => m.outboundKg },
    { header: { en: "Throughput kg", vi: "Lưu chuyển (kg)" }, type: "number", width: 13, value: (m) => m.throughputKg },
    { header: { en: "Lines without kg", vi: "Dòng không quy đổi được kg" }, type: "integer", width: 9, value: (m) => m.linesWithoutKg, pdf: false },
    { header: { en: "Last movement", vi: "Ngày biến động cuối" }, type: "date", width: 11, value: (m) => m.lastMovementDate },
  ] satisfies ExportColumn<MaterialMovement>[],
  async fetch({ db, viewer, asOf, filter, limit }): Promise<ExportRows<MaterialMovement>> {
    const scoped = {
      from: filter.from,
      to: filter.to,
      plants: plantScope(viewer, filter.plants) ?? null,
      material: filter.material,
      category: filter.category,
    };
    const rows = await materialMovements(db, asOf, scoped, { limit });
    const window = movementWindow(asOf, scoped);
    return { rows, resolved: { from: window.from, to: window.to } };
  },
});

const batchMovementTable = defineTable({
  name: "batch-movements",
  title: { en: "Movements of a batch after netting", vi: "Chứng từ kho của lô sau bù trừ" },
  sheetName: { en: "Batch movements", vi: "Chứng từ kho của lô" },
  companyWide: false,
  parameters: {
    batch: { kind: "text", exclusive: true },
    plant: { kind: "text", exclusive: true },
  },
  columns: [
    { header: PLANT, type: "text", width: 7, value: (m) => m.plant },
    { header: MATERIAL, type: "text", width: 12, value: (m) => m.material },
    { header: MATERIAL_DESCRIPTION, type: "text", width: 30, value: (m) => m.materialDescription },
    { header: { en: "Movement type", vi: "Loại chuyển động" }, type: "text", width: 9, value: (m) => m.movementType },
    { header: { en: "Posting date", vi: "Ngày hạch toán" }, type: "date", width: 11, value: (m) => m.postingDate },
    { header: { en: "Quantity", vi: "Số lượng" }, type: "number", decimals: 3, width: 12, value: (m) => m.quantity },
    { header: { en: "Reference", vi: "Tham chiếu" }, type: "text", width: 14, value: (m) => m.reference },
    { header: { en: "Purchase order", vi: "Đơn mua hàng" }, type: "text", width: 12, value: (m) => m.purchaseOrder },
    { header: { en: "MB51 line", vi: "Dòng MB51" }, type: "integer", width: 9, value: (m) => m.mb51Id },
  ] satisfies ExportColumn<NettedMovementRecord>[],
  async fetch({ db, viewer, filter, limit }): Promise<ExportRows<NettedMovementRecord>> {
    if (filter.batch === undefined) throw new ExportParameterError("batch", "is required: the batch whose movements to export, e.g. batch=26A2640210");
    // As the GraphQL `batch` field: a plant outside the token's is FORBIDDEN, no plant = the token's
    // plants. Every line that survived netting belongs to a netting group, so a batch that field
    // calls unknown (null) has no lines here either: an empty file.
    const plants = plantScope(viewer, filter.plant === undefined ? undefined : [filter.plant]);
    const rows = await nettedMovementsOfBatches(db, [filter.batch], plants);
    return { rows: rows.slice(0, limit), resolved: {} };
  },
});

/** A Sankey link with the labels of its two nodes. */
interface FlowRow {
  source: string;
  sourceLabel: string;
  target: string;
  targetLabel: string;
  kg: number;
}

const productionFlowTable = defineTable({
  name: "production-flows",
  title: { en: "Production flows (kg)", vi: "Dòng sản xuất (kg)" },
  sheetName: { en: "Production flows", vi: "Dòng sản xuất" },
  companyWide: false,
  parameters: {
    from: PERIOD,
    to: PERIOD,
    plants: PLANTS,
  },
  columns: [
    { header: { en: "From", vi: "Từ" }, type: "text", width: 30, value: (f) => f.sourceLabel },
    { header: { en: "To", vi: "Đến" }, type: "text", width: 30, value: (f) => f.targetLabel },
    { header: { en: "kg", vi: "kg" }, type: "number", width: 14, value: (f) => f.kg },
    { header: { en: "From node", vi: "Mã nút nguồn" }, type: "text", width: 14, value: (f) => f.source },
    { header: { en: "To node", vi: "Mã nút đích" }, type: "text", width: 14, value: (f) => f.target },
  ] satisfies ExportColumn<FlowRow>[],
  async fetch({ db, viewer, filter, limit }): Promise<ExportRows<FlowRow>> {
    const flows = await productionFlows(db, { from: filter.from, to: filter.to, plants: plantScope(viewer, filter.plants) });
    const labels = new Map(flows.nodes.map((node) => [node.id, node.label]));
    const rows = flows.links.map((link) => ({ ...link, sourceLabel: labels.get(link.source)!, targetLabel: labels.get(link.target)! }));
    return { rows: rows.slice(0, limit), resolved: {} };
  },
});

/** YieldFilter of GraphQL: ZRPP062 periods, plants, material, product group. */
const YIELD_PARAMETERS = {
  from: PERIOD,
  to: PERIOD,
  plants: PLANTS,
  material: TEXT,
  productGroup: TEXT,
} as const;

function yieldFilter(viewer: Viewer, filter: ParameterValues<typeof YIELD_PARAMETERS>): YieldFilter {
  return {
    from: filter.from,
    to: filter.to,
    plants: plantScope(viewer, filter.plants),
    material: filter.material,
    productGroup: filter.productGroup,
  };
}

const lossParetoTable = defineTable({
  name: "loss-pareto",
  title: { en: "Filling loss Pareto", vi: "Pareto hao hụt chiết rót" },
  sheetName: { en: "Loss Pareto", vi: "Pareto hao hụt" },
  companyWide: false,
  parameters: {
    ...YIELD_PARAMETERS,
    limit: { kind: "integer", min: 1, max: 50 },
  },
  columns: [
    { header: MATERIAL, type: "text", width: 12, value: (e) => e.material },
    { header: MATERIAL_DESCRIPTION, type: "text", width: 34, value: (e) => e.materialDescription },
    { header: { en: "Loss kg", vi: "Hao hụt (kg)" }, type: "number", width: 13, value: (e) => e.lossKg },
    { header: { en: "Liquid issued kg", vi: "Lỏng xuất (kg)" }, type: "number", width: 13, value: (e) => e.inputKg },
    { header: { en: "Loss", vi: "% hao hụt" }, type: "percent", decimals: 2, width: 9, value: (e) => e.lossPercent },
    { header: { en: "Share of the loss", vi: "Tỷ trọng hao hụt" }, type: "percent", width: 10, value: (e) => e.sharePercent },
    { header: { en: "Cumulative share", vi: "Tỷ trọng cộng dồn" }, type: "percent", width: 10, value: (e) => e.cumulativePercent },
    { header: { en: "Orders", vi: "Số lệnh" }, type: "integer", width: 8, value: (e) => e.orderCount },
  ] satisfies ExportColumn<LossParetoEntry>[],
  async fetch({ db, viewer, filter, limit }): Promise<ExportRows<LossParetoEntry>> {
    const materials = filter.limit ?? DEFAULT_PARETO_LIMIT;
    const pareto = await lossPareto(db, yieldFilter(viewer, filter), Math.min(materials, limit));
    return { rows: pareto.materials, resolved: { limit: String(materials) } };
  },
});

/** Orders per `fillingYields` call: well below the 65,535 bind parameters of a PostgreSQL statement. */
const ORDERS_PER_READ = 5_000;

const fillingYieldTable = defineTable({
  name: "filling-yields",
  title: { en: "Filling yield per P01 order", vi: "Hiệu suất chiết rót theo lệnh P01" },
  sheetName: { en: "Filling yields", vi: "Hiệu suất chiết rót" },
  companyWide: false,
  parameters: YIELD_PARAMETERS,
  columns: [
    { header: { en: "Order", vi: "Lệnh sản xuất" }, type: "text", width: 13, value: (o) => o.orderNumber },
    { header: { en: "Period", vi: "Kỳ" }, type: "text", width: 8, value: (o) => o.period },
    { header: PLANT, type: "text", width: 7, value: (o) => o.plant },
    { header: MATERIAL, type: "text", width: 12, value: (o) => o.material },
    { header: MATERIAL_DESCRIPTION, type: "text", width: 30, value: (o) => o.materialDescription },
    { header: { en: "Batch", vi: "Số lô" }, type: "text", width: 12, value: (o) => o.batch, pdf: false },
    { header: { en: "Liquid order (P02)", vi: "Lệnh pha lỏng (P02)" }, type: "text", width: 13, value: (o) => o.liquidOrder, pdf: false },
    { header: { en: "Product group code", vi: "Mã nhóm sản phẩm" }, type: "text", width: 10, value: (o) => o.productGroupCode, pdf: false },
    { header: { en: "Product group", vi: "Nhóm sản phẩm" }, type: "text", width: 14, value: (o) => o.productGroup },
    { header: { en: "Units received", vi: "Số lượng nhập" }, type: "number", width: 11, value: (o) => o.grQuantity, pdf: false },
    { header: { en: "Unit", vi: "Đơn vị tính" }, type: "text", width: 6, value: (o) => o.grUnit, pdf: false },
    { header: { en: "kg per unit", vi: "kg mỗi đơn vị" }, type: "number", decimals: 4, width: 9, value: (o) => o.kgPerUnit, pdf: false },
    { header: { en: "Liquid issued kg", vi: "Lỏng xuất (kg)" }, type: "number", width: 12, value: (o) => o.inputKg },
    { header: { en: "Filled kg", vi: "Chiết rót (kg)" }, type: "number", width: 12, value: (o) => o.outputKg },
    { header: { en: "By-product kg", vi: "Phụ phẩm (kg)" }, type: "number", width: 11, value: (o) => o.byProductKg },
    { header: { en: "Loss kg", vi: "Hao hụt (kg)" }, type: "number", width: 11, value: (o) => o.lossKg },
    { header: { en: "Loss", vi: "% hao hụt" }, type: "percent", decimals: 2, width: 9, value: (o) => o.lossPercent },
    { header: { en: "Yield", vi: "Hiệu suất" }, type: "percent", decimals: 2, width: 9, value: (o) => o.yieldPercent },
    { header: { en: "Valid", vi: "Hợp lệ" }, type: "boolean", width: 7, value: (o) => o.valid, pdf: false },
    { header: { en: "Excluded because", vi: "Lý do loại trừ" }, type: "text", width: 16, value: (o) => o.exclusionReason },
    { header: { en: "Low yield", vi: "Hiệu suất thấp" }, type: "boolean", width: 8, value: (o) => o.lowYield },
    { header: { en: "High loss", vi: "Hao hụt cao" }, type: "boolean", width: 8, value: (o) => o.highLoss, pdf: false },
  ] satisfies ExportColumn<FillingYield>[],
  async fetch({ db, config, viewer, filter, limit }): Promise<ExportRows<FillingYield>> {
    const numbers = await fillingYieldOrderNumbers(db, yieldFilter(viewer, filter), { limit, offset: 0 });
    const rows: FillingYield[] = [];
    for (let start = 0; start < numbers.length; start += ORDERS_PER_READ) {
      const chunk = numbers.slice(start, start + ORDERS_PER_READ);
      const found = await fillingYields(db, chunk, config);
      rows.push(...chunk.map((number) => found.get(number)!));
    }
    return { rows, resolved: {} };
  },
});

const salesCustomerTable = defineTable({
  name: "sales-customers",
  title: { en: "Sales by customer", vi: "Doanh số theo khách hàng" },
  sheetName: { en: "Sales by customer", vi: "Doanh số khách hàng" },
  companyWide: true,
  parameters: {
    from: DATE,
    to: DATE,
    channel: TEXT,
  },
  columns: [
    { header: CUSTOMER, type: "text", width: 12, value: (c) => c.customerCode },
    { header: { en: "Customer name", vi: "Tên khách hàng" }, type: "text", width: 40, value: (c) => c.customerName },
    { header: { en: "Channels", vi: "Kênh phân phối" }, type: "text", width: 10, value: (c) => c.channels.join(", ") },
    { header: { en: "Revenue (VND)", vi: "Doanh thu (VND)" }, type: "number", decimals: 0, width: 18, value: (c) => c.revenue },
    { header: { en: "Orders", vi: "Số đơn hàng" }, type: "integer", width: 8, value: (c) => c.orders },
    { header: { en: "Average order value (VND)", vi: "Giá trị đơn trung bình (VND)" }, type: "number", decimals: 0, width: 18, value: (c) => c.averageOrderValue },
    { header: { en: "Billing lines", vi: "Số dòng hóa đơn" }, type: "integer", width: 9, value: (c) => c.billingLines },
  ] satisfies ExportColumn<CustomerSales>[],
  async fetch({ db, asOf, filter, limit }): Promise<ExportRows<CustomerSales>> {
    const result = await salesByCustomer(db, asOf, { from: filter.from, to: filter.to, channel: filter.channel, limit });
    return { rows: result.customers, resolved: { from: result.from, to: result.to } };
  },
});

/** Every exportable table by its path name. */
export const EXPORT_TABLES: ReadonlyMap<string, ExportTable> = new Map(
  [
    leadTimeOrderTable,
    alertTable,
    salesTargetTable,
    arCustomerTable,
    otifDeliveryTable,
    movementTable,
    batchMovementTable,
    productionFlowTable,
    lossParetoTable,
    fillingYieldTable,
    salesCustomerTable,
  ].map((table) => [table.name, table]),
);

