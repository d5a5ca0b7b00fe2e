import type { Channel } from '../../../../shared/index.js';

// 24×24 outline paths: phone, speech bubble, person, globe. Drawn inline so nothing depends on icon fonts.
const PATHS = {
  phone:
    'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
  message: 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0',
  globe: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm-9 9h18M12 3c2.5 2.6 3.8 5.6 3.8 9S14.5 18.4 12 21c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z',
  mail: 'M3 6h18v12H3zM3 6l9 7 9-7',
} as const;

const ICON: Record<Channel, keyof typeof PATHS> = {
  voice: 'phone',
  sms: 'message',
  whatsapp: 'message',
  zalo: 'message',
  facebook: 'message',
  app_111: 'message',
  web_chat: 'globe',
  email: 'mail',
  walk_in: 'person',
};

export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg className={`channel-icon channel-icon--${channel}`} viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={PATHS[ICON[channel]]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
