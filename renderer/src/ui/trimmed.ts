/** A form's text values with the spaces around them removed, the way the store keeps them. */
export function trimmed<V extends Record<string, string>>(values: V): V {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])) as V
}
