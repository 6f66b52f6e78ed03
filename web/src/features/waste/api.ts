import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api.ts'

/**
 * Query keys of the waste feature; everything but the dictionary's cursor list ('waste-items') is under
 * 'waste', so invalidating `all()` after a dictionary change refreshes lookups, examples and the quiz.
 */
export const wasteKeys = {
  all: () => ['waste'] as const,
  lookup: (q: string) => ['waste', 'lookup', q] as const,
  examples: () => ['waste', 'examples'] as const,
  misses: () => ['waste', 'misses'] as const,
  quiz: () => ['waste', 'quiz'] as const,
  quizRound: (player: string | null) => ['waste', 'quiz', player, 'round'] as const,
  routes: () => ['waste', 'routes'] as const,
  patrols: () => ['waste', 'patrols'] as const,
  patrolsOn: (routeId: number | undefined, day: string) => ['waste', 'patrols', routeId, day] as const,
  stars: () => ['waste', 'stars'] as const,
  buildingStars: (buildingId: number | undefined) => ['waste', 'stars', buildingId] as const,
  board: (id: string | undefined) => ['waste', 'board', id] as const,
  assessments: () => ['waste', 'assessments'] as const,
  buildingAssessments: (buildingId: number | undefined) => ['waste', 'assessments', buildingId] as const,
  criteria: (buildingId: number | undefined, month: string) =>
    ['waste', 'assessments', 'criteria', buildingId, month] as const,
  demo: () => ['waste', 'demo'] as const,
  demoIn: (areaCode: string | undefined) => ['waste', 'demo', areaCode] as const,
}

/** The patrol routes in the buildings I patrol: the patrol, stars and assessment pages pick a building from them. */
export function usePatrolRoutes() {
  return useQuery({
    queryKey: wasteKeys.routes(),
    queryFn: ({ signal }) => call('GET /api/waste/routes', { signal }),
  })
}
