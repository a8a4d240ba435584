/*
 * Runs inside each audited page (page.evaluate with this file's text), so it
 * is plain JavaScript: a build tool's helpers would not exist in the page.
 * Returns what the browser computed: elements that still move under
 * prefers-reduced-motion, interactive elements, and targets under 24 x 24 px.
 */
(() => {
  const describe = (element) => {
    const id = element.id ? `#${element.id}` : "";
    const classes = element.classList.length ? `.${[...element.classList].slice(0, 2).join(".")}` : "";
    const label = (element.textContent || element.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${element.localName}${id}${classes}>${label ? ` "${label}"` : ""}`;
  };
  const visible = (element) => {
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none" && rect.width > 0 && rect.height > 0;
  };
  const seconds = (value) => Math.max(...value.split(",").map((part) => parseFloat(part) * (part.trim().endsWith("ms") ? 0.001 : 1)));

  const moving = [];
  for (const element of document.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if ((style.animationName !== "none" && seconds(style.animationDuration) > 0.01) || seconds(style.transitionDuration) > 0.01)
      moving.push(describe(element));
  }
  if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") moving.push("<html> smooth scrolling");

  const interactive = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].filter(
    (element) => element.tabIndex >= 0 && !element.disabled && visible(element),
  );
  interactive.forEach((element, index) => element.setAttribute("data-audit-index", String(index)));

  // WCAG 2.5.8: at least 24 x 24 CSS px, unless the target is a link inside a sentence.
  const inSentence = (element) => {
    const parent = element.parentElement;
    return getComputedStyle(element).display === "inline" && parent && parent.textContent.trim().length > element.textContent.trim().length;
  };
  const small = interactive
    .filter((element) => !inSentence(element))
    .filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width < 24 || rect.height < 24;
    })
    .map((element) => {
      const rect = element.getBoundingClientRect();
      return `${describe(element)} is ${Math.round(rect.width)} x ${Math.round(rect.height)} px`;
    });

  return { moving, interactive: interactive.map(describe), small };
})();
