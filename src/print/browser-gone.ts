/**
 * Chromium stopped while the build was printing (killed, crashed, out of
 * memory). Its own module, free of Puppeteer, so the build can recognise it
 * without loading the browser library.
 */
import { ReportedError } from "../infra/report.ts";

export class BrowserGoneError extends ReportedError {
  constructor() {
    super([], "the browser (Chromium) stopped while printing: it was killed or crashed (out of memory?); run the build again");
  }
}
