// Progressive enhancement: keeps unfinished answers in this browser only (sessionStorage), never on the server.
(function () {
  var form = document.getElementById('survey-form');
  if (!form || !window.sessionStorage) return;
  var key = 'belonging-progress-' + form.getAttribute('data-progress-key');
  try {
    var saved = JSON.parse(sessionStorage.getItem(key) || '{}');
    Object.keys(saved).forEach(function (name) {
      var fields = form.elements[name];
      if (!fields) return;
      if (fields.tagName === 'TEXTAREA') { if (!fields.value) fields.value = saved[name]; return; }
      Array.prototype.forEach.call(fields.length ? fields : [fields], function (f) { if (f.value === saved[name] && !form.querySelector('[name="' + name + '"]:checked')) f.checked = true; });
    });
  } catch (e) { sessionStorage.removeItem(key); }
  form.addEventListener('change', function () {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || f.name.indexOf('__') === 0 || f.name === '_handler') return;
      if ((f.type === 'radio' && f.checked) || f.tagName === 'TEXTAREA') data[f.name] = f.value;
    });
    sessionStorage.setItem(key, JSON.stringify(data));
  });
  form.addEventListener('submit', function () { sessionStorage.removeItem(key); });
})();
// While typing a comment: a polite, non-blocking note when it may contain identifying details
// (the server checks again, including names on the roster, and asks before sending).
(function () {
  var checks = [
    [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/, 'an e-mail address'],
    [/(^|[^\w])\+?\d[\d\s().-]{5,}\d(?!\w)/, 'a phone number'],
    [/\b(I am|I'm|as|being) the only\b/i, 'that you are "the only" one of something'],
    [/\b(I am|I'm|aged?) \d{2}\b|\b(joined|started|hired) in (19|20)\d{2}\b/i, 'your age or when you joined']
  ];
  Array.prototype.forEach.call(document.querySelectorAll('#survey-form textarea'), function (area) {
    var note = document.createElement('p');
    note.className = 'hint';
    note.setAttribute('aria-live', 'polite');
    note.id = area.id + '-identifying';
    area.insertAdjacentElement('afterend', note);
    area.setAttribute('aria-describedby', (area.getAttribute('aria-describedby') || '') + ' ' + note.id);
    area.addEventListener('input', function () {
      var found = checks.filter(function (c) { return c[0].test(area.value); }).map(function (c) { return c[1]; });
      note.textContent = found.length ? 'Your comment seems to mention ' + found.join(', ') + '. That could identify you or others; consider rephrasing.' : '';
    });
  });
})();
