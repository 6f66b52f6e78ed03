// Menu labels (merged into `nav`) and the enterprise feature's messages (under `enterprise`).
export const enUSEnterpriseNav = {}

export const enUSEnterprise = {}
