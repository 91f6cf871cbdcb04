import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { exitUnlessSupportedNode } from '@econtract/server-kit/node-version';

// `npx vitest` skips pnpm's engine-strict check; an old Node would fail later with no explanation.
exitUnlessSupportedNode();

export default defineConfig({
  // SWC, not esbuild, so decorator metadata exists for type-graphql and MikroORM.
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
        keepClassNames: true,
      },
    }),
  ],
  // Node resolves `graphql` to its CommonJS entry; Vite would pick the .mjs one and load a second copy.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // ECONTRACT_TEST_FIXTURE runs one fixture instead (the exit-code test drives the real config with it).
    include: process.env.ECONTRACT_TEST_FIXTURE
      ? [process.env.ECONTRACT_TEST_FIXTURE]
      : ['gateway/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'shared/*/test/**/*.test.ts', '{gateway,subgraphs/*,shared/*}/src/**/*.test.ts'],
    globalSetup: ['shared/testkit/src/global-setup.ts'],
    // The closing `N passed, N failed` line comes last, after vitest's own summary.
    reporters: ['default', './shared/testkit/src/verdict-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
