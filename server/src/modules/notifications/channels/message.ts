/** One delivery as the channels see it: the notice, who it is for, and where the object opens. */
export interface Outgoing {
  deliveryId: number
  kind: string
  title: string
  subject: string | null
  body: string | null
  /** Absolute link (TONGXIN_PUBLIC_URL + the notice's path) or null. */
  url: string | null
  createdAt: Date
  areaCode: string | null
  areaName: string | null
  /** The person (e-mail and webhook); null for a group robot's batch message. */
  recipient: { accountId: number; username: string; name: string; phone: string | null } | null
  /** How many people the batch reached (robot messages say so). */
  recipients: number | null
}
