// The evidence panel inside a host's frame (template embed.html). A static file: the Content-Security-Policy
// runs no inline script. It listens for {type: "evidence-cds:evaluate", profile, trial} from the allowed host
// origins, asks the server for the panel's new content (POST /embed/panel: HTML from the same template as the
// first answer), and posts to the host {type: "evidence-cds:ready"}, {type: "evidence-cds:result", result}
// and {type: "evidence-cds:resize", height} whenever the panel's height changes.
(function () {
  'use strict';

  function readJson(element) {
    if (!element || !element.textContent.trim()) {
      return null;
    }
    return JSON.parse(element.textContent);
  }

  var config = readJson(document.getElementById('panel-config')) || {};
  var own = window.location.origin;
  var allowed = config.allowedOrigins || [];
  // the host may be this server (the demo form) or one of the configured origins; postMessage drops the others
  var hosts = [own].concat(allowed.filter(function (o) { return o !== own; }));
  var panel = document.getElementById('panel');
  var framed = window.parent !== window;

  function tell(message) {
    if (!framed) {
      return;
    }
    hosts.forEach(function (origin) { window.parent.postMessage(message, origin); });
  }

  function publishResult() {
    var result = readJson(panel.querySelector('.panel-result'));
    if (result) {
      tell({type: 'evidence-cds:result', result: result});
    }
  }

  // the whole page's height, so that the host can size its frame to it (no scroll bar inside, no blank space)
  var lastHeight = -1;
  function reportHeight() {
    var style = window.getComputedStyle(document.body);
    var height = Math.ceil(document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (height !== lastHeight) {
      lastHeight = height;
      tell({type: 'evidence-cds:resize', height: height});
    }
  }

  function showProblem(text) {
    var body = document.createElement('div');
    body.className = 'panel-body';
    var box = document.createElement('div');
    box.className = 'error';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
    body.appendChild(box);
    panel.replaceChildren(body);
    reportHeight();
    tell({type: 'evidence-cds:result', result: {problem: text, summaryText: text}});
  }

  function show(html) {
    // the server's HTML, escaped by its template; parsed inertly (no script in it runs, and the policy allows none)
    var parsed = new DOMParser().parseFromString(html, 'text/html');
    var body = parsed.querySelector('.panel-body');
    if (!body) {
      showProblem('The evidence panel could not read the server\'s answer. Please try again.');
      return;
    }
    panel.replaceChildren(document.importNode(body, true));
    reportHeight();
    publishResult();
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || (event.origin !== own && allowed.indexOf(event.origin) < 0)) {
      return;
    }
    var data = event.data;
    if (!data || data.type !== 'evidence-cds:evaluate') {
      return;
    }
    var request = {trial: data.trial || config.trial || null, profile: data.profile || {}};
    fetch('/embed/panel', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'text/html'}, body: JSON.stringify(request)})
      .then(function (response) {
        if ((response.headers.get('Content-Type') || '').indexOf('text/html') < 0) {
          throw new Error('status ' + response.status);
        }
        return response.text();
      })
      .then(show)
      .catch(function () { showProblem('The evidence panel could not get an answer from the server. Please try again.'); });
  });

  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(reportHeight).observe(document.body);
  } else {
    window.addEventListener('resize', reportHeight);
  }
  tell({type: 'evidence-cds:ready'});
  publishResult();
  reportHeight();
})();
