// Menu labels (merged into `nav`) and the surveys feature's messages (under `surveys`).
export const zhCNSurveysNav = {}

export const zhCNSurveys = {}
