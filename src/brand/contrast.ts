/**
 * WCAG 2.x contrast ratio between two sRGB hex colours, and the nearest
 * colour that would pass, so a failing brand gets a fix, not just a number.
 * https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
 */
export const MIN_TEXT_CONTRAST = 4.5;

const channels = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [number, number, number];
export const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex)
    .map((c) => c / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(foreground: string, background: string): number {
  const [lighter, darker] = [relativeLuminance(foreground), relativeLuminance(background)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The least change to `colour` (mixing it towards black, or towards white,
 * whichever gets there sooner) that reaches the minimum contrast against
 * every one of `others` (the page and each tinted box the colour sits on).
 */
export function nearestPassingColour(colour: string, others: string | readonly string[], minimum = MIN_TEXT_CONTRAST): string {
  const backgrounds = typeof others === "string" ? [others] : others;
  const passes = (candidate: string) => backgrounds.every((other) => contrastRatio(candidate, other) >= minimum);
  const from = channels(colour);
  const candidates = [0, 255].map((target) => {
    for (let step = 1; step <= 100; step++) {
      const mixed = toHex(from.map((c) => c + ((target - c) * step) / 100));
      if (passes(mixed)) return { mixed, step };
    }
    return undefined;
  });
  const best = candidates.filter((c) => c !== undefined).sort((a, b) => a.step - b.step)[0];
  return best?.mixed ?? (backgrounds.every((other) => relativeLuminance(other) > 0.18) ? "#000000" : "#ffffff");
}
