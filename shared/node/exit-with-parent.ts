// A relay or store node started by a tool (the demo, the chaos run, a test harness) must not
// outlive it: whichever process a supervisor signals — npm's, the tool's — and however it dies
// (SIGKILL included), its children stop too. With ALLOT_EXIT_WITH_PARENT=1 (or `always`, for the
// tools themselves: npm does not pass a SIGTERM of its own PID on to the script) the process
// watches its parent and shuts down gracefully once it has been re-parented (the parent is gone).
export function exitWithParent(shutdown: (reason: string) => void, options: { always?: boolean } = {}): void {
  if (!options.always && process.env.ALLOT_EXIT_WITH_PARENT !== '1') return
  const intervalMs = 500
  const parent = process.ppid
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer)
      shutdown('parent process exited')
    }
  }, intervalMs)
  timer.unref()
}
