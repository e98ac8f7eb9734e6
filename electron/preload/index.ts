// The sandboxed preload: one function per StoreApi method and an event subscription, exposed as
// `window.allot`. It never exposes ipcRenderer itself. Bundled to CommonJS with its dependencies.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { channelOf, eventsChannel, methodNames, type MethodName } from '../../shared/api/contract.ts'
import type { PushedEventName } from '../../shared/api/views.ts'
import type { AllotBridge, AllotBridgeMethods } from '../../shared/api/allot-bridge.ts'
import { toEnvelope } from './envelope.ts'

function method(name: MethodName) {
  const channel = channelOf(name)
  // Only the input object crosses; the answer is always re-checked as an envelope.
  return (input: unknown) => ipcRenderer.invoke(channel, input).then(toEnvelope, toEnvelope.fromFailure)
}

const methods = Object.fromEntries(
  methodNames.map((name) => [name, method(name)]),
) as unknown as AllotBridgeMethods

const bridge = {
  ...methods,
  kind: 'allot-ipc',
  onEvent(listener: (event: PushedEventName, data: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, name: unknown, data: unknown) => {
      if (typeof name === 'string') listener(name as PushedEventName, data)
    }
    ipcRenderer.on(eventsChannel, handler)
    return () => {
      ipcRenderer.removeListener(eventsChannel, handler)
    }
  },
} satisfies AllotBridge

contextBridge.exposeInMainWorld('allot', bridge)
