// y-websocket wire format: every frame starts with a varUint message type; sync messages
// (y-protocols/sync) carry a second varUint sub-type.
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
export const SyncMessageType = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate,
} as const

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, remoteStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep2(encoder, doc, remoteStateVector)
  return encoding.toUint8Array(encoder)
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}

export function messageTypeName(type: number, subType?: number): string {
  if (type === MessageType.sync) {
    if (subType === SyncMessageType.step1) return 'sync-step1'
    if (subType === SyncMessageType.step2) return 'sync-step2'
    if (subType === SyncMessageType.update) return 'update'
    return 'sync'
  }
  if (type === MessageType.awareness) return 'awareness'
  if (type === MessageType.queryAwareness) return 'query-awareness'
  if (type === MessageType.auth) return 'auth'
  return 'unknown'
}
