// Values a document may hold: plain JSON. lib0's `writeAny` also carries bigint, undefined,
// Uint8Array and non-finite numbers; each of them has broken something once they reached a
// reader that expects JSON (the archive's JSON.stringify threw inside Yjs' transaction cleanup).

/** How deep a JSON value may nest, and how many nodes one value may have. */
export interface JsonLimits {
  maxDepth: number
  maxNodes: number
}

/** Why `value` is not plain JSON, or null when it is. Iterative: a deep value cannot overflow the stack. */
export function notJsonReason(value: unknown, limits: JsonLimits): string | null {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }]
  let nodes = 0
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!
    if (++nodes > limits.maxNodes) return `value has more than ${limits.maxNodes} nodes`
    if (depth > limits.maxDepth) return `value nests deeper than ${limits.maxDepth}`
    if (v === null || typeof v === 'boolean' || typeof v === 'string') continue
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'non-finite number'
      continue
    }
    if (typeof v === 'bigint') return 'bigint'
    if (v === undefined) return 'undefined'
    if (v instanceof Uint8Array) return 'binary'
    if (Array.isArray(v)) {
      for (const item of v as unknown[]) stack.push({ v: item, depth: depth + 1 })
      continue
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const item of Object.values(v as Record<string, unknown>))
        stack.push({ v: item, depth: depth + 1 })
      continue
    }
    return typeof v
  }
  return null
}
