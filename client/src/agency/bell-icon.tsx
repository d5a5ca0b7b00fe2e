// A bell, struck through when alerts are off. Drawn inline: no emoji or icon font (a phone or a headless browser may
// have neither, and show an empty box instead).
const BELL = 'M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0';

export function BellIcon({ off = false }: { off?: boolean }) {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={BELL} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      {off && <path d="M4 3l16 18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />}
    </svg>
  );
}
