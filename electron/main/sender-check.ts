import type { InvokeEvent } from './ipc-bridge.ts'

/**
 * An IPC sender is trusted if it is one of our windows (by WebContents id) and the frame that
 * sent the message is our renderer page — so a frame that somehow navigated elsewhere, or an
 * embedded frame, cannot call the store.
 */
export function createSenderCheck(options: {
  isOurContents: (id: number) => boolean
  isAppUrl: (url: string) => boolean
}): (event: InvokeEvent) => boolean {
  return (event) => {
    if (!options.isOurContents(event.sender.id)) return false
    const url = event.senderFrame?.url
    return typeof url === 'string' && options.isAppUrl(url)
  }
}
