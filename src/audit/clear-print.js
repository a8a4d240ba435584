/*
 * Runs inside a rendered print page (plain JavaScript, like in-page.js).
 * Clear-print rules (RNIB / UKAAF clear print guidance) on what the browser
 * computed: text at least 12 pt (or the material's own minimum, on a card), never justified, no italic, and lines of
 * body text within about 70 characters. Returns one message per breach,
 * naming the element, and each text's colour with the background it actually
 * sits on, for clear-print.ts to measure with the brand checks' contrast formula.
 */
(() => {
  const MAX_LINE_CHARACTERS = 80; // "about 70": a line of 70 average characters, with room for short words
  const describe = (element) => {
    const classes = element.classList.length ? `.${[...element.classList].slice(0, 2).join(".")}` : "";
    const text = element.textContent.trim().replace(/\s+/g, " ").slice(0, 30);
    return `<${element.localName}${classes}> "${text}"`;
  };
  const channels = (colour) => (colour.match(/[\d.]+/g) || []).map(Number);
  const backgroundOf = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const value = channels(getComputedStyle(node).backgroundColor);
      if (value.length === 3 || value[3] > 0) return value.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ownText = (element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());

  // 12 pt (clear print) unless the material declares less: a bank-card-sized wallet card cannot hold 12 pt, and prints 8 at the least.
  const minimumPt = Number(document.body.dataset.minTextPt || 12);
  const problems = [];
  const colours = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!ownText(element)) continue;
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    if (style.display === "none" || style.visibility === "hidden" || rect.width === 0 || style.clipPath === "inset(50%)") continue;
    const points = parseFloat(style.fontSize) * 0.75;
    if (points < minimumPt - 0.05)
      problems.push(
        `${describe(element)} is ${points.toFixed(1)} pt; ${minimumPt === 12 ? "clear print needs" : "this material needs"} at least ${minimumPt} pt`,
      );
    if (style.textAlign === "justify") problems.push(`${describe(element)} is justified`);
    if (style.fontStyle === "italic" || style.fontStyle.startsWith("oblique")) problems.push(`${describe(element)} is italic`);
    colours.push({ element: describe(element), text: channels(style.color).slice(0, 3), background: backgroundOf(element) });
    if (element.matches("p, li")) {
      const lines = Math.round(rect.height / parseFloat(style.lineHeight));
      const perLine = element.textContent.trim().length / lines;
      if (lines >= 2 && perLine > MAX_LINE_CHARACTERS)
        problems.push(`${describe(element)} runs ${Math.round(perLine)} characters a line; keep body text within about 70`);
    }
  }
  return { problems, colours };
})();
