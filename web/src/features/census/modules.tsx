import { EnvironmentOutlined, ScheduleOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/**
 * Census visits (微信扫楼, joint visits) and the freshness of 五个清; labels in `i18n/*.census.ts`. The visit
 * form sits under the page's path (`/census/visit?building=<id>`, the link a building's page and its QR code
 * carry), so it is reachable by whoever reads the census; recording needs `census.visit` on the server.
 */
export const censusModules: ModuleEntry[] = [
  {
    key: 'census',
    group: 'figures',
    path: '/census',
    icon: <ScheduleOutlined />,
    permission: 'coverage.read',
    page: lazy(() => import('./CensusPage.tsx').then((m) => ({ default: m.CensusPage }))),
    children: [
      {
        path: 'visit',
        page: lazy(() => import('./VisitFormPage.tsx').then((m) => ({ default: m.VisitFormPage }))),
      },
    ],
  },
  {
    // With the census because where a building stands is one of its 五个清 (a building without coordinates is
    // counted under the map as unplaced); area-wide, as the server answers an area's staff only.
    key: 'map',
    group: 'figures',
    path: '/map',
    icon: <EnvironmentOutlined />,
    permission: 'registry.read',
    areaWide: true,
    page: lazy(() => import('./MapPage.tsx').then((m) => ({ default: m.MapPage }))),
  },
]
