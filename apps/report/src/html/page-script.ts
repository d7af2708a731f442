/**
 * The script `report.html` runs, as text: draws every figure with vega from the Vega specs in
 * `#lab-figures`, shows hover values in a small box by the pointer, and marks each drawn figure
 * `data-state="drawn"` (or `"failed"`, with the error in the page and on the console).
 * Plain ES2017, no imports: it runs from a file:// page.
 */
export const PAGE_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById('lab-figures').textContent);
  var tip = document.createElement('div');
  tip.className = 'lab-tooltip';
  tip.hidden = true;
  document.body.appendChild(tip);
  function showTip(handler, event, item, value) {
    if (value === undefined || value === null || value === '') { tip.hidden = true; return; }
    var lines = typeof value === 'object'
      ? Object.keys(value).map(function (key) { return key + ': ' + String(value[key]); })
      : [String(value)];
    tip.textContent = lines.join('\\n');
    tip.style.left = (event.pageX + 14) + 'px';
    tip.style.top = (event.pageY + 14) + 'px';
    tip.hidden = false;
  }
  document.querySelectorAll('[data-figure]').forEach(function (element) {
    var spec = specs[Number(element.getAttribute('data-figure'))];
    element.replaceChildren();
    var view = new vega.View(vega.parse(spec), { renderer: 'svg', container: element, hover: true });
    view.tooltip(showTip);
    view.runAsync().then(
      function () { element.setAttribute('data-state', 'drawn'); },
      function (error) {
        element.setAttribute('data-state', 'failed');
        element.textContent = 'This figure could not be drawn: ' + error.message;
        console.error(error);
      }
    );
  });
})();
`;

/** The page's look: readable text, bordered tables, figures at their own size. */
export const PAGE_STYLE = `
body { font: 15px/1.5 Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
code { font-size: 0.9em; background: #f4f4f4; padding: 0 0.2em; }
pre code { display: block; padding: 0.6rem; overflow-x: auto; }
.lab-figure { margin: 1rem 0; }
.lab-tooltip { position: absolute; white-space: pre; background: #fff; border: 1px solid #888; padding: 0.3rem 0.5rem; font-size: 12px; pointer-events: none; }
`;
