import type { Lang } from "../config.ts";
import { formatDmy } from "../dates.ts";
import { CHART_FONT_FILES } from "../paths.ts";
import type { Translate } from "../translate.ts";
import { milestoneShort, type Campaign } from "./campaign.ts";
import type { CampaignSummary } from "./views.ts";

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 900;
const COLORS = {
  done: "#2e7d32",
  due: "#f9a825",
  late: "#c62828",
  other: "#b0bec5",
  planned: "#1565c0",
  held: "#2e7d32",
};

/**
 * The campaign as a picture: units per step and state (done, due soon, late, the rest) and, over the campaign's
 * days, congresses held against planned (a burn-up). Drawn on the server without a browser: echarts renders SVG,
 * resvg draws it to PNG with Noto Sans, so Vietnamese diacritics come out right.
 */
export type ChartInput = {
  campaign: Campaign;
  summary: CampaignSummary;
  burnUp: { days: string[]; held: number[]; planned: number[] };
  lang: Lang;
  translate: Translate;
};

export async function progressChartPng(input: ChartInput): Promise<Buffer> {
  return svgToPng(await progressChartSvg(input));
}

/** SVG → PNG with Noto Sans (no system fonts: the picture is the same on every machine). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  return new Resvg(svg, {
    font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: "Noto Sans" },
  })
    .render()
    .asPng();
}

/** The chart as SVG (echarts' server-side renderer), labels in `lang`. */
export async function progressChartSvg(input: ChartInput): Promise<string> {
  // Loaded when a chart is drawn, not at start-up (it is large).
  const echarts = await import("echarts");
  const { campaign, summary, burnUp, lang, translate: t } = input;
  const steps = campaign.milestones.filter((m) => m.key !== "plan");
  const countsOf = (key: string) => summary.steps.find((s) => s.key === key)!.counts;
  const series = (state: "done" | "due" | "late" | "other") =>
    steps.map((m) => {
      const c = countsOf(m.key);
      return state === "other" ? c.open + c.unknown + c.skipped : c[state];
    });
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  chart.setOption({
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: "Noto Sans", fontSize: 14 },
    title: [
      {
        text: t(lang, "chart-title", { date: formatDmy(summary.date) }),
        left: "center",
        top: 8,
        textStyle: { fontSize: 20 },
      },
      { text: t(lang, "chart-steps"), left: 20, top: 50, textStyle: { fontSize: 16 } },
      { text: t(lang, "chart-burnup"), left: 20, top: 470, textStyle: { fontSize: 16 } },
    ],
    legend: [
      {
        top: 50,
        right: 20,
        data: [t(lang, "state-done"), t(lang, "state-due"), t(lang, "state-late"), t(lang, "chart-other")],
      },
      { top: 470, right: 20, data: [t(lang, "chart-held"), t(lang, "chart-planned")] },
    ],
    grid: [
      { left: 170, right: 40, top: 90, height: 330 },
      { left: 70, right: 40, top: 510, height: 330 },
    ],
    xAxis: [
      { type: "value", gridIndex: 0, max: summary.total || 1 },
      {
        type: "category",
        gridIndex: 1,
        data: burnUp.days.map((d) => formatDmy(d).slice(0, 5)),
        axisLabel: { interval: Math.max(0, Math.floor(burnUp.days.length / 8) - 1) },
      },
    ],
    yAxis: [
      { type: "category", gridIndex: 0, inverse: true, data: steps.map((m) => milestoneShort(m, lang)) },
      { type: "value", gridIndex: 1, max: summary.total || 1 },
    ],
    series: [
      ...(["done", "due", "late", "other"] as const).map((state) => ({
        name: t(lang, state === "other" ? "chart-other" : `state-${state}`),
        type: "bar",
        stack: "units",
        xAxisIndex: 0,
        yAxisIndex: 0,
        itemStyle: { color: COLORS[state] },
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : "") },
        data: series(state),
      })),
      {
        name: t(lang, "chart-planned"),
        type: "line",
        xAxisIndex: 1,
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { type: "dashed", color: COLORS.planned },
        itemStyle: { color: COLORS.planned },
        data: burnUp.planned,
      },
      {
        name: t(lang, "chart-held"),
        type: "line",
        xAxisIndex: 1,
        yAxisIndex: 1,
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        lineStyle: { color: COLORS.held, width: 3 },
        itemStyle: { color: COLORS.held },
        data: burnUp.held,
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
