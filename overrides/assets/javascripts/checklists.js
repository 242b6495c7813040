/* Checklists that can be ticked during a call: ticks are kept in this browser only (localStorage, per page
   and list) and survive a reload; a "clear" button under each list resets it. Without JavaScript the
   checklist is still a plain list. */
(function () {
  "use strict";
  var ui = (function () {
    var data = document.getElementById("handbook-ui");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  })();
  var label = function (name) { return typeof ui[name] === "string" ? ui[name] : ""; };

  function storageKey(list, index) {
    return "handbook:checklist:" + location.pathname + ":" + index;
  }

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }

  function setUp(list, index) {
    var boxes = Array.prototype.slice.call(list.querySelectorAll('input[type="checkbox"]'));
    var key = storageKey(list, index);
    var ticked = read(key);
    boxes.forEach(function (box, i) {
      box.disabled = false;
      // Material puts the item's text outside the checkbox's label; name the box after its item.
      box.setAttribute("aria-label", box.closest("li").textContent.trim());
      box.checked = ticked.indexOf(i) !== -1;
      box.addEventListener("change", function () {
        var state = boxes.map(function (b, j) { return b.checked ? j : -1; })
                         .filter(function (j) { return j !== -1; });
        try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: no memory */ }
      });
    });
    var status = document.createElement("p");
    status.className = "checklist-status";
    status.setAttribute("role", "status");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button checklist-clear";
    clear.textContent = label("checklist-clear");
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      try { localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
      status.textContent = label("checklist-cleared");
    });
    list.insertAdjacentElement("afterend", status);
    list.insertAdjacentElement("afterend", clear);
  }

  function init() {
    var lists = document.querySelectorAll(".md-content ul.task-list");
    Array.prototype.forEach.call(lists, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
