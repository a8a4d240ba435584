/**
 * Progress while PDFs render: a redrawn bar on a terminal, one plain line
 * per file where output is a log (CI), so logs stay readable.
 */
export interface Progress {
  done(label: string, note: string): void;
  end(): void;
}

const BAR_WIDTH = 24;

export function progress(total: number, stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stdout): Progress {
  let count = 0;
  const tty = Boolean(stream.isTTY);
  return {
    done(label, note) {
      count += 1;
      if (!tty) {
        stream.write(`print ${count}/${total} ${label} (${note})\n`);
        return;
      }
      const filled = Math.round((count / total) * BAR_WIDTH);
      const line = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${count}/${total} ${label}`;
      stream.write(`\r${line.slice(0, (stream.columns || 80) - 1).padEnd((stream.columns || 80) - 1)}`);
    },
    end() {
      if (tty && count) stream.write("\n");
    },
  };
}
