// Wayhome's own script: what the pages once did in inline handlers, here so that the
// Content-Security-Policy (wayhome.web.security) allows scripts from this site only,
// with no 'unsafe-inline'. Everything else is htmx, driven by hx-* attributes.

// A range input names the <output> that shows its value: data-output="id".
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.output) return;
  const output = document.getElementById(input.dataset.output);
  if (output) output.value = input.value;
});

// The header's menus (<details class="menu">, partials/nav.html) work without this; with
// it, one is open at a time, Escape closes it (focus back on its name), and a click
// elsewhere closes it.
document.addEventListener("toggle", (event) => {
  const opened = event.target;
  if (!(opened instanceof HTMLDetailsElement) || !opened.matches(".menu") || !opened.open) return;
  for (const other of document.querySelectorAll("details.menu[open]")) {
    if (other !== opened) other.open = false;
  }
}, true);
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = document.querySelector("details.menu[open]");
  if (!open) return;
  open.open = false;
  open.querySelector("summary").focus();
});
document.addEventListener("click", (event) => {
  for (const open of document.querySelectorAll("details.menu[open]")) {
    if (!open.contains(event.target)) open.open = false;
  }
});

// A field's hint (how a date or specialty just typed is read) is asked for when the field
// loses focus, which pressing "Next" or "Save" does. Arriving while the button is still
// held, it would push the button down a line or two, and a press and a release on
// different elements is no click: the page would not be sent, without a word. So a hint
// that arrives while a pointer is down waits for the release (and the click it makes).
let pointerDown = false;
const heldHints = [];
document.addEventListener("pointerdown", () => { pointerDown = true; }, true);
const released = () => {
  pointerDown = false;
  // After this event's click has run: the page may already be on its way.
  setTimeout(() => {
    for (const [target, text] of heldHints.splice(0)) htmx.swap(target, text, {swapStyle: "innerHTML"});
  }, 0);
};
document.addEventListener("pointerup", released, true);
document.addEventListener("pointercancel", released, true);
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (!pointerDown || !(target instanceof Element) || !target.matches(".hint")) return;
  event.detail.shouldSwap = false;
  heldHints.push([target, event.detail.serverResponse]);
});
