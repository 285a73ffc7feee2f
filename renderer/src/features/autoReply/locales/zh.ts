import type { AutoReplyMessages } from '../strings';

export const autoReplyZh: AutoReplyMessages = {
  autoReply: {
    automatic: '自动回复',
    backToday: '将于你的时间 {{time}} 回来',
    backOn: '将于你的时间{{day}} {{time}} 回来',
    title: '自动回复',
    intro:
      '当你离开或离线时（关闭应用也算），服务器会替你回复给你发消息的人：每个对话只回复一次，直到你回来为止，即使你所有设备都已关闭。回复会标记为自动回复，并按对方的当地时间告诉对方你的营业时间何时再次开始。',
    enabled: '我离开时发送自动回复',
    text: '离开时的回复内容',
    defaultText: '您好，感谢您的留言。我们目前不在，回来后会尽快回复您。',
    translated: '买家会以自己的语言阅读：它会像每条消息一样被机器翻译。',
    save: '保存内容',
    saved: '已保存。',
    loading: '正在加载…',
    textRequired: '请先填写离开时的回复内容，再开启自动回复。',
  },
};
