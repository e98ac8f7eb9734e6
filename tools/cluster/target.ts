/**
 * Which app the UI specs drive: `chromium` (the renderer in a Chromium tab against the browser
 * harness, the default) or `electron` (the Electron app's window against the same harness store
 * node). playwright.config.ts decides it once in the runner — from `--project electron` or
 * ALLOT_E2E_TARGET=electron — and stores it in ALLOT_E2E_TARGET, which the worker processes inherit.
 */
export type E2eTarget = 'chromium' | 'electron'

export function e2eTarget(env: Record<string, string | undefined> = process.env): E2eTarget {
  return env.ALLOT_E2E_TARGET === 'electron' ? 'electron' : 'chromium'
}

/** The projects named on the command line (`--project a`, `--project=a,b`). */
export function projectsFromArgv(argv: readonly string[]): string[] {
  const names: string[] = []
  argv.forEach((arg, i) => {
    const value = arg.startsWith('--project=')
      ? arg.slice('--project='.length)
      : arg === '--project'
        ? argv[i + 1]
        : undefined
    if (value) names.push(...value.split(',').map((name) => name.trim()))
  })
  return names
}
