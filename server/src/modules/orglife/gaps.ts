import { overdueGapQuery } from './compliance.repository.ts'

/**
 * The organisations with an overdue meeting rule in an area (path; null: the whole city) on a day, as SQL
 * (id, name, area_code, facts) after `afterId`, at most `limit` (null: all): for the coverage gap list, which
 * pages and counts it together with its own gap rules (coverage/gaps.repository.ts).
 */
export function overdueMeetingGapsSql(
  path: string | null,
  afterId: number,
  limit: number | null,
  today: string,
) {
  return overdueGapQuery(path, afterId, limit, today)
}
