// Draws every chart on the page from its JSON data block (no inline script: the CSP forbids it).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("script.chart-data").forEach(function (block) {
    var spec = JSON.parse(block.textContent);
    var target = document.getElementById(block.dataset.target);
    if (target && window.Plotly) {
      window.Plotly.newPlot(target, spec.data, spec.layout, { displaylogo: false, responsive: true });
    }
  });
});
