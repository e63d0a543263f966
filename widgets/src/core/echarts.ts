/**
 * The one place ECharts is imported: the core plus only the charts and components the widgets use
 * (the full `echarts` package would double the bundle, TOOLCHAIN.md §5). A widget needing another
 * chart type adds it here.
 */
import { BarChart, LineChart, SankeyChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type EChartsCoreOption, type ECharts } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, LineChart, SankeyChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
export type { EChartsCoreOption, ECharts };
