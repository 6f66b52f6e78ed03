import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the registry's own rules (status + zh-CN + en-US); merged by lib/module-errors.ts. */
export const registryErrors = {
  invalid_sort: {
    status: 400,
    'zh-CN': '无法按“{value}”排序；可用的排序字段：{keys}（前加“-”为倒序）',
    'en-US': 'Cannot sort by "{value}"; the list sorts by {keys} (a leading "-" for descending)',
  },
  person_pii_required: {
    status: 403,
    'zh-CN': '您无权查看此人的个人信息，不能填写或修改{field}；如需更正请联系所在街镇或党组织',
    'en-US':
      "You may not see this person's personal data, so you cannot enter or change the {field}; ask the street or the party organisation to correct it",
  },
  id_number_registered_elsewhere: {
    status: 409,
    'zh-CN': '该身份证号码已在您的管理范围之外登记，不能在此登记；如需调整请联系上级管理员',
    'en-US':
      'This ID number is already registered outside the area you are responsible for and cannot be registered here; ask an administrator above you',
  },
  id_checks_limited: {
    status: 429,
    'zh-CN':
      '一小时内已有 {count} 个您填写的身份证号码与管理范围之外的人员重复，1 小时内暂停填写身份证号码；如属正常工作请联系上级管理员',
    'en-US':
      '{count} ID numbers you entered in the past hour were already registered outside your area, so entering ID numbers is paused for an hour; ask an administrator above you if this is part of your work',
  },
  org_area_out_of_scope: {
    status: 403,
    'zh-CN': '党组织所在区域“{area}”不在您的管理范围内，不能在此新建党组织或将党组织移到该区域',
    'en-US':
      'The area {area} is outside your scope: a party organisation cannot be created there or moved there by you',
  },
  building_location_outside_shanghai: {
    status: 400,
    'zh-CN':
      '坐标（纬度 {lat}，经度 {lng}）不在上海市范围内（纬度 30.6–31.9，经度 120.8–122.2）；请检查是否填反或少了一位',
    'en-US':
      'The coordinates (latitude {lat}, longitude {lng}) are outside Shanghai (latitude 30.6 to 31.9, longitude 120.8 to 122.2); check that they are not swapped or missing a digit',
  },
  building_location_incomplete: {
    status: 400,
    'zh-CN': '坐标需同时填写纬度和经度，或都不填',
    'en-US': 'Give both latitude and longitude, or neither',
  },
} as const satisfies ErrorCatalog
