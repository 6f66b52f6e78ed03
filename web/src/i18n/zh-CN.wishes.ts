// 微心愿's Chinese messages: in the desk's bundle (zh-CN.exchange.ts) and loaded with the public wish wall
// (wishes.ts), which the shell's messages leave out.
export const zhCNWish = {
  wallTitle: '{{place}} · 心愿墙',
  wallIntro: '居民和职工的微心愿。党员和企业可以认领、送达，许愿人确认后圆梦。',
  wallEmpty: '这里还没有心愿',
  wallStates: { open: '待认领', claimed: '已认领', delivered: '已送达', confirmed: '已圆梦' },
  counts: '待认领 {{open}} · 已认领 {{claimed}} · 已送达 {{delivered}} · 已圆梦 {{confirmed}}',
  claimedBy: '{{name}} 认领',
  postedOn: '{{date}} 许愿',
  noPlace: '请从楼宇或街道的二维码打开心愿墙',
  publicNote:
    '心愿内容会公开显示在心愿墙上（不显示您的姓名、电话和楼层）。请不要在内容里写姓名、电话或门牌号。',
  post: '许个微心愿',
  deskTitle: '认领心愿',
  deskOpen: '可认领的心愿',
  deskMine: '我认领的心愿',
  deskEmpty: '暂时没有',
  claim: '认领',
  deliver: '已送达',
  wall: '看心愿墙',
}
