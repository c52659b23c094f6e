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
