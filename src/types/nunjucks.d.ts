/** The little of Eleventy's Nunjucks (@11ty/nunjucks) the component tests use. */
declare module "@11ty/nunjucks" {
  export class FileSystemLoader {
    constructor(searchPaths: string);
  }
  export class Environment {
    constructor(loader: FileSystemLoader, options?: { autoescape?: boolean; throwOnUndefined?: boolean });
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    renderString(source: string, context: object): string;
  }
}
