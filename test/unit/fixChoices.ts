/** Fix-all as a user who, where the choice is theirs, takes the first fix offered: so tests check those fixes too. */
import { fixAll } from '../../server/src/core/analysis/queries';
import type { RuleFinding } from '../../server/src/core/rules/rule';
import type { TextEdit } from '../../server/src/core/types';

/**
 * Every finding's preferred fix, or its first fix where choosing is the user's (a registry that is not Premium):
 * fix-all itself leaves those alone, and a test that checks that every fix is sound must still apply them.
 */
export function fixAllChoosingFirst(findings: readonly RuleFinding[]): TextEdit[] {
  return fixAll(findings.map((finding) => ({ ...finding, fixes: () => finding.fixes().map((fix) => (fix.needsChoice ? { ...fix, needsChoice: false } : fix)) })));
}
