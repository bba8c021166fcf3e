// Dashboard charts (Chart.js, vendored). Data comes from the json_script "chart-data"; each bar
// links to the filtered list behind it, as the tables do.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const series = data[canvas.dataset.chart];
    if (!series || !series.values.length) {
      const note = document.createElement("p");
      note.className = "text-muted small mb-0";
      note.textContent = "Chưa có số liệu.";
      canvas.replaceWith(note);
      return;
    }
    const horizontal = canvas.dataset.horizontal === "1";
    const chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: series.labels,
        datasets: [{ label: series.label, data: series.values, backgroundColor: "#4a6fa5", maxBarThickness: 48 }],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
        onHover: (event, elements) => {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: (event, elements) => {
          if (elements.length && series.urls[elements[0].index]) {
            window.location.href = series.urls[elements[0].index];
          }
        },
      },
    });
    canvas.chart = chart;
  });
});
