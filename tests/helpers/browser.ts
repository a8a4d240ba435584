/** One Chromium for a test file, launched as the build launches it. */
import puppeteer, { type Browser } from "puppeteer";

export function launchBrowser(): Promise<Browser> {
  const isRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    headless: true,
    // Chromium refuses to start as root without --no-sandbox; elsewhere keep the sandbox.
    args: [...(isRoot ? ["--no-sandbox"] : []), "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
