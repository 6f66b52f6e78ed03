import type { Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

/** One notice in one account's inbox (db/migrations/0005 + 0024). */
export interface NotificationTable {
  id: Generated<number>
  account_id: number
  area_code: string | null
  kind: string
  title: string
  subject: string | null
  body: string | null
  entity: string | null
  entity_id: number | null
  link: string | null
  batch_id: number | null
  dedupe_key: string | null
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface NotificationBatchTable {
  id: Generated<number>
  kind: string
  title: string
  body: string | null
  entity: string | null
  entity_id: number | null
  area_code: string | null
  party_org_id: number | null
  link: string | null
  recipients: number
  created_at: Timestamp
}

export interface NotificationEndpointTable {
  id: Generated<number>
  channel: 'wecom' | 'webhook'
  name: string
  area_code: string | null
  party_org_id: number | null
  url: string
  secret_enc: string | null
  kinds: Defaulted<string[]>
  enabled: Defaulted<boolean>
  created_by: number | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
}

export type DeliveryChannel = 'email' | 'wecom' | 'webhook'
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed'

export interface NotificationDeliveryTable {
  id: Generated<number>
  notification_id: number | null
  batch_id: number | null
  channel: DeliveryChannel
  endpoint_id: number | null
  address: string | null
  area_code: string | null
  state: Defaulted<DeliveryState>
  attempts: Defaulted<number>
  next_attempt_at: Timestamp
  claim_token: string | null
  last_error: string | null
  sent_at: Timestamp | null
  created_at: Timestamp
}

export interface NotificationPreferenceTable {
  account_id: number
  kind: string
  inapp: boolean
  email: boolean
  webhook: boolean
}

export interface NotificationSettingTable {
  account_id: number
  quiet_start: number | null
  quiet_end: number | null
  updated_at: Timestamp
}

export interface NotificationsTables {
  notification: NotificationTable
  notification_batch: NotificationBatchTable
  notification_endpoint: NotificationEndpointTable
  notification_delivery: NotificationDeliveryTable
  notification_preference: NotificationPreferenceTable
  notification_setting: NotificationSettingTable
}
