// Menu labels (merged into `nav`) and the surveys feature's messages (under `surveys`).
export const enUSSurveysNav = {}

export const enUSSurveys = {}
