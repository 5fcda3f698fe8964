// Draws each dashboard chart (curation/charts.py) from the JSON beside its canvas with
// Chart.js; the same numbers stand in the table under it.
(function () {
  "use strict";
  // Three hues and their tints, as on the public site; a legend names each series.
  const PALETTE = ["#b71c1c", "#1565c0", "#c8a04a", "#e57373", "#64b5f6", "#8d6e63", "#9e9e9e", "#ef9a9a"];

  function draw(figure) {
    if (figure.dataset.drawn || typeof Chart === "undefined") {
      return;
    }
    figure.dataset.drawn = "true";
    const spec = JSON.parse(document.getElementById(figure.dataset.chart).textContent);
    const colours = spec.kind === "doughnut" || spec.series.length === 1;
    const datasets = spec.series.map(function (series, index) {
      return {
        label: series.name,
        data: series.values,
        backgroundColor: colours && spec.kind === "doughnut"
          ? spec.labels.map(function (_label, i) { return PALETTE[i % PALETTE.length]; })
          : PALETTE[index % PALETTE.length],
        borderColor: spec.kind === "line" ? PALETTE[index % PALETTE.length] : undefined,
      };
    });
    const axes = spec.kind === "doughnut" ? {} : {
      x: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0 } },
      y: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0 } },
    };
    new Chart(figure.querySelector("canvas"), {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? "y" : "x",
        scales: axes,
        plugins: { legend: { display: spec.series.length > 1 || spec.kind === "doughnut", position: "bottom" } },
      },
    });
  }

  function drawAll() {
    document.querySelectorAll("figure[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
