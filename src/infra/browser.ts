/**
 * One Chromium, launched the same way by the build, the audit, the benchmark
 * and the tests. Puppeteer finds the browser through .puppeteerrc.cjs (a
 * system Chromium when there is one, else its own download).
 *
 * The browser stays home: no request may leave the machine (SPEC, "The
 * site"), and that includes Chromium's own background traffic (update
 * checks, sync, metrics, safe browsing, field trials), which would otherwise
 * reach Google's servers on every build. Each service is switched off by its
 * flag, and as a second fence every host name but the local print server's
 * fails to resolve. https://peter.sh/experiments/chromium-command-line-switches/
 */
import puppeteer, { type Browser } from "puppeteer";

/** A closed port on this machine (the discard port): where Chromium's own services are sent. */
const NOWHERE = "http://127.0.0.1:9";

/** Chromium's own network services, off. */
export const STAY_HOME_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-breakpad",
  "--disable-crash-reporter",
  "--metrics-recording-only",
  "--no-pings",
  "--no-first-run",
  "--no-default-browser-check",
  "--no-service-autorun",
  "--safebrowsing-disable-auto-update",
  "--disable-features=OptimizationHints,MediaRouter,DialMediaRouteProvider,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,SafeBrowsingEnhancedProtection,NetworkTimeServiceQuerying,PrivacySandboxSettings4",
  // Sign-in, sync, field trials and the component updater still call home
  // with every flag above set (seen through a recording proxy: accounts.google.com,
  // update.googleapis.com): their servers become a closed port on this machine.
  ...["gaia-url", "lso-url", "google-apis-url", "sync-url", "variations-server-url"].map((service) => `--${service}=${NOWHERE}`),
  `--component-updater=url-source=${NOWHERE}`,
  // Every name fails to resolve except the loopback the print server and tests use.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];

export interface LaunchOptions {
  /** The browser's profile folder; Puppeteer makes a temporary one when absent. */
  userDataDir?: string;
  /** Extra switches (tests route the browser through a recording proxy with this). */
  extraArgs?: string[];
  /** The most any one DevTools call may wait for its answer; a minute when absent. */
  protocolTimeoutMs?: number;
}

export function launchBrowser({ userDataDir, extraArgs = [], protocolTimeoutMs = 60_000 }: LaunchOptions = {}): Promise<Browser> {
  const isRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    headless: true,
    userDataDir,
    // Any DevTools call still unanswered after its limit fails instead of waiting
    // (Puppeteer's default is three minutes): a stuck page becomes an error, not a stalled build.
    protocolTimeout: protocolTimeoutMs,
    // Chromium refuses to start as root without --no-sandbox; elsewhere keep the sandbox.
    args: [...(isRoot ? ["--no-sandbox"] : []), "--disable-gpu", ...STAY_HOME_ARGS, ...extraArgs],
  });
}
