import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'

/**
 * The rows of a long virtualized list: only those on screen (and a few around) exist; `onRange`
 * hears which are visible, so a paged source loads just those pages.
 */
export function useVirtualRows(
  count: number,
  rowHeight: number,
  onRange: (start: number, end: number) => void,
) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => onRange(first, last), [onRange, first, last])
  return { body: { scrollRef, totalSize: virtualizer.getTotalSize() }, items }
}

/** Where a virtual row sits in its body: absolutely, at its offset. */
export function virtualRowStyle(start: number, height: number) {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height,
    transform: `translateY(${start}px)`,
  } as const
}
