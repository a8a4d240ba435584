// Eleventy 3 ships JavaScript without declarations; these cover the parts
// Upstander uses. https://www.11ty.dev/docs/config/
declare module "@11ty/eleventy/UserConfig" {
  type Filter = (this: { page: { url: string; lang: string; inputPath: string } }, ...args: never[]) => unknown;
  export default class UserConfig {
    addGlobalData(name: string, value: unknown): void;
    addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
    addFilter(name: string, filter: Filter): void;
    addPlugin<O>(plugin: (config: UserConfig, options: O) => void, options?: O): void;
    addWatchTarget(path: string): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setUseTemplateCache(use: boolean): void;
    setIncludesDirectory(dir: string): void;
    addTransform(name: string, transform: (content: string) => string): void;
    setTemplateFormats(formats: string[]): void;
    benchmarkManager: {
      setVerboseOutput(verbose: boolean): void;
      getAll(): Record<string, { setIsVerbose(verbose: boolean): void }>;
      get(name: string): unknown;
    };
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    on(event: "eleventy.after" | "eleventy.before", handler: (args: { directories: { output: string } }) => unknown): void;
    htmlTransformer: {
      addUrlTransform(extensions: string, callback: (this: { url: string }, url: string) => string): void;
    };
  }
}

declare module "@11ty/eleventy" {
  import type UserConfig from "@11ty/eleventy/UserConfig";
  export class Eleventy {
    constructor(
      input: string,
      output: string,
      options?: { configPath?: string; quietMode?: boolean; config?: (config: UserConfig) => void },
    );
    write(): Promise<unknown>;
    /** Eleventy's ConsoleLogger; overrideLogger replaces the console it writes to. */
    readonly logger: { overrideLogger(logger: Pick<Console, "log" | "warn" | "error">): void };
  }
  export function I18nPlugin(config: UserConfig, options: { defaultLanguage: string; errorMode?: string }): void;
}
