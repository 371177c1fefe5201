import type { ExclusionReason } from '../../../domain.js';
import { t } from './i18n.js';

/**
 * Why nobody fits, in plain words: each excluded helper counted once, under the first reason the
 * matching core found (skills first: "3 helpers hebben die dag geen tijd, 1 helper woont te ver").
 */
export function reasonSummary(excluded: ReadonlyArray<{ reasons: readonly ExclusionReason[] }>): string {
  const counts = new Map<ExclusionReason, number>();
  for (const helper of excluded) {
    const first = helper.reasons[0];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => t(`reason.${reason}`, { n }))
    .join(', ');
}
