// The comparison form's run-time estimate, kept up to date as the fields change (no inline script).
(function () {
  var form = document.getElementById("vergelijk");
  if (!form) { return; }
  var perUnit = parseFloat(form.dataset.secondsPerUnit), maxWork = parseFloat(form.dataset.maxWork);
  var nl = form.dataset.lang === "nl", out = document.getElementById("schatting");
  function update() {
    var scenarios = ["scenario0", "scenario1", "scenario2"].filter(function (n) {
      var field = form.elements[n]; return field && field.value;
    }).length;
    var draws = parseInt(form.elements.trekkingen.value, 10), scale = parseFloat(form.elements.schaal.value);
    if (!(draws > 0 && scale > 0 && scenarios > 0)) { return; }
    var work = draws * scenarios * scale, minutes = Math.max(1, Math.round(work * perUnit / 60));
    if (work > maxWork) {
      out.textContent = nl
        ? "Te veel voor deze server: trekkingen x scenario's x schaal is " + work.toFixed(1) + ", ten hoogste " + maxWork + "."
        : "Too much for this server: draws x scenarios x scale is " + work.toFixed(1) + ", at most " + maxWork + ".";
    } else {
      out.textContent = nl ? "Rekentijd: ongeveer " + minutes + " minuten." : "Run time: about " + minutes + " minutes.";
    }
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
