import type { InjectChannel } from '../../../shared/scenario/schema';

/** Simple line glyphs (24-unit grid, drawn in currentColor) so channels are told apart by shape, not colour. */
const PATHS: Record<string, string[]> = {
  pager: ['M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9z', 'M10 20.5a2.2 2.2 0 0 0 4 0'],
  chat: ['M20 15a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2z'],
  email: ['M3 5h18v14H3z', 'M3 6l9 7 9-7'],
  support: ['M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18z', 'M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 1 0 0-7z', 'M5.6 5.6l4 4M14.4 14.4l4 4M18.4 5.6l-4 4M9.6 14.4l-4 4'],
  social: ['M3 10v4l13 5V5z', 'M16 9a3 3 0 0 1 0 6', 'M7 15.5l1.5 4.5h3L10 16.7'],
  news: ['M5 4h13v14a2 2 0 0 0 2 2H6a2 2 0 0 1-2-2V8', 'M8 8h7M8 12h7M8 16h4', 'M18 8h2v10a2 2 0 0 1-2 2'],
  vendor: ['M3 21V8l6-4v17', 'M9 21V10l6-3v14', 'M15 21V11l6 2v8', 'M2 21h20'],
  telemetry: ['M2 12h4l3-7 5 14 3-7h5'],
  'war-room': ['M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z', 'M2.5 20a6.5 6.5 0 0 1 13 0', 'M16 4.5a3.5 3.5 0 0 1 0 6.5', 'M18 13.5a6.5 6.5 0 0 1 3.5 6.5'],
  'status-page': ['M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18z', 'M3 12h18', 'M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z'],
  page: ['M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z', 'M15 3h6v6', 'M21 3l-6 6'],
  reply: ['M10 8L4 13l6 5', 'M4 13h11a5 5 0 0 1 5 5v1'],
  role: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21a8 8 0 0 1 16 0'],
  flag: ['M5 21V4', 'M5 4h12l-2 4 2 4H5'],
  note: ['M6 3h9l4 4v14H6z', 'M14 3v5h5', 'M9 13h7M9 17h5'],
  check: ['M4 12.5l5 5L20 6.5'],
  state: ['M4 6h7v5H4zM13 13h7v5h-7z', 'M7.5 11v4.5H13'],
  action: ['M9 6h11M9 12h11M9 18h11', 'M4 6h.01M4 12h.01M4 18h.01'],
};

export const CHANNEL_LABELS: Record<InjectChannel | 'war-room' | 'status-page', string> = {
  pager: 'Pager', chat: 'Chat', email: 'Email', support: 'Support', social: 'Social media', news: 'Press',
  vendor: 'Vendor', telemetry: 'Dashboard', 'war-room': 'War room', 'status-page': 'Status page',
};

export type IconName = keyof typeof PATHS;

/** A decorative glyph; pair it with visible text (it is hidden from assistive technology). */
export function Icon({ name, size = 20, className }: { name: IconName | string; size?: number; className?: string }) {
  const paths = PATHS[name] ?? PATHS.chat;
  return (
    <svg className={className ? `icon ${className}` : 'icon'} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      {paths.map((d) => <path key={d} d={d} />)}
    </svg>
  );
}
