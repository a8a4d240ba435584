/** Runs with every test file (vitest.config.ts setupFiles): its temp folders go when it ends. */
import { afterAll } from "vitest";
import { removeTempDirs } from "./temp.ts";

afterAll(removeTempDirs);
