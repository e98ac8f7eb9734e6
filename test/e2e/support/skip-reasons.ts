import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/**
 * Prints why a test was skipped, under the list reporter's line for it (the list reporter shows a
 * skipped test's title only). The Electron specs skip where Electron's binary cannot start, and
 * that must read as "not run, because …", never as a silent pass.
 */
export default class SkipReasons implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return
    const reasons = new Set(
      [...test.annotations, ...result.annotations]
        .filter((annotation) => annotation.type === 'skip' || annotation.type === 'fixme')
        .map((annotation) => annotation.description ?? 'no reason given'),
    )
    if (reasons.size === 0) reasons.add('no reason given')
    for (const reason of reasons) process.stdout.write(`     skipped: ${reason}\n`)
  }

  printsToStdio(): boolean {
    return true
  }
}
