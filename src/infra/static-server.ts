/** A minimal static file server on 127.0.0.1: the print step loads built pages from it, and tests open the site through it. Its files may not change while it serves them. */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".json": "application/json",
};

/** Serves `root`; `onRequest` is told each path asked for (tests check what a page requested). */
export async function serve(root: string, onRequest?: (path: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  // Fault injection for the test of a page that never finishes loading
  // (tests/cli/print-resilience.test.ts): a request whose path contains
  // UPSTANDER_STALL_REQUEST is never answered. Unset, it does nothing.
  const stall = process.env.UPSTANDER_STALL_REQUEST;
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    onRequest?.(path);
    if (stall && path.includes(stall)) return;
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end("not found");
      return;
    }
    // Cacheable: nothing under the root changes while it is served, and each new server is a new origin
    // (a new port). The print step's pages share their stylesheet, fonts and logo, which Chromium then
    // keeps in memory between pages: loading one took 123 ms instead of 190 (the default brand's
    // 80 PDF pages, timed in one tab with nothing else running).
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "max-age=3600" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // close() waits for open connections, and Chromium keeps some open
        // (kept-alive, or opened ahead of a request) for as long as its tab lives.
        server.closeAllConnections();
      }),
  };
}
