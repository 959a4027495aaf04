// The comparison form's run-time estimate, kept up to date as the fields change (no inline script).
// Its words come translated from the page (data-text-* with {work}, {max}, {minutes}): one catalogue.
(function () {
  var form = document.getElementById("vergelijk");
  if (!form) { return; }
  var perUnit = parseFloat(form.dataset.secondsPerUnit), maxWork = parseFloat(form.dataset.maxWork);
  var out = document.getElementById("schatting");
  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function update() {
    var scenarios = ["scenario0", "scenario1", "scenario2"].filter(function (n) {
      var field = form.elements[n]; return field && field.value;
    }).length;
    var draws = parseInt(form.elements.trekkingen.value, 10), scale = parseFloat(form.elements.schaal.value);
    if (!(draws > 0 && scale > 0 && scenarios > 0)) { return; }
    var work = draws * scenarios * scale, minutes = Math.max(1, Math.round(work * perUnit / 60));
    var values = { work: work.toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }), max: maxWork, minutes: minutes };
    out.textContent = say(work > maxWork ? form.dataset.textTooMuch : form.dataset.textTime, values);
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
