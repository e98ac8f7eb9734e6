import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'

export function syncHandlers(ctx: NodeContext): Pick<Handlers, 'sync.status' | 'sync.link' | 'sync.relink'> {
  return {
    'sync.status': () => ctx.sync().status(),

    'sync.link': async (input) => {
      await ctx.sync().link(input.relayUrl, input.enrollmentCode)
      return ctx.sync().status()
    },

    'sync.relink': async (input) => {
      await ctx.sync().relink(input.relayUrl, input.enrollmentCode)
      return ctx.sync().status()
    },
  }
}
