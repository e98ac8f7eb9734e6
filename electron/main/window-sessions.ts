import type { ApiSession } from './store-endpoint.ts'

/**
 * One StoreApi session per window (keyed by its WebContents id): logging in in one window never
 * logs in another, and a closed window's session is forgotten.
 */
export class WindowSessions {
  private readonly sessions = new Map<number, ApiSession>()

  for(contentsId: number): ApiSession {
    let session = this.sessions.get(contentsId)
    if (!session) {
      session = { userId: null }
      this.sessions.set(contentsId, session)
    }
    return session
  }

  drop(contentsId: number): void {
    this.sessions.delete(contentsId)
  }

  get size(): number {
    return this.sessions.size
  }
}
