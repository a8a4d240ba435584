#!/usr/bin/env bash
# npm run setup: installs what the build and the tests need from outside npm
# (a Chromium for Puppeteer; poppler-utils and qpdf for the PDF tests; Java
# for the HTML checker; Ghostscript for --press), then the npm packages
# exactly as locked.
#
# With --if-needed (how npm run build, npm test and the other commands start)
# it does nothing, silently and at once, when everything is there and
# node_modules is as new as package-lock.json; otherwise it runs in full.
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() {
  for path in "${PUPPETEER_EXECUTABLE_PATH:-}" /usr/lib/chromium/chromium /usr/bin/chromium \
    /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    [[ -n "$path" && -x "$path" ]] && return 0
  done
  return 1
}

missing=()
have_browser || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
# Java runs the Nu HTML Checker (vnu-jar) in npm run audit.
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# Ghostscript makes and checks the CMYK PDF/X press files (npm run build -- --press).
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)

# npm ci records what it installed in node_modules/.package-lock.json: older
# than package-lock.json means the lock changed since (a pull, a new package).
packages_current() {
  [[ -f node_modules/.package-lock.json && ! node_modules/.package-lock.json -ot package-lock.json ]]
}

if [[ "${1:-}" == "--if-needed" ]]; then
  if ((${#missing[@]} == 0)) && packages_current; then exit 0; fi
  echo "setup: setting up first (system packages missing: ${missing[*]:-none}; npm packages: $(packages_current && echo current || echo "missing or older than package-lock.json"))"
fi

if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install these Debian/Ubuntu packages, then run npm run setup again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  else
    # Elsewhere (macOS, Windows, other Linux) Puppeteer downloads its own
    # Chrome during npm ci; poppler and qpdf only widen the PDF tests.
    echo "setup: no system Chromium found; Puppeteer will download its own browser during npm ci."
    echo "setup: for the full PDF tests also install poppler (pdfinfo, pdffonts, pdftotext) and qpdf;"
    echo "setup: --press needs Ghostscript 10 (gs);"
    echo "setup: npm run audit and its test need Java 11 or newer for the Nu HTML Checker."
  fi
fi

npm ci --no-audit --no-fund
[[ "${1:-}" == "--if-needed" ]] && echo "setup: done" || echo "setup: done. Next: npm run build"
