import Type, { type Static } from 'typebox'
import { Id, Nullable } from './common.ts'

/**
 * The box a building's coordinates must lie in (WGS-84 degrees, edges included): Shanghai reaches from about
 * 30.68° to 31.87° N and 120.86° to 122.12° E (Chongming's eastern tip, the Yangshan port islands are in
 * Zhejiang's waters but served from 临港); a few hundredths of margin on every side.
 */
export const SHANGHAI_BOUNDS = { latMin: 30.6, latMax: 31.9, lngMin: 120.8, lngMax: 122.2 } as const

export const insideShanghai = (lat: number, lng: number) =>
  lat >= SHANGHAI_BOUNDS.latMin &&
  lat <= SHANGHAI_BOUNDS.latMax &&
  lng >= SHANGHAI_BOUNDS.lngMin &&
  lng <= SHANGHAI_BOUNDS.lngMax

export const MAP_LAYERS = ['buildings', 'stations', 'dutyPoints', 'needs'] as const
export type MapLayer = (typeof MAP_LAYERS)[number]

export const MapQuery = Type.Object(
  {
    area: Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' }),
    /** Comma-separated subset of MAP_LAYERS; all of them when absent. */
    layers: Type.Optional(
      Type.String({
        pattern: '^(buildings|stations|dutyPoints|needs)(,(buildings|stations|dutyPoints|needs))*$',
      }),
    ),
  },
  { additionalProperties: false },
)
export type MapQuery = Static<typeof MapQuery>

/**
 * One object on the map. `kind` is a station's or duty point's kind, or an open need's category code;
 * `state` an open need's state. A need carries only its category, state and building: never its poster,
 * contact or description.
 */
export const MapPoint = Type.Object({
  layer: Type.Enum([...MAP_LAYERS]),
  id: Id,
  name: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  kind: Nullable(Type.String()),
  state: Nullable(Type.String()),
  buildingId: Nullable(Id),
  buildingName: Nullable(Type.String()),
})
export type MapPoint = Static<typeof MapPoint>

export const MapAnswer = Type.Object({
  area: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  /** The layers answered: those asked for that the caller may read here (needs need need.manage). */
  layers: Type.Array(Type.Enum([...MAP_LAYERS])),
  points: Type.Array(MapPoint),
  /** Per answered layer, the objects the caller may read that have no coordinates (nor a building with some). */
  unplaced: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
})
export type MapAnswer = Static<typeof MapAnswer>
