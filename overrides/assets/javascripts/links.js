/* Links that keep working: a "copy link" button beside every section heading, with the same link in each wiki's
   own syntax one button further (the forms come from the build, in a JSON block), a language switch that keeps
   the reader's #section (mkdocs-static-i18n's switcher drops it), and old section IDs sent on to their new
   place (the table comes from `extra: section_redirects` in mkdocs.yml). A preview build (site_url still a
   placeholder) writes its links relative to the site's root; they are resolved against the address this page
   was served from, so what is copied always leads somewhere. */
(function () {
  "use strict";
  /* This script lives at assets/javascripts/ below the site's root, wherever the site is served. */
  var siteRoot = new URL("../../", document.currentScript ? document.currentScript.src : location.href).href;
  var absolute = function (url) { return new URL(url, siteRoot).href; };
  var ui = (function () {
    var data = document.getElementById("handbook-ui");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  })();
  var label = function (name) { return typeof ui[name] === "string" ? ui[name] : ""; };

  function redirects() {
    return ui["section-redirects"] || {};
  }

  function pageSlug() {
    var path = location.href.split("#")[0].split("?")[0];
    path = path.indexOf(siteRoot) === 0 ? path.slice(siteRoot.length) : location.pathname;
    var parts = path.replace(/index\.html$/, "").split("/").filter(Boolean);
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

  var FORMS = ["url", "markdown", "html", "mediawiki", "confluence"];
  var linkForms = (function () {
    var data = document.getElementById("handbook-link-forms");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  })();

  /* A section's forms with its address made absolute; a form holds the address exactly as its `url` form does. */
  function resolvedForms(forms) {
    var resolved = {};
    var url = forms.url, full = typeof url === "string" ? absolute(url) : url;
    Object.keys(forms).forEach(function (form) {
      resolved[form] = full === url ? forms[form] : forms[form].split(url).join(full);
    });
    return resolved;
  }

  function formCopied(name) {
    return label("form-copied").replace("{form}", name);
  }

  function button(className, text, name) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    element.setAttribute("aria-label", name);
    return element;
  }

  /* A disclosure button beside the copy button; it opens a group with one button per wiki form. */
  function addFormButtons(heading, title, status) {
    if (!linkForms[heading.id]) return;
    var forms = resolvedForms(linkForms[heading.id]);
    var toggle = button("copy-forms", "wiki", label("copy-forms") + ": " + title);
    toggle.title = label("copy-forms");
    toggle.setAttribute("aria-expanded", "false");
    var group = document.createElement("span");
    group.className = "copy-forms-menu";
    group.id = "copy-forms-" + heading.id;
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label("copy-forms") + ": " + title);
    group.hidden = true;
    toggle.setAttribute("aria-controls", group.id);
    function show(open) {
      group.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.addEventListener("click", function () { show(group.hidden); });
    group.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { show(false); toggle.focus(); }
    });
    FORMS.forEach(function (form) {
      if (typeof forms[form] !== "string") return;
      var name = label("form-" + form);
      var item = button("copy-form", name, label("copy-as").replace("{form}", name) + ": " + title);
      item.setAttribute("data-form", form);
      item.addEventListener("click", function () {
        copy(forms[form]).then(function () { status.textContent = formCopied(name); });
      });
      group.appendChild(item);
    });
    heading.appendChild(toggle);
    heading.appendChild(group);
  }

  function addCopyButtons() {
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      var title = heading.textContent.replace("¶", "").trim();
      var copyButton = button("copy-link", "#", label("copy-link") + ": " + title);
      copyButton.title = label("copy-link");
      var status = document.createElement("span");
      status.className = "copy-link-status";
      status.setAttribute("role", "status");
      copyButton.addEventListener("click", function () {
        copy(sectionUrl(heading.id)).then(function () { status.textContent = label("link-copied"); });
      });
      heading.appendChild(copyButton);
      addFormButtons(heading, title, status);
      heading.appendChild(status);
    });
    var listed = document.querySelectorAll("button.copy-url[data-url]");
    Array.prototype.forEach.call(listed, function (listedButton) {
      var status = listedButton.nextElementSibling;
      var url = listedButton.getAttribute("data-url"), full = absolute(url);
      var row = listedButton.closest("tr");
      if (row && full !== url) {
        var shown = row.querySelector("code");
        if (shown && shown.textContent === url) shown.textContent = full;
        Array.prototype.forEach.call(row.querySelectorAll("button.copy-form[data-copy]"), function (formButton) {
          formButton.setAttribute("data-copy", formButton.getAttribute("data-copy").split(url).join(full));
        });
      }
      listedButton.addEventListener("click", function () {
        copy(full).then(function () {
          if (status) status.textContent = label("link-copied");
        });
      });
    });
    var listedForms = document.querySelectorAll("button.copy-form[data-copy]");
    Array.prototype.forEach.call(listedForms, function (formButton) {
      var status = formButton.parentElement.querySelector(".copy-link-status");
      formButton.addEventListener("click", function () {
        copy(formButton.getAttribute("data-copy")).then(function () {
          if (status) status.textContent = formCopied(formButton.textContent);
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
