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
