import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, wherever the command is run from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Content and brand packs; UPSTANDER_DATA points elsewhere (tests use fixtures). */
export const DATA_DIR = process.env.UPSTANDER_DATA ?? join(ROOT, "data");
export const TEMPLATES_DIR = join(ROOT, "templates");
