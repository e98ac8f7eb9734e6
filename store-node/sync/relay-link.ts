import { nextTillNo } from '../../shared/core/till-number.ts'
import {
  listReplicas,
  readDocOrgId,
  readMeta,
  readReplica,
  storeIdByCode,
  writeReplica,
  writeStore,
} from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { EnrollAnswerSchema, type EnrollAnswer } from '../../shared/protocol/enrollment.ts'
import { relayErrorMessage } from '../../shared/protocol/relay-error.ts'
import type { SyncStatus } from '../../shared/api/views.ts'
import type { NodeContext } from '../api/context.ts'
import { RelaySyncClient, type SyncStatus as ClientStatus } from './relay-sync-client.ts'
import type { SyncPort } from './sync-port.ts'
import { DEVICE_CLASS_KEY, isHeadOffice, type DeviceClass } from '../trust/authority-gate.ts'

const relaySvKey = 'relay-state-vector'

/**
 * The store's link to its relay: enrollment (one-time code → device token, kept only in this
 * store's database), the sync client's lifecycle, and the honest status the API reports.
 */
export class RelayLink implements SyncPort {
  private readonly ctx: NodeContext
  private client: RelaySyncClient | undefined
  private svTimer: NodeJS.Timeout | undefined
  private stopped = false
  private relinking = false
  /** The device class last written to kv and this till's `replicas` entry. */
  private deviceClassApplied: DeviceClass | undefined
  private offStatus: (() => void) | undefined
  private readonly onStatus: (status: SyncStatus) => void

  constructor(ctx: NodeContext, onStatus: (status: SyncStatus) => void) {
    this.ctx = ctx
    this.onStatus = onStatus
    if (ctx.identity().relay) this.startClient()
  }

  status(): SyncStatus {
    const relay = this.ctx.identity().relay
    if (!relay || !this.client)
      return { linked: false, state: 'standalone', pendingEvents: 0, pendingByType: {} }
    return toApiStatus(this.client.status(), relay.url)
  }

  get online(): boolean {
    return this.client?.connectionState() === 'online'
  }

  private startClient(): void {
    const relay = this.ctx.identity().relay!
    const known = this.ctx.kv.get<string>(relaySvKey)
    // the verified org id: a forged `meta.orgId` must not cut this store off (4409)
    const docOrg = this.ctx.directory.meta().orgId ?? readDocOrgId(this.ctx.doc)
    this.client = new RelaySyncClient({
      doc: this.ctx.doc,
      url: relay.url,
      orgId: relay.orgId,
      token: relay.deviceToken,
      replicaId: this.ctx.identity().replicaId,
      docOrgId: typeof docOrg === 'string' ? docOrg : null,
      onLog: this.ctx.logger,
      updates: this.ctx.store.durableUpdates,
      onClientIdTaken: (taken) => this.ctx.clientIdTaken(taken),
      ...(known ? { knownRelayStateVector: Buffer.from(known, 'base64') } : {}),
    })
    this.offStatus = this.client.onStatusChange((status) => {
      this.scheduleStateVectorSave()
      if (status.deviceClass) this.learnDeviceClass(status.deviceClass)
      this.onStatus(toApiStatus(status, relay.url))
    })
    this.client.start()
  }

  /** The relay's state vector survives restarts, so pending counts are right before reconnecting. */
  private scheduleStateVectorSave(): void {
    if (this.stopped) return
    this.svTimer ??= setTimeout(() => {
      this.svTimer = undefined
      this.saveStateVector()
    }, 1000)
  }

  private saveStateVector(): void {
    if (this.stopped) return
    const sv = this.client?.relayStateVector()
    if (sv) this.ctx.kv.set(relaySvKey, Buffer.from(sv).toString('base64'))
  }

  async link(
    relayUrl: string,
    enrollmentCode: string,
    store?: { name?: string | undefined; code?: string | undefined },
  ): Promise<{ orgId: string }> {
    if (this.ctx.identity().relay) throw new ApiError('CONFLICT', 'This store is already linked to a relay')
    this.assertRunning()
    const base = relayBase(relayUrl)
    const answer = await this.enroll(base, enrollmentCode)
    this.saveLink(base, answer)
    this.ctx.logger.info({ relay: base, orgId: answer.orgId }, 'enrolled with the relay')
    this.startClient()
    await this.firstSync()
    if (!this.ctx.identity().orgId)
      this.becomeMember(store?.name ?? answer.storeName ?? 'New store', store?.code, answer.storeCode ?? null)
    return { orgId: answer.orgId }
  }

  /**
   * Moves a linked store to another relay. Enrolls there first: if the code is refused or the
   * relay cannot be reached, the old link keeps running and nothing changes. Then stops the old
   * client, saves the new link, forgets the old relay's state vector (the new relay has nothing of
   * ours yet, so everything counts as pending) and waits for the first sync. If the new relay
   * refuses the store on connect, the old link is put back.
   */
  async relink(relayUrl: string, enrollmentCode: string): Promise<{ orgId: string }> {
    const previous = this.ctx.identity().relay
    if (!previous)
      throw new ApiError('CONFLICT', 'This store is not linked to a relay yet: link it instead of re-linking')
    this.assertRunning()
    if (this.relinking) throw new ApiError('CONFLICT', 'A re-link is already in progress')
    this.relinking = true
    try {
      const base = relayBase(relayUrl)
      const answer = await this.enroll(base, enrollmentCode)
      const previousSv = this.ctx.kv.get<string>(relaySvKey)
      this.stopClient()
      this.saveLink(base, answer)
      this.ctx.kv.delete(relaySvKey)
      this.ctx.logger.info({ from: previous.url, relay: base, orgId: answer.orgId }, 're-linked to a relay')
      this.startClient()
      try {
        await this.firstSync(30_000, true)
      } catch (error) {
        // Refused on connect or upload (another organization's document, other stores' logs the
        // new relay never had): go back to the old relay.
        if (error instanceof ApiError && error.code === 'FORBIDDEN' && !this.stopped) {
          this.stopClient()
          this.ctx.setIdentity({ ...this.ctx.identity(), relay: previous })
          if (previousSv) this.ctx.kv.set(relaySvKey, previousSv)
          this.ctx.logger.warn({ relay: base, from: previous.url }, 're-link refused; back on the old relay')
          this.startClient()
          // CONFLICT, not FORBIDDEN: the owner may do this; the new relay's data does not fit.
          throw new ApiError(
            'CONFLICT',
            `${error.message}. This store stays linked to ${previous.url}. A new relay takes the ` +
              `store only with a document it may accept: its own organization, and no other ` +
              `stores' history that relay does not already hold.`,
          )
        }
        throw error
      }
      return { orgId: answer.orgId }
    } finally {
      this.relinking = false
    }
  }

  /** Trades a one-time enrollment code for a device token; throws an ApiError in words. */
  private async enroll(base: string, enrollmentCode: string): Promise<EnrollAnswer> {
    try {
      const res = await fetch(`${base}/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: enrollmentCode, replicaId: this.ctx.identity().replicaId }),
        signal: AbortSignal.timeout(15_000),
      })
      const body: unknown = await res.json().catch(() => ({}))
      if (!res.ok) {
        const reason = relayErrorMessage(body) ?? res.statusText
        throw new ApiError(
          res.status === 409 ? 'CONFLICT' : 'VALIDATION',
          `The relay refused the enrollment code: ${reason}`,
          { status: res.status },
        )
      }
      return EnrollAnswerSchema.parse(body)
    } catch (error) {
      if (error instanceof ApiError) throw error
      throw new ApiError(
        'VALIDATION',
        `Cannot reach the relay at ${base}: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  private saveLink(base: string, answer: EnrollAnswer): void {
    this.ctx.setIdentity({
      ...this.ctx.identity(),
      relay: { url: base, orgId: answer.orgId, deviceToken: answer.token },
    })
    this.ctx.kv.set(DEVICE_CLASS_KEY, answer.headOffice ? 'head-office' : 'store')
  }

  /**
   * The relay tells a device at every handshake whether it is a head-office device. The store
   * keeps that for its own authority checks, and says so in its `replicas` entry, which is how the
   * other stores learn whose changes to owners and the organization's settings they may trust.
   */
  private learnDeviceClass(deviceClass: DeviceClass): void {
    // status changes come with every sale; the class changes at most once per handshake
    if (this.stopped || this.ctx.store.broken || this.deviceClassApplied === deviceClass) return
    if (this.ctx.kv.get<DeviceClass>(DEVICE_CLASS_KEY) !== deviceClass) {
      this.ctx.kv.set(DEVICE_CLASS_KEY, deviceClass)
      this.ctx.logger.info({ deviceClass }, 'the relay says what kind of device this till is')
    }
    const me = this.ctx.identity().replicaId
    const entry = readReplica(this.ctx.doc, me)
    const headOffice = deviceClass === 'head-office'
    // before the till is a member (no entry yet) or while it may not write, try again later
    if (!entry || this.ctx.gate.whyNotShare()) return
    if ((entry.headOffice ?? false) !== headOffice) {
      const { headOffice: _previous, ...rest } = entry
      this.ctx.store.durable(() =>
        writeReplica(this.ctx.doc, me, headOffice ? { ...rest, headOffice } : rest),
      )
    }
    this.deviceClassApplied = deviceClass
  }

  /** Stops the current sync client without saving its state vector (the caller decides). */
  private stopClient(): void {
    this.cancelStateVectorSave()
    this.offStatus?.()
    this.offStatus = undefined
    this.client?.stop()
    this.client = undefined
  }

  /**
   * Resolves after the first sync; with `untilSynced`, only once the relay also holds everything
   * of this till (a relay that refuses part of the document stops the client before that).
   */
  private firstSync(timeoutMs = 20_000, untilSynced = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (status: ClientStatus) => {
        if (untilSynced ? status.synced : status.lastSyncAt) {
          off()
          clearTimeout(timer)
          resolve()
        } else if (status.state === 'stopped') {
          off()
          clearTimeout(timer)
          reject(
            new ApiError(
              'FORBIDDEN',
              `The relay refused this store: ${status.stoppedReason ?? 'unknown reason'}`,
            ),
          )
        }
      }
      const off = this.client!.onStatusChange(check)
      const timer = setTimeout(() => {
        off()
        reject(
          new ApiError(
            'INTERNAL',
            'The relay did not answer in time; the store keeps trying in the background',
          ),
        )
      }, timeoutMs)
      check(this.client!.status())
    })
  }

  /** A fresh install joined an organization: take its org id, register this store and till. */
  private becomeMember(storeName: string, storeCode: string | undefined, codeStoreCode: string | null): void {
    const meta = readMeta(this.ctx.doc)
    const orgId = readDocOrgId(this.ctx.doc)
    if (orgId === undefined || !meta.currency)
      throw new ApiError('INTERNAL', 'The relay sent an organization without its settings')
    let storeId = storeCode ? storeIdByCode(this.ctx.doc, storeCode) : undefined
    // A till joins an existing store only with a code issued for it (the relay refuses it otherwise).
    if (storeId && codeStoreCode !== storeCode && !isHeadOffice(this.ctx))
      throw new ApiError(
        'CONFLICT',
        `Store ${storeCode} already exists. A till joins an existing store only with an enrollment code issued for that store: ask IT for one.`,
      )
    const me = this.ctx.identity().replicaId
    this.ctx.store.durable(() =>
      this.ctx.doc.transact(() => {
        if (!storeId) {
          storeId = this.ctx.newId()
          writeStore(this.ctx.doc, storeId, {
            name: storeName,
            code: storeCode ?? storeName.slice(0, 12).toUpperCase(),
          })
        }
        if (!listReplicas(this.ctx.doc).has(me))
          writeReplica(this.ctx.doc, me, {
            storeId: storeId!,
            storeName,
            status: 'active',
            tillNo: nextTillNo(this.ctx.doc, storeId!),
          })
      }),
    )
    this.ctx.setIdentity({ ...this.ctx.identity(), orgId, storeId: storeId! })
  }

  /** Saves the relay's state vector one last time; nothing touches the database afterwards. */
  stop(): void {
    this.saveStateVector()
    this.stopped = true
    this.stopClient()
  }

  /** A broken store (its doc may be ahead of SQLite) or a stopping one links nowhere. */
  private assertRunning(): void {
    const broken = this.ctx.store.broken
    if (broken) throw new ApiError('INTERNAL', 'The store must be restarted', { reason: broken })
    if (this.stopped) throw new ApiError('INTERNAL', 'The store is shutting down')
  }

  /**
   * Stops sending for good and writes nothing: the store broke, so its in-memory doc may hold a
   * change SQLite rolled back, which no handshake may hand to the relay. The status says why.
   */
  halt(reason: string): void {
    this.stopped = true
    this.cancelStateVectorSave()
    this.client?.stop(`store broken: ${reason}`)
  }

  private cancelStateVectorSave(): void {
    if (this.svTimer) clearTimeout(this.svTimer)
    this.svTimer = undefined
  }
}

function relayBase(relayUrl: string): string {
  return relayUrl.replace(/^ws/, 'http').replace(/\/+$/, '')
}

/** The relay answers `{error: {code, message}}`; older shapes had `error` or `message` strings. */
function toApiStatus(s: ClientStatus, relayUrl: string): SyncStatus {
  const out: SyncStatus = {
    linked: true,
    state: s.state,
    pendingEvents: s.pendingEvents,
    pendingByType: s.pendingByType,
    relayUrl,
  }
  if (s.oldestPendingAt) out.oldestPendingAt = s.oldestPendingAt
  if (s.lastSyncAt) out.lastSyncAt = s.lastSyncAt
  if (s.clockSkewMs !== undefined) out.clockSkewMs = s.clockSkewMs
  if (s.stoppedReason) out.stoppedReason = s.stoppedReason
  return out
}
