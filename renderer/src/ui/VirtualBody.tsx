import type { CSSProperties, ReactNode, RefObject } from 'react'

/**
 * The scrolling body of a virtualized table: focusable, so it scrolls with the keyboard too
 * (arrow keys, Page Down), as tall inside as all its rows, which position themselves in it.
 */
export function VirtualBody(props: {
  body: { scrollRef: RefObject<HTMLDivElement | null>; totalSize: number }
  label: string
  style: CSSProperties
  children: ReactNode
}) {
  return (
    <div ref={props.body.scrollRef} role="rowgroup" tabIndex={0} aria-label={props.label} style={props.style}>
      <div style={{ height: props.body.totalSize, position: 'relative' }}>{props.children}</div>
    </div>
  )
}
