/**
 * One Chromium, launched the same way by the build, the benchmark and the
 * tests. Puppeteer finds the browser through .puppeteerrc.cjs (a system
 * Chromium when there is one, else its own download).
 */
import puppeteer, { type Browser } from "puppeteer";

export function launchBrowser(): Promise<Browser> {
  const isRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    headless: true,
    // Any DevTools call still unanswered after a minute fails instead of waiting
    // (Puppeteer's default is three minutes): a stuck page becomes an error, not a stalled build.
    protocolTimeout: 60_000,
    // Chromium refuses to start as root without --no-sandbox; elsewhere keep the sandbox.
    args: [...(isRoot ? ["--no-sandbox"] : []), "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
