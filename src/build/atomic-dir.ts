/**
 * Build into a staging folder beside the output, then swap it in with two
 * renames. A failed build removes only its staging folder, so the previous
 * output stays exactly as it was.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export async function withStagingDir<T>(outDir: string, build: (stagingDir: string) => Promise<T>, keep: (entry: string) => boolean): Promise<T> {
  const out = resolve(outDir);
  await mkdir(dirname(out), { recursive: true });
  const staging = join(dirname(out), `.${basename(out)}-staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const result = await build(staging);
    // Brands this run did not build carry over from the previous output.
    if (existsSync(out)) {
      for (const entry of await readdir(out)) {
        if (keep(entry) && !existsSync(join(staging, entry))) await cp(join(out, entry), join(staging, entry), { recursive: true });
      }
    }
    const previous = `${staging}-previous`;
    if (existsSync(out)) await rename(out, previous);
    await rename(staging, out);
    await rm(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
