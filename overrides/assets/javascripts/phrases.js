/* The phrases in the handbook's other language: a reader whose customer speaks it presses the switch (quick help
   has one, in the paragraph marked `.phrases-alongside-switch`) and every phrase box, on every page, shows each
   phrase's wording in that language under the phrase, until they press it again. The choice is remembered in this
   browser, per language of the handbook. Without JavaScript the boxes show their own language only. */
(function () {
  "use strict";
  var ui = (function () {
    var data = document.getElementById("handbook-ui");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  })();
  var label = typeof ui["phrases-alongside"] === "string" ? ui["phrases-alongside"] : "";
  var key = "handbook:phrases-alongside:" + document.documentElement.lang;
  var lines = Array.prototype.slice.call(document.querySelectorAll(".phrases .phrase-alongside"));
  if (!label) return;

  function remembered() {
    try { return localStorage.getItem(key) === "1"; } catch (e) { return false; }
  }

  var places = Array.prototype.slice.call(document.querySelectorAll(".phrases-alongside-switch"));
  var buttons = places.map(function (place) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "phrases-alongside-toggle";
    button.textContent = label;
    place.appendChild(document.createTextNode(" "));
    place.appendChild(button);
    button.addEventListener("click", function () {
      var shown = button.getAttribute("aria-pressed") !== "true";
      try { localStorage.setItem(key, shown ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
      show(shown);
    });
    return button;
  });

  function show(shown) {
    lines.forEach(function (line) { line.hidden = !shown; });
    buttons.forEach(function (button) { button.setAttribute("aria-pressed", shown ? "true" : "false"); });
  }

  show(remembered());
})();
