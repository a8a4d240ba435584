/*
 * Runs inside each print page before it is printed (page.evaluate with this
 * file's text), so it is plain JavaScript: a build tool's helpers would not
 * exist in the page. It reads the laid-out text, line by line, as Chromium
 * will print it, and returns what a reader would see as broken:
 * - "overlap": lines of two different texts drawn over each other;
 * - "box": a line running out of the box it belongs to (into the next column);
 * - "margin": a line crossing the page's margin (the safe area).
 * It also marks each element holding text with data-layout-text="N" so the
 * caller can ask Chromium which fonts drew it.
 * Each problem names the element, the data it came from (data-source, set by
 * the print templates) and the text.
 */
(() => {
  /** Nearest element (itself included) whose data-source says which field of which file the text came from. */
  const sourceOf = (element) => element.closest("[data-source]")?.getAttribute("data-source") ?? "";
  const describe = (element) => {
    const classes = element.classList.length ? `.${[...element.classList].slice(0, 2).join(".")}` : "";
    return `<${element.localName}${classes}>`;
  };
  const short = (text) => {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
  };
  /** Text hidden from sight (visually hidden headings keep their text for screen readers). */
  const hidden = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility === "hidden" || style.display === "none" || style.clipPath !== "none") return true;
    }
    return false;
  };
  /** The box a line of text must stay inside: its nearest ancestor that is not an inline element. */
  const boxOf = (element) => {
    let node = element;
    while (node.parentElement && getComputedStyle(node).display.startsWith("inline")) node = node.parentElement;
    return node;
  };
  const TOLERANCE = 1; // CSS px: anti-aliasing and sub-pixel positions

  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let index = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || !node.parentElement || hidden(node.parentElement)) continue;
    const element = node.parentElement;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((rect) => rect.width > 0.5 && rect.height > 0.5);
    if (!lines.length) continue;
    if (!element.hasAttribute("data-layout-text")) element.setAttribute("data-layout-text", String(index++));
    texts.push({ element, lines, text: node.data, box: boxOf(element), sheet: element.closest(".sheet") });
  }

  const problems = [];
  const report = (kind, element, text, detail) =>
    problems.push({ kind, element: describe(element), source: sourceOf(element), text: short(text), detail });

  for (const { element, lines, text, box, sheet } of texts) {
    const boxRect = box.getBoundingClientRect();
    const style = getComputedStyle(box);
    const inner = {
      left: boxRect.left + parseFloat(style.borderLeftWidth) - TOLERANCE,
      right: boxRect.right - parseFloat(style.borderRightWidth) + TOLERANCE,
    };
    const outside = lines.find((line) => line.right > inner.right || line.left < inner.left);
    if (outside) {
      const by = Math.max(outside.right - inner.right, inner.left - outside.left);
      report("box", element, text, `runs ${((by * 25.4) / 96).toFixed(1)} mm out of its ${describe(box)} box`);
      continue;
    }
    if (!sheet) continue;
    const sheetRect = sheet.getBoundingClientRect();
    const sheetStyle = getComputedStyle(sheet);
    const safe = {
      left: sheetRect.left + parseFloat(sheetStyle.paddingLeft) - TOLERANCE,
      right: sheetRect.right - parseFloat(sheetStyle.paddingRight) + TOLERANCE,
    };
    const crossing = lines.find((line) => line.right > safe.right || line.left < safe.left);
    if (crossing) report("margin", element, text, "crosses the page margin");
  }

  // Two texts overlap when their lines share more than a sliver: adjacent
  // lines' boxes may touch or overlap by a little (line-height under the
  // font's height), text drawn over text shares most of its height.
  const overlapping = (a, b) => {
    const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return width > 2 && height > 0.4 * Math.min(a.height, b.height);
  };
  const reported = new Set();
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]];
      if (a.element === b.element || reported.has(a.element) || reported.has(b.element)) continue;
      if (a.lines.some((line) => b.lines.some((other) => overlapping(line, other)))) {
        reported.add(b.element);
        report(
          "overlap",
          b.element,
          b.text,
          `is drawn over ${describe(a.element)}${sourceOf(a.element) ? ` (${sourceOf(a.element)})` : ""} "${short(a.text)}"`,
        );
      }
    }
  }
  return problems;
})();
