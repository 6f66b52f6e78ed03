// Menu labels (merged into `nav`) and the volunteers feature's messages (under `volunteers`).
export const enUSVolunteersNav = {}

export const enUSVolunteers = {}
