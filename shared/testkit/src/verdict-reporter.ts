// Ends every `pnpm test` with one plain line — `N passed, N failed` (`, N skipped`) — so any reader of a
// log (a person, CI) sees the verdict without colours or the table above it.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export interface Verdict {
  passed: number;
  failed: number;
  skipped: number;
}

/** Tests by outcome; a file that failed outside any test and each unhandled error count as one failure. */
export function verdictOf(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): Verdict {
  const verdict: Verdict = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
  for (const testModule of testModules) {
    let failedTests = 0;
    for (const test of testModule.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') verdict.passed++;
      else if (state === 'failed') failedTests++;
      else verdict.skipped++;
    }
    verdict.failed += failedTests;
    if (failedTests === 0 && (testModule.state() === 'failed' || testModule.errors().length > 0)) verdict.failed++;
  }
  return verdict;
}

export const verdictLine = ({ passed, failed, skipped }: Verdict): string =>
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

export default class VerdictReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    process.stdout.write(`\n${verdictLine(verdictOf(testModules, unhandledErrors))}\n`);
  }
}
