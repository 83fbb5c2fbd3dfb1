// The clinician's page: focus moves to the answer after a submit, and the absolute effects recompute as a
// patient's own risk without cell therapy is typed (the same formulas as the server's AbsoluteEffect).
(function () {
  'use strict';
  var answer = document.getElementById('answer');
  if (answer && window.location.hash === '#answer') {
    answer.focus({preventScroll: false});
  }

  function percent(text) {
    var t = String(text).trim().replace(',', '.').replace('%', '').trim();
    if (!/^\d+(\.\d+)?$/.test(t)) { return null; }
    var p = Number(t);
    return p >= 0 && p <= 100 ? p / 100 : null;
  }
  function apply(measure, p, ratio) {
    return measure === 'OR' ? ratio * p / (1 - p + ratio * p) : Math.min(1, ratio * p);
  }
  function per1000(x) { return Math.round(x * 1000); }
  function difference(d) { return d < 0 ? (-d) + ' fewer' : d + ' more'; }

  document.querySelectorAll('label.risk input').forEach(function (input) {
    var cell = input.closest('td');
    var abs = cell && cell.querySelector('.abs');
    if (!abs) { return; }
    var measure = abs.dataset.measure;
    var ratio = Number(abs.dataset.ratio);
    var low = abs.dataset.low ? Number(abs.dataset.low) : null;
    var high = abs.dataset.high ? Number(abs.dataset.high) : null;
    var defaultControl = abs.dataset.defaultControl ? Number(abs.dataset.defaultControl) : null;
    input.addEventListener('input', function () {
      var p = input.value.trim() === '' ? defaultControl : percent(input.value);
      input.setAttribute('aria-invalid', p === null ? 'true' : 'false');
      if (p === null) { return; }
      var risk = apply(measure, p, ratio);
      abs.querySelector('.ctl').textContent = per1000(p);
      abs.querySelector('.rx').textContent = per1000(risk);
      abs.querySelector('.d').textContent = difference(per1000(risk - p));
      if (low !== null && high !== null) {
        var rl = apply(measure, p, low), rh = apply(measure, p, high);
        abs.querySelector('.rxci').textContent = per1000(rl) + ' to ' + per1000(rh);
        var dci = abs.querySelector('.dci');
        if (dci) { dci.textContent = difference(per1000(rl - p)) + ' to ' + difference(per1000(rh - p)); }
      }
    });
  });
})();
