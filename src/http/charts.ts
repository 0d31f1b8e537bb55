import { createHash } from "node:crypto";
import type { Lang } from "../config.ts";
import { formatDmy } from "../dates.ts";
import type { Campaign } from "../reports/campaign.ts";
import type { Translate } from "../translate.ts";
import type { CampaignSummary } from "../reports/views.ts";

const COLORS = { done: "#2e7d32", due: "#f9a825", late: "#c62828", other: "#b0bec5", planned: "#1565c0" };
// Drawn narrow, with large type: scaled down to a phone's width the labels stay readable.
const WIDTH = 600;

type Echarts = typeof import("echarts");
let echartsModule: Promise<Echarts> | undefined;
/** echarts is large: loaded once, on the first chart. */
const loadEcharts = () => (echartsModule ??= import("echarts"));

function render(echarts: Echarts, height: number, option: Record<string, unknown>): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: "system-ui, sans-serif", fontSize: 15 }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // Scales to its box (the viewBox is kept): the same picture on a phone and a desktop.
  return svg.replace(/^<svg width="\d+" height="\d+"/, `<svg role="img" preserveAspectRatio="xMidYMid meet"`);
}

type ChartInput = {
  campaign: Campaign;
  summary: CampaignSummary;
  burnUp: { days: string[]; held: number[]; planned: number[]; perDay: number[] };
  lang: Lang;
  t: Translate;
};

/**
 * Drawing takes longer than reading the whole campaign, and the figures change only when a report comes in: the
 * last few pictures are kept, keyed by everything they show (language, date, counts, curve).
 */
export function createChartCache(size = 6) {
  const cache = new Map<string, Promise<{ burnUp: string; steps: string }>>();
  return (input: ChartInput) => {
    const key = createHash("sha256")
      .update(JSON.stringify([input.lang, input.summary.date, input.summary.total, input.summary.steps, input.burnUp]))
      .digest("hex");
    let charts = cache.get(key);
    if (!charts) {
      charts = dashboardCharts(input);
      charts.catch(() => cache.delete(key));
      cache.set(key, charts);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return charts;
  };
}

/**
 * The dashboard's two charts as SVG, drawn on the server by echarts (no script for them in the browser): the
 * campaign over time (congresses held per day as bars, cumulative held against cumulative planned as lines) and
 * units per step and state.
 */
export async function dashboardCharts(input: ChartInput): Promise<{ burnUp: string; steps: string }> {
  const echarts = await loadEcharts();
  const { campaign, summary, burnUp, lang, t } = input;
  const total = summary.total || 1;
  const burnUpSvg = render(echarts, 320, {
    legend: {
      top: 4,
      textStyle: { fontSize: 15 },
      data: [t(lang, "dash-chart-per-day"), t(lang, "chart-held"), t(lang, "chart-planned")],
    },
    grid: { left: 44, right: 36, top: 44, bottom: 32 },
    xAxis: {
      type: "category",
      data: burnUp.days.map((d) => formatDmy(d).slice(0, 5)),
      axisLabel: { interval: Math.max(0, Math.floor(burnUp.days.length / 5) - 1) },
    },
    yAxis: [
      { type: "value", minInterval: 1 },
      // Per day on its own scale, kept to the lower third so that the bars do not hide the lines.
      {
        type: "value",
        minInterval: 1,
        max: Math.max(3, 3 * Math.max(0, ...burnUp.perDay)),
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: t(lang, "dash-chart-per-day"),
        type: "bar",
        yAxisIndex: 1,
        itemStyle: { color: "#90caf9" },
        data: burnUp.perDay,
      },
      {
        name: t(lang, "chart-planned"),
        type: "line",
        showSymbol: false,
        lineStyle: { type: "dashed", color: COLORS.planned },
        itemStyle: { color: COLORS.planned },
        data: burnUp.planned,
      },
      {
        name: t(lang, "chart-held"),
        type: "line",
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        lineStyle: { color: COLORS.done, width: 3 },
        itemStyle: { color: COLORS.done },
        data: burnUp.held,
      },
    ],
  });
  const steps = campaign.milestones.filter((m) => m.key !== "plan");
  const countsOf = (key: string) => summary.steps.find((s) => s.key === key)!.counts;
  const stepsSvg = render(echarts, 60 + steps.length * 44, {
    legend: {
      top: 4,
      textStyle: { fontSize: 15 },
      data: [t(lang, "state-done"), t(lang, "state-due"), t(lang, "state-late"), t(lang, "chart-other")],
    },
    grid: { left: 150, right: 20, top: 44, bottom: 24 },
    xAxis: { type: "value", max: total },
    yAxis: { type: "category", inverse: true, data: steps.map((m) => m.short[lang]) },
    series: (["done", "due", "late", "other"] as const).map((state) => ({
      name: t(lang, state === "other" ? "chart-other" : `state-${state}`),
      type: "bar",
      stack: "units",
      itemStyle: { color: COLORS[state] },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : "") },
      data: steps.map((m) => {
        const c = countsOf(m.key);
        return state === "other" ? c.open + c.unknown + c.skipped : c[state];
      }),
    })),
  });
  return { burnUp: burnUpSvg, steps: stepsSvg };
}
