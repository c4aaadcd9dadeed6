// Draws the dashboard charts from the JSON the server embedded (#chart-data); redraws after
// htmx swaps the report in for another period.
(function () {
  const palette = ["#2f5bea", "#1f9d55", "#b7791f", "#c53030", "#6b46c1", "#2c7a7b", "#d53f8c", "#718096"];
  const charts = [];

  function num(values) { return values.map(Number); }
  // 1234567 -> "1.2M": axis labels stay short on a phone.
  const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
  const axis = { type: "value", axisLabel: { formatter: v => compact.format(v) } };

  function draw() {
    charts.splice(0).forEach(c => c.dispose());
    const node = document.getElementById("chart-data");
    if (!node || !window.echarts) return;
    const d = JSON.parse(node.textContent);
    const base = { color: palette, grid: { left: 64, right: 24, top: 36, bottom: 40 }, tooltip: { trigger: "axis" } };
    const make = (name, option, empty) => {
      const el = document.querySelector(`[data-chart="${name}"]`);
      if (!el) return;
      if (empty) {
        el.innerHTML = '<p class="muted empty-chart">Nothing in this period.</p>';
        return;
      }
      const chart = echarts.init(el);
      chart.setOption(Object.assign({}, base, option));
      charts.push(chart);
    };
    make("revenue-by-month", {
      legend: { top: 0 },
      xAxis: { type: "category", data: d.months },
      yAxis: axis,
      series: [
        { name: "Revenue", type: "bar", data: num(d.revenue) },
      ].concat(d.revenue_prior_year.some(v => Number(v) !== 0)
        ? [{ name: "Same month, year before", type: "line", data: num(d.revenue_prior_year), smooth: true }]
        : []),
    }, d.months.length === 0);
    make("revenue-by-source", {
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["40%", "70%"], data: d.sources.map((s, i) => ({ name: s, value: Number(d.revenue_by_source[i]) })) }],
    }, d.sources.length === 0);
    make("leads-by-source", {
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 70 },
      xAxis: { type: "category", data: d.lead_sources, axisLabel: { rotate: 30 } },
      yAxis: [Object.assign({ name: "leads" }, axis), { type: "value", name: "%", max: 100 }],
      series: [
        { name: "Leads", type: "bar", data: d.leads },
        { name: "Converted", type: "bar", data: d.converted },
        { name: "Conversion %", type: "line", yAxisIndex: 1, data: num(d.conversion) },
      ],
    }, d.lead_sources.length === 0);
    make("pipeline", {
      grid: { left: 150, right: 24, top: 16, bottom: 30 },
      xAxis: axis,
      yAxis: { type: "category", data: d.stages, inverse: true },
      series: [{ name: "Open amount", type: "bar", data: num(d.stage_amounts) }],
    }, d.stages.length === 0);
    make("cac-by-source", {
      grid: { left: 110, right: 24, top: 16, bottom: 30 },
      xAxis: axis,
      yAxis: { type: "category", data: d.cac_sources, inverse: true },
      series: [{ name: "CAC", type: "bar", data: d.cac.map(v => (v === null ? null : Number(v))) }],
    }, d.cac_sources.length === 0);
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
  window.addEventListener("resize", () => charts.forEach(c => c.resize()));
})();
