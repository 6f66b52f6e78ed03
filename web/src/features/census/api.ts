/** Query keys of the census pages; the plan and follow-up lists' keys are their cursor lists'. */
export const censusKeys = {
  /** The building a visit is recorded for, as the visit form reads it. */
  building: (id: number | undefined) => ['building', id] as const,
  freshness: () => ['census-freshness'] as const,
  freshnessIn: (area: string | undefined) => ['census-freshness', area] as const,
  plan: () => ['census-plan'] as const,
  followUps: () => ['census-followups'] as const,
  map: (area: string | undefined) => ['map', area] as const,
}
