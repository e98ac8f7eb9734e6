import { channelOf, eventsChannel, methodNames } from '../../shared/api/contract.ts'
import type { ApiErrorBody } from '../../shared/api/errors.ts'
import type { Envelope } from '../../shared/api/rpc.ts'
import type { StoreEndpoint } from './store-endpoint.ts'
import type { WindowSessions } from './window-sessions.ts'

/** The parts of an Electron IpcMainInvokeEvent the bridge reads. */
export interface InvokeEvent {
  sender: { id: number }
  senderFrame: { url: string } | null
}

/** The parts of Electron's ipcMain the bridge uses. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown,
  ): void
  removeHandler(channel: string): void
}

export interface BridgeOptions {
  ipcMain: IpcMainLike
  endpoint: StoreEndpoint
  sessions: WindowSessions
  /** True only for our own renderer's main frame in one of our windows. */
  isTrustedSender: (event: InvokeEvent) => boolean
  /** Called when a sender is refused (for the log; never with the payload). */
  onRefused?: (method: string, url: string | undefined) => void
}

const refused: ApiErrorBody = { code: 'FORBIDDEN', message: 'This caller may not use the store API.' }
const badArgs: ApiErrorBody = {
  code: 'VALIDATION',
  message: 'Call a StoreApi method with exactly one input object.',
}

/**
 * Exposes every StoreApi method as one `ipcMain.handle` channel. Each handler checks its sender,
 * then passes the input to the StoreNode, which validates it with the shared schema and enforces
 * roles. Answers are always the `{result}` / `{error}` envelope, never a thrown error (Electron
 * would reduce it to a message). Returns a function that removes every handler.
 */
export function registerStoreApiIpc(options: BridgeOptions): () => void {
  const { ipcMain, endpoint, sessions } = options
  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), async (event, ...args): Promise<Envelope<unknown>> => {
      if (!options.isTrustedSender(event)) {
        options.onRefused?.(method, event.senderFrame?.url)
        return { error: refused }
      }
      if (args.length > 1) return { error: badArgs }
      try {
        return await endpoint.call(method, args[0] ?? {}, sessions.for(event.sender.id))
      } catch {
        return { error: { code: 'INTERNAL', message: 'The store node failed; see its log.' } }
      }
    })
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(channelOf(method))
  }
}

/** Where pushed events go: the live windows' WebContents. */
export interface EventTarget {
  isDestroyed(): boolean
  send(channel: string, ...args: unknown[]): void
}

/** Forwards the StoreNode's pushed events to every open window on the events channel. */
export function forwardStoreEvents(
  endpoint: StoreEndpoint,
  targets: () => Iterable<EventTarget>,
): () => void {
  return endpoint.subscribe((event, data) => {
    for (const target of targets()) if (!target.isDestroyed()) target.send(eventsChannel, event, data)
  })
}
