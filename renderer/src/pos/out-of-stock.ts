import { ApiError } from '../../../shared/api/errors.ts'

/** A store that holds rights to a short product, as OUT_OF_STOCK details name it. */
export interface ShortHolder {
  replicaId: string
  storeName: string
  rights: number
}

export interface ShortLine {
  productId: string
  requested: number
  rightsHere: number
  chainValue: number
  holders: ShortHolder[]
}

function asNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** Reads OUT_OF_STOCK details defensively: a malformed detail yields fewer lines, never a crash. */
export function shortLinesOf(error: unknown): ShortLine[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'OUT_OF_STOCK') return undefined
  const lines = (error.details as { lines?: unknown } | undefined)?.lines
  if (!Array.isArray(lines)) return []
  return lines.flatMap((raw: unknown): ShortLine[] => {
    if (!raw || typeof raw !== 'object') return []
    const line = raw as Record<string, unknown>
    if (typeof line.productId !== 'string') return []
    const holders = Array.isArray(line.holders) ? line.holders : []
    return [
      {
        productId: line.productId,
        requested: asNumber(line.requested),
        rightsHere: asNumber(line.rightsHere),
        chainValue: asNumber(line.chainValue),
        holders: holders.flatMap((h: unknown): ShortHolder[] => {
          if (!h || typeof h !== 'object') return []
          const holder = h as Record<string, unknown>
          if (typeof holder.replicaId !== 'string') return []
          return [
            {
              replicaId: holder.replicaId,
              storeName:
                typeof holder.storeName === 'string' ? holder.storeName : holder.replicaId.slice(0, 8),
              rights: asNumber(holder.rights),
            },
          ]
        }),
      },
    ]
  })
}

/** The best store to ask: the one holding the most rights (other than this till). */
export function bestDonor(line: ShortLine, selfReplicaId: string): ShortHolder | undefined {
  return line.holders
    .filter((h) => h.replicaId !== selfReplicaId && h.rights > 0)
    .sort((a, b) => b.rights - a.rights)[0]
}

/** Units missing at this till for a short line. */
export function missingUnits(line: ShortLine): number {
  return Math.max(0, line.requested - line.rightsHere)
}

/** Units other stores hold for this product: the most the chain can ever send here. */
export function heldElsewhere(line: ShortLine, selfReplicaId: string): number {
  return line.holders
    .filter((h) => h.replicaId !== selfReplicaId)
    .reduce((sum, h) => sum + Math.max(0, h.rights), 0)
}

/** What may be asked of one donor: the missing units, never more than that store holds. */
export function requestableFrom(line: ShortLine, donor: ShortHolder): number {
  return Math.min(missingUnits(line), Math.max(0, donor.rights))
}
