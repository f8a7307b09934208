import type { StatusPhase } from '../../../shared/drill/commands';
import type { Severity } from '../../../shared/scenario/schema';

/*
 * Copies of a few lists whose originals sit next to zod schemas in shared/: importing them would pull zod
 * into the participant bundle. tests/client/constants.test.ts keeps the copies equal to the originals.
 */
export const STATUS_PHASES_LIST: readonly StatusPhase[] = ['investigating', 'identified', 'monitoring', 'resolved'];
export const SEVERITY_LIST: readonly Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
/** Copy of OVERRIDE_RATINGS (shared/drill/commands.ts): what an evaluator may rate an objective. */
export const OVERRIDE_RATING_LIST = ['P', 'S', 'M', 'U', 'N/A'] as const;
export const CHANNEL_LIST = ['pager', 'chat', 'email', 'support', 'social', 'news', 'vendor', 'telemetry'] as const;
export const TEXT_LIMITS = {
  name: 60, chat: 1000, status: 2000, page: 500, actionItem: 300, note: 1000, injectTitle: 200, injectBody: 2000, maxSpeed: 60, targets: 32, due: 40,
  decisionReason: 500, retractReason: 500, overrideNote: 1000, faultError: 500, faultBody: 64 * 1024,
} as const;

/** Copy of OUTBOUND_CHANNELS (server/outbound/messages.ts), with the words the console shows. */
export const OUTBOUND_CHANNEL_LABELS = {
  injects: 'Injects to everyone', 'status-page': 'Status page updates', declarations: 'Severity and declarations',
  escalation: 'Pages and replies', 'war-room': 'War room messages', roles: 'Who holds which role', drill: 'Start, pause, end',
} as const;
export const DEFAULT_OUTBOUND_CHANNEL_LIST = ['injects', 'status-page', 'declarations', 'drill'] as const;
