// The insights page's charts. Each table marked data-chart is the source of truth; its chart
// (the canvas marked data-chart-for with the table's id) is drawn from the table's rows, so the
// figures a screen reader or a copy-paste reads are the ones the chart shows.
(function () {
  function rows(table) {
    return Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  }
  function hours(seconds) {
    return Math.round((Number(seconds) / 3600) * 100) / 100;
  }
  function draw(table, canvas) {
    var data = rows(table);
    var labels = data.map(function (r) { return r.getAttribute("data-label"); });
    var datasets;
    var axis;
    if (table.getAttribute("data-chart") === "waits") {
      axis = "hours";
      datasets = [
        { label: "Median (h)", data: data.map(function (r) { return hours(r.getAttribute("data-p50")); }), backgroundColor: "#4f46e5" },
        { label: "90th percentile (h)", data: data.map(function (r) { return hours(r.getAttribute("data-p90")); }), backgroundColor: "#b45309" }
      ];
    } else {
      axis = "decisions";
      datasets = [
        { label: "Decisions", data: data.map(function (r) { return Number(r.getAttribute("data-count")); }), backgroundColor: "#b91c1c" }
      ];
    }
    canvas.parentNode.style.height = Math.max(160, 48 + data.length * 36) + "px";
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true, title: { display: true, text: axis } } }
      }
    });
  }
  function start() {
    if (!window.Chart) return; // the tables stand on their own
    document.querySelectorAll("table[data-chart]").forEach(function (table) {
      var canvas = document.querySelector('canvas[data-chart-for="' + table.id + '"]');
      if (canvas) draw(table, canvas);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
