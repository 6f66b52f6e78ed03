// Menu labels (merged into `nav`) and the waste feature's messages (under `waste`).
export const enUSWasteNav = {}

export const enUSWaste = {}
