// Provenance drawing: pointing at or focusing an outlet (in the drawing or the list) lights exactly
// its path(s); everything else fades. Reads data attributes only; never builds HTML.
(function () {
  "use strict";
  for (const box of document.querySelectorAll(".provenance-graph")) {
    const parts = box.querySelectorAll("[data-path], [data-paths]");

    function light(ids) {
      box.classList.add("lighting");
      for (const el of parts) {
        const own = el.dataset.path ? [el.dataset.path] : el.dataset.paths.split(" ");
        el.classList.toggle("lit", own.some(function (id) { return ids.has(id); }));
      }
    }

    function clear() {
      box.classList.remove("lighting");
      for (const el of parts) el.classList.remove("lit");
    }

    for (const target of box.querySelectorAll("[data-light]")) {
      const ids = new Set(target.dataset.light.split(" "));
      target.addEventListener("mouseenter", function () { light(ids); });
      target.addEventListener("focus", function () { light(ids); });
      target.addEventListener("mouseleave", clear);
      target.addEventListener("blur", clear);
    }
  }
})();
