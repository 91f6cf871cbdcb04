// Types for node-version.mjs, which stays JavaScript so it can run before any TypeScript loader.
export declare const REQUIRED_NODE: { readonly major: number; readonly minor: number };
export declare function nodeVersionProblem(version: string): string | undefined;
export declare function exitUnlessSupportedNode(): void;
