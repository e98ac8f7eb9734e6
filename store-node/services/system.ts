import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { docGrowth } from '../../shared/core/doc-growth.ts'
import { getUsers, listProductIds, readUser, SCHEMA_VERSION } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { cancelRestore, readPendingRestore, scheduleRestore } from '../jobs/restore.ts'
import { explainAlert, foldAlerts } from './integrity.ts'
import { settingsView } from './settings.ts'
import { setupStatus } from './setup.ts'

const SECRET_KEY =
  /token|secret|password|passw|pin$|pinhash|hash|apikey|api_key|authorization|cookie|credential/i

/** Removes secret-looking keys everywhere and any known secret value, wherever it appears. */
export function scrub(value: unknown, secrets: string[]): unknown {
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v
      for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]')
      // URLs: never keep credentials or query strings (tokens travel there).
      return out
        .replace(/\b((?:https?|wss?):\/\/)[^/\s@]*@/gi, '$1')
        .replace(/\b((?:https?|wss?):\/\/[^\s?#]*)[?#][^\s"]*/gi, '$1')
    }
    if (Array.isArray(v)) return v.map(clean)
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, inner] of Object.entries(v)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : clean(inner)
      return out
    }
    return v
  }
  return clean(value)
}

function backupList(ctx: NodeContext): V.BackupListView {
  const view: V.BackupListView = { items: ctx.backups.list().map((b) => ({ ...b, file: basename(b.file) })) }
  const pending = readPendingRestore(ctx.dataDir)
  if (pending) view.pendingRestore = pending
  return view
}

export function systemHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  'system.health' | 'system.backup' | 'system.backups' | 'system.restore' | 'system.diagnostics'
> {
  return {
    'system.health': () => {
      const view: V.HealthView = {
        ok: !ctx.store.broken,
        replicaId: ctx.identity().replicaId,
        schemaVersion: SCHEMA_VERSION,
        uptimeSeconds: Math.round((ctx.nowMs() - ctx.startedAt) / 1000),
      }
      const locked = ctx.gate.salesLocked()
      if (locked) view.salesLocked = locked
      const readOnly = ctx.gate.readOnly()
      if (readOnly) view.readOnly = readOnly
      return view
    },

    'system.backup': () => ctx.backups.create(),

    'system.backups': () => backupList(ctx),

    'system.restore': (input, call) => {
      if ('cancel' in input) {
        cancelRestore(ctx.dataDir)
        ctx.logger.info({ user: call.user.username }, 'scheduled restore cancelled')
        return { message: 'No restore is scheduled.' }
      }
      const backup = ctx.backups.list().find((b) => basename(b.file) === input.file)
      if (!backup) throw new ApiError('NOT_FOUND', `No backup ${input.file}`)
      const pending = { file: input.file, scheduledAt: ctx.nowIso() }
      scheduleRestore(ctx.dataDir, pending)
      ctx.logger.warn({ user: call.user.username, file: input.file }, 'restore scheduled for next start')
      return {
        pendingRestore: pending,
        message:
          'Restart the app to restore this backup. The current database is kept as pre-restore-….db. After the restore, selling stays locked until the relay has sent back the sales this till made after the backup.',
      }
    },

    'system.diagnostics': () => {
      const identity = ctx.identity()
      const generatedAt = ctx.nowIso()
      const users = [...getUsers(ctx.doc).keys()]
        .map((id) => readUser(ctx.doc, id))
        .filter((u) => u !== undefined)
      const report = {
        generatedAt,
        app: {
          schemaVersion: SCHEMA_VERSION,
          uptimeSeconds: Math.round((ctx.nowMs() - ctx.startedAt) / 1000),
          storeBroken: ctx.store.broken ?? null,
        },
        setup: setupStatus(ctx),
        sync: ctx.sync().status(),
        settings: settingsView(ctx),
        integrityAlerts: foldAlerts(ctx).map((a) => explainAlert(ctx, a)),
        tills: ctx.fold.replicaIds().map((id) => ctx.fold.logInfo(id)),
        counts: {
          products: listProductIds(ctx.doc).length,
          users: {
            owner: users.filter((u) => u.role === 'owner').length,
            manager: users.filter((u) => u.role === 'manager').length,
            cashier: users.filter((u) => u.role === 'cashier').length,
          },
          eventsByType: ctx.store.queries.countsByType(),
          updateLog: ctx.store.log.stats('org'),
        },
        document: { ...docGrowth(ctx.doc), clientId: ctx.doc.clientID },
        backups: backupList(ctx),
        recentEvents: ctx.store.queries.recentEvents(100),
        log: ctx.recentLog?.list() ?? [],
      }
      let apiToken = ''
      try {
        apiToken = readFileSync(join(ctx.dataDir, 'api-token'), 'utf8').trim()
      } catch {
        // no headless API token on this install
      }
      const secrets = [
        identity.relay?.deviceToken ?? '',
        apiToken,
        ...users.flatMap((u) => [u.passwordHash, u.pinHash]),
      ].filter((s) => s !== '')
      const text = JSON.stringify(scrub(report, secrets), null, 2)
      return {
        generatedAt,
        fileName: `allot-diagnostics-${generatedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`,
        text,
      }
    },
  }
}
