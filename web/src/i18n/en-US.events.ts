// Menu labels (merged into `nav`) and the events feature's messages (under `events`).
export const enUSEventsNav = {}

export const enUSEvents = {}
