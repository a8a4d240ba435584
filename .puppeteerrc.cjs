// Puppeteer reads this file at install time and at launch.
// When a system Chromium/Chrome is present we use it and skip Puppeteer's own
// browser download (which cannot work on machines without internet access);
// everywhere else Puppeteer keeps its normal download.
// https://pptr.dev/guides/configuration
const { existsSync } = require("node:fs");

const candidates = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  "/usr/lib/chromium/chromium", // Debian's real binary (/usr/bin/chromium is a shell wrapper)
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
].filter(Boolean);

const systemBrowser = candidates.find((path) => existsSync(path));

module.exports = systemBrowser ? { executablePath: systemBrowser, skipDownload: true } : {};
