import type { Workbench } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import type { Locale } from '../../lib/messages.ts'
import { actionCards } from './actions.ts'
import { figureCards } from './figures.ts'
import { nextItems } from './next.ts'

/**
 * The caller's workbench, composed from the modules' own reads over the caller's grants only: nothing here
 * takes a place from the request, so nobody can point it at a scope they do not hold.
 */
export async function workbench(
  ctx: AppContext,
  request: FastifyRequest,
  locale: Locale,
): Promise<Workbench> {
  return {
    asOf: ctx.clock.now().toISOString(),
    actions: await actionCards(ctx, request, locale),
    next: await nextItems(ctx, request),
    figures: await figureCards(ctx, request),
  }
}
