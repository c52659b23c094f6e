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
