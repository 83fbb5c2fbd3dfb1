// The demo screening form (template demo.html): checks each detail before anything is sent (a number within
// the field's limits; a decimal comma is read as a point), shows each error beside its field, sends the
// details to the embedded evidence panel with postMessage, stores the panel's summary in words with the
// record, and sizes the panel's frame to the height the panel reports. Messages only from this origin.
(function () {
  'use strict';

  var form = document.getElementById('screening');
  var frame = document.getElementById('panel');
  var status = document.getElementById('status');
  var stored = document.getElementById('evidenceSummary');
  var own = window.location.origin;
  var panelReady = false;
  var pending = null;

  var PLAIN = /^-?\d+(\.\d+)?$/;
  var COMMA = /^-?\d+,\d+$/;

  function setError(input, message) {
    var error = document.getElementById(input.dataset.error);
    if (message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    } else {
      error.textContent = '';
      error.hidden = true;
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  // the number a field holds, null when empty; an error message when it is not a number within the limits
  function check(input) {
    var text = input.value.trim();
    if (text === '') {
      return {value: null};
    }
    if (COMMA.test(text)) {
      text = text.replace(',', '.');
    }
    if (!PLAIN.test(text)) {
      return {error: input.dataset.label + ': enter a number, for example 12.5 (entered: “' + input.value.trim() + '”).'};
    }
    var value = Number(text);
    var whole = input.dataset.whole === 'true';
    if (value < Number(input.dataset.min) || value > Number(input.dataset.max) || (whole && value !== Math.round(value))) {
      return {error: input.dataset.label + ': must be ' + input.dataset.limits + ' (entered: ' + input.value.trim() + ').'};
    }
    return {value: value, text: text};
  }

  function send(message) {
    if (!panelReady) {
      pending = message;
      return;
    }
    frame.contentWindow.postMessage(message, own);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var profile = {};
    var firstInvalid = null;
    var invalid = 0;
    form.querySelectorAll('input[data-error]').forEach(function (input) {
      var result = check(input);
      setError(input, result.error);
      if (result.error) {
        invalid++;
        firstInvalid = firstInvalid || input;
      } else if (result.value !== null) {
        input.value = result.text;
        profile[input.name] = result.value;
      }
    });
    if (invalid) {
      status.textContent = (invalid === 1 ? 'One detail needs' : invalid + ' details need') + ' correcting (marked above): nothing was sent.';
      firstInvalid.focus();
      return;
    }
    form.querySelectorAll('select[name]').forEach(function (select) {
      if (select.value && select.name !== 'trial' && select.name !== 'consent') {
        profile[select.name] = select.value;
      }
    });
    var message = {type: 'evidence-cds:evaluate', profile: profile};
    if (form.elements.trial.value) {
      message.trial = form.elements.trial.value;
    }
    stored.value = '';
    status.textContent = 'Asking the evidence panel…';
    send(message);
  });

  function panelLoaded() {
    if (!panelReady) {
      panelReady = true;
      if (pending) {
        var message = pending;
        pending = null;
        send(message);
      }
    }
  }
  // the panel says it is ready; should that message have come before this script listened, its load event still tells
  frame.addEventListener('load', panelLoaded);
  if (frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentWindow.location.href !== 'about:blank') {
    panelLoaded();
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== own || event.source !== frame.contentWindow || !event.data) {
      return;
    }
    var data = event.data;
    if (data.type === 'evidence-cds:ready') {
      panelLoaded();
    } else if (data.type === 'evidence-cds:resize' && typeof data.height === 'number' && isFinite(data.height)) {
      // set through the CSS object model, which the policy allows (style attributes in markup it does not)
      frame.style.height = Math.max(48, Math.min(Math.round(data.height), 20000)) + 'px';
    } else if (data.type === 'evidence-cds:result' && data.result) {
      var result = data.result;
      stored.value = result.summaryText || '';
      if (result.errors || result.problem) {
        status.textContent = 'The evidence panel could not use these details: see the panel.';
      } else {
        status.textContent = (result.screening ? 'Trial ' + result.screening.trial + ': ' + result.screening.verdictLabel + '. ' : '')
          + 'Evidence summary stored with the record.';
      }
    }
  });
})();
