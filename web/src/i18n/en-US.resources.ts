import type { zhCNResourceBooking, zhCNResourceBookingNav } from './zh-CN.resources.ts'

// Booking the alliance's shared resources, in English; the shape is the Chinese file's.
export const enUSResourceBookingNav: typeof zhCNResourceBookingNav = { resourceBookings: 'Book a resource' }

export const enUSResourceBooking: typeof zhCNResourceBooking = {
  title: 'Book a resource',
  intro:
    "Meeting rooms, instruments and venues the alliance's members share, booked by the hour. A slot goes to one booking only; resources that need approval are confirmed by their provider.",
  tabs: { resources: 'Resources', mine: 'My bookings', queue: 'To approve' },
  needsApproval: 'Needs approval',
  instant: 'Confirmed at once',
  book: 'Book',
  empty: 'No resources can be booked at the moment',
  mineEmpty: 'You have no bookings yet',
  queueEmpty: 'No bookings are waiting for your decision',
  form: {
    title: 'Book · {{name}}',
    day: 'Day',
    start: 'From',
    end: 'To',
    purpose: 'Purpose',
    purposePlaceholder: 'e.g. monthly branch committee meeting',
    unit: 'On behalf of',
    unitPlaceholder: 'No unit (a personal booking)',
    submit: 'Send booking',
    taken: 'Already booked that day',
    free: 'Nothing is booked that day yet',
    approvalNote:
      'This resource needs its provider’s approval: your booking waits as “Pending” and holds only once approved.',
    booked: 'Booked',
    requested: 'Sent; waiting for the provider’s approval',
  },
  status: { pending: 'Pending', approved: 'Approved', declined: 'Declined', cancelled: 'Cancelled' },
  purpose: 'Purpose',
  bookedBy: 'Booked by',
  note: "Provider's note",
  cancel: 'Cancel booking',
  cancelConfirm: 'Cancel this booking? The slot becomes free for others.',
  cancelled: 'Booking cancelled',
  approve: 'Approve',
  decline: 'Decline',
  decisionNote: 'Note (optional, shown to the booker)',
  approved: 'Approved',
  declined: 'Declined',
  yes: 'Yes',
  no: 'No',
}
