/** The Allot mark: three stacked bars (stock shared between stores), drawn inline so CSP stays strict. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" role="img" aria-label="Allot logo">
      <rect width="64" height="64" rx="14" fill="var(--mantine-color-teal-7)" />
      <rect x="14" y="16" width="36" height="8" rx="4" fill="#fff" />
      <rect x="14" y="28" width="26" height="8" rx="4" fill="#fff" opacity="0.85" />
      <rect x="14" y="40" width="16" height="8" rx="4" fill="#fff" opacity="0.7" />
    </svg>
  )
}
