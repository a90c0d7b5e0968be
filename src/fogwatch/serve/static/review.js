// Review forms: send the token as an Authorization header (the server checks it before reading the
// body), remember it for this tab, and show the server's answer. Never builds HTML from strings.
(function () {
  "use strict";
  const KEY = "fogwatch-token";

  async function submit(form, event) {
    event.preventDefault();
    const field = form.querySelector("input[name=token]");
    const status = form.querySelector(".status");
    const token = field ? field.value : "";
    sessionStorage.setItem(KEY, token);
    const body = new URLSearchParams(new FormData(form));
    body.delete("token");
    status.textContent = "saving…";
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Authorization": "Bearer " + token, "Accept": "application/json" },
      });
    } catch (error) {
      status.textContent = "could not reach the server";
      return;
    }
    if (response.ok) {
      window.location.reload();
      return;
    }
    let message = "refused (" + response.status + ")";
    try {
      const data = await response.json();
      if (data && data.error && data.error.message) message = data.error.message;
    } catch (error) { /* keep the status line */ }
    status.textContent = message;
  }

  for (const form of document.querySelectorAll("form.fw-review")) {
    const field = form.querySelector("input[name=token]");
    const saved = sessionStorage.getItem(KEY);
    if (field && saved && !field.value) field.value = saved;
    form.addEventListener("submit", function (event) { submit(form, event); });
  }
})();
