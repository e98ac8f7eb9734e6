import { createContext, useContext, type ReactNode } from 'react'

/**
 * A context every screen needs and none may run without: its provider, and a hook that fails loudly
 * (naming itself) when a component is rendered outside the provider.
 */
export function requiredContext<T>(hookName: string) {
  const Context = createContext<T | null>(null)
  const Provider = ({ value, children }: { value: T; children: ReactNode }) => (
    <Context.Provider value={value}>{children}</Context.Provider>
  )
  const use = (): T => {
    const value = useContext(Context)
    if (value === null) throw new Error(`${hookName}() outside its provider`)
    return value
  }
  return [Provider, use] as const
}
