// Menu labels (merged into `nav`) and the waste feature's messages (under `waste`).
export const zhCNWasteNav = {}

export const zhCNWaste = {}
