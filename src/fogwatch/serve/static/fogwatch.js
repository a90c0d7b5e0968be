// Fogwatch UI: a popover for highlighted claims and token memory for review forms.
// It never builds HTML from strings: popovers are clones of cards the server already rendered (escaped).
(function () {
  "use strict";
  let open = null;

  function close() {
    if (open) { open.remove(); open = null; }
  }

  function show(mark) {
    close();
    const pop = document.createElement("div");
    pop.className = "popover";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", "claim details");
    const button = document.createElement("button");
    button.className = "close";
    button.type = "button";
    button.setAttribute("aria-label", "close");
    button.textContent = "×";
    button.addEventListener("click", close);
    pop.appendChild(button);
    for (const id of (mark.dataset.claims || "").split(" ")) {
      const card = id && document.getElementById(id);
      if (!card) continue;
      const copy = card.cloneNode(true);
      copy.removeAttribute("id");
      pop.appendChild(copy);
    }
    document.body.appendChild(pop);
    const box = mark.getBoundingClientRect();
    const width = pop.offsetWidth;
    const left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 8));
    pop.style.left = left + "px";
    pop.style.top = (window.scrollY + box.bottom + 6) + "px";
    open = pop;
    button.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    const mark = event.target.closest && event.target.closest("a.hl");
    if (mark) {
      event.preventDefault();
      show(mark);
      return;
    }
    if (open && !open.contains(event.target)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });

  // Review forms: remember the token for this tab so it is typed once.
  const KEY = "fogwatch-token";
  for (const field of document.querySelectorAll("form.review input[name=token]")) {
    const saved = sessionStorage.getItem(KEY);
    if (saved && !field.value) field.value = saved;
    field.form.addEventListener("submit", function () { sessionStorage.setItem(KEY, field.value); });
  }
})();
