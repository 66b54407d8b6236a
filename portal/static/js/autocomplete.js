// Progressive enhancement only: the search form works without this file.
// Fills a native <datalist> (announced by screen readers, keyboard-operable) with
// suggestions from /api/v1/suggest as the visitor types.
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("datalist");
  list.id = "q-suggestions";
  input.parentNode.appendChild(list);
  input.setAttribute("list", list.id);
  var lang = document.documentElement.lang || "en";
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var prefix = input.value.trim();
      if (prefix.length < 2 || prefix === last) { return; }
      last = prefix;
      fetch("/api/v1/suggest?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(prefix))
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.suggestions.forEach(function (text) {
            var option = document.createElement("option");
            option.value = text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* no suggestions: the plain search box still works */ });
    }, 200);
  });
})();
