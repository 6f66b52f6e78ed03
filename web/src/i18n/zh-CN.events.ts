// Menu labels (merged into `nav`) and the events feature's messages (under `events`).
export const zhCNEventsNav = {}

export const zhCNEvents = {}
