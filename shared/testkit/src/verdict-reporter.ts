// Ends every `pnpm test` with one plain line — `N passed, N failed` (`, N skipped`) — so any reader of a
// log (a person, CI) sees the verdict without colours or the table above it.
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node';

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

export const verdictLine = ({ passed, failed, skipped }: Verdict): string => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

export default class VerdictReporter implements Reporter {
  private watching = false;
  private verdict: Verdict | undefined;

  onInit(vitest: Vitest) {
    this.watching = vitest.config.watch;
    // Written as the process exits, after global teardown and anything vitest prints on closing, so it is
    // the last line; a run that fails after its tests (e.g. in teardown) is not reported as clean.
    if (!this.watching) {
      process.once('exit', (code) => {
        if (!this.verdict) return;
        const failed = code !== 0 && this.verdict.failed === 0 ? 1 : this.verdict.failed;
        process.stdout.write(`\n${verdictLine({ ...this.verdict, failed })}\n`);
      });
    }
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    this.verdict = verdictOf(testModules, unhandledErrors);
    if (this.watching) process.stdout.write(`\n${verdictLine(this.verdict)}\n`);
  }
}
