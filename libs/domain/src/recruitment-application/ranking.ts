import type { RankingEntry } from '../recruitment-plan/recruitment-plan';
import type { ExistingRecruitmentApplication } from './recruitment-application';

/**
 * Art. 22 ¶1 同等条件下优先聘用: the ranking of a plan's applicants. Scores
 * decide; a preference category (items (1)–(6)) only puts an applicant ahead of
 * one with an equal score and none; it never lets an ineligible applicant in.
 */
export function rankByArt22(entries: readonly RankingEntry[]): RankingEntry[] {
  const preferred = (e: RankingEntry) => (e.preferenceCategories.length > 0 ? 1 : 0);
  return entries
    .filter((e) => e.eligible)
    .slice()
    .sort((a, b) => b.score - a.score || preferred(b) - preferred(a) || (a.applicantId < b.applicantId ? -1 : a.applicantId > b.applicantId ? 1 : 0));
}

/** An application as the ranking reads it: null before its exam scores exist. Eligible while not ended. */
export function rankingEntryOf(state: ExistingRecruitmentApplication): RankingEntry | null {
  if (state.scores === null) return null;
  return {
    applicantId: state.applicationId,
    score: state.scores.total,
    eligible: state.status !== 'ENDED',
    preferenceCategories: [...state.preferenceCategories],
  };
}
