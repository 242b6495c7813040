/* Offline reading: registers the site's service worker (sw.js at the site root) and asks it to keep this page's
   language. Offline, the language switch says which languages were not kept on this device. Without service
   workers (or JavaScript) the site simply needs the network, as before. */
(function () {
  "use strict";
  var ui = (function () {
    var data = document.getElementById("handbook-ui");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  })();
  if (!("serviceWorker" in navigator) || typeof ui["offline-worker"] !== "string") return;
  var lang = document.documentElement.lang;

  function keepLanguage(registration) {
    var worker = registration.active || registration.waiting || registration.installing;
    if (worker) worker.postMessage({ cache: lang });
  }

  function markMissingLanguages() {
    if (navigator.onLine || !window.caches) return;
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      if (link.getAttribute("hreflang") === lang || link.dataset.offlineChecked) return;
      link.dataset.offlineChecked = "1";
      caches.match(link.href, { ignoreSearch: true }).then(function (hit) {
        if (hit) return;
        link.setAttribute("aria-disabled", "true");
        link.classList.add("handbook-offline-missing");
        var note = document.createElement("span");
        note.className = "handbook-offline-note";
        note.textContent = " (" + (ui["offline-missing"] || "offline") + ")";
        link.appendChild(note);
      });
    });
  }

  // After the page has loaded: keeping the language offline never competes with the first paint.
  window.addEventListener("load", function () {
    navigator.serviceWorker
      .register(new URL(ui["offline-worker"], location.href).href, { updateViaCache: "none" })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(keepLanguage)
      .catch(function () { /* no worker (a live preview has none): the site stays online-only */ });
  });
  markMissingLanguages();
  window.addEventListener("offline", markMissingLanguages);
})();
