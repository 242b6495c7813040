/* Links that keep working: a "copy link" button beside every section heading, a language switch that keeps
   the reader's #section (mkdocs-static-i18n's switcher drops it), and old section IDs sent on to their new
   place (the table comes from `extra: section_redirects` in mkdocs.yml). */
(function () {
  "use strict";
  var ui = (function () {
    var data = document.getElementById("handbook-ui");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  })();
  var label = function (name) { return typeof ui[name] === "string" ? ui[name] : ""; };

  function redirects() {
    return ui["section-redirects"] || {};
  }

  function pageSlug() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var path = canonical ? new URL(canonical.href).pathname : location.pathname;
    var parts = path.split("/").filter(Boolean);
    var lang = document.documentElement.lang;
    if (parts.length && parts[0] === lang) parts.shift();
    return parts.join("/") || "index";
  }

  function followRenamedSection() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var target = redirects()[pageSlug() + "#" + id];
    if (!target) return;
    var parts = target.split("#");
    if (parts[0] === pageSlug()) {
      location.replace("#" + parts[1]);
    } else {
      var prefix = pageSlug() === "index" ? "" : "../";
      location.replace(prefix + (parts[0] === "index" ? "" : parts[0] + "/") + "#" + parts[1]);
    }
  }

  function sectionUrl(id) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href.split("#")[0] : location.href.split("#")[0];
    return base + "#" + id;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  function addCopyButtons() {
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.setAttribute("aria-label", label("copy-link") + ": " + heading.textContent.replace("¶", "").trim());
      button.title = label("copy-link");
      button.textContent = "#";
      var status = document.createElement("span");
      status.className = "copy-link-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copy(sectionUrl(heading.id)).then(function () { status.textContent = label("link-copied"); });
      });
      heading.appendChild(button);
      heading.appendChild(status);
    });
    var listed = document.querySelectorAll("button.copy-url[data-url]");
    Array.prototype.forEach.call(listed, function (button) {
      var status = button.nextElementSibling;
      button.addEventListener("click", function () {
        copy(button.getAttribute("data-url")).then(function () {
          if (status) status.textContent = label("link-copied");
        });
      });
    });
  }

  function keepSectionOnLanguageSwitch() {
    var links = document.querySelectorAll("a[hreflang]");
    function update() {
      Array.prototype.forEach.call(links, function (link) {
        var href = link.getAttribute("href").split("#")[0];
        link.setAttribute("href", href + location.hash);
      });
    }
    update();
    window.addEventListener("hashchange", update);
    // Material's own switcher looks the page up and navigates without the #hash; the link already points
    // to the same page in the other language, so follow it as it is, section included.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[hreflang]");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      location.href = link.href;
    }, true);
  }

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", label("search-dialog"));
  }

  function init() {
    nameSearchDialog();
    followRenamedSection();
    addCopyButtons();
    keepSectionOnLanguageSwitch();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
