import type { Transport } from '../../../shared/api/client.ts'
import type { MethodName } from '../../../shared/api/contract.ts'
import { ApiError, errorFromBody } from '../../../shared/api/errors.ts'
import type { AllotBridge } from '../../../shared/api/allot-bridge.ts'

/** StoreApi over Electron IPC: the preload's envelope is unwrapped here, errors keep their code. */
export function ipcTransport(bridge: AllotBridge): Transport {
  return {
    async call(method: MethodName, input: unknown) {
      const fn = bridge[method] as ((input: unknown) => Promise<unknown>) | undefined
      if (typeof fn !== 'function') throw new ApiError('NOT_FOUND', `The app shell does not offer ${method}`)
      const envelope = (await fn(input)) as { result?: unknown; error?: unknown } | undefined
      if (!envelope || typeof envelope !== 'object')
        throw new ApiError('INTERNAL', 'Malformed answer from the app shell')
      if (envelope.error !== undefined) throw errorFromBody(envelope.error)
      return envelope.result
    },
    onEvent(listener) {
      return bridge.onEvent(listener)
    },
  }
}
