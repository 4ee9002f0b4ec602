import type { Rule } from '../types';
import { checkModel, forEachTrust } from './model-rule';

/**
 * The GitHub issuers whose repositories switched to the immutable subject: github.com's, and an
 * enterprise's issuer below it (GitHub Enterprise Server keeps the name-only form).
 */
const GITHUB_COM = /^token\.actions\.githubusercontent\.com(\/[^/]+)?$/;

/**
 * TRUST024: a `github-actions` entry without `ownerId` and `repositoryId` on
 * github.com's issuer. It writes only the name form `repo:owner/repo:...`;
 * since 2026-07-15 a repository created, renamed or transferred sends
 * `repo:owner@OWNER_ID/repo@REPO_ID:...` instead, which that subject never
 * matches, and a repository that later takes over the name matches it.
 */
export const trust024: Rule = {
  id: 'TRUST024',
  level: 'warning',
  kinds: ['model'],
  name: 'GitHub Actions trust without the immutable owner and repository ids',
  explanation:
    "Since 2026-07-15 GitHub writes the owner's and repository's numeric ids into the subject of every repository created, renamed or transferred on github.com: repo:OWNER@OWNER_ID/REPO@REPO_ID:... A trust that names the repository only by name writes repo:OWNER/REPO:..., so such a repository is denied without a word, and a repository that takes over the name after a rename or deletion is let in. The ids never change and are never reused.",
  fix: 'add ownerId and repositoryId (gh api repos/OWNER/REPO --jq .owner.id,.id); idsIn: claims while the repository still sends the name form, subject (the default) once it sends the id form, migration for both during the switch',
  check: (subject) =>
    checkModel(subject, (model, report) => {
      forEachTrust(model, (place) => {
        const t = place.trust;
        if (t.spec.type !== 'github-actions' || t.spec.ownerId !== undefined) return;
        const { provider } = t as { readonly provider?: { readonly host: string } };
        if (provider === undefined || !GITHUB_COM.test(provider.host)) return;
        const [owner, repo] = t.spec.repository.split('/');
        report({
          path: [...place.path, 'repository'],
          message: `github-actions trust of "${t.spec.repository}" has no ownerId and repositoryId: it matches only repo:${t.spec.repository}:..., not the repo:${owner}@<owner id>/${repo}@<repository id>:... that a repository created, renamed or transferred since 2026-07-15 sends, and it matches a repository that later takes over the name`,
        });
      });
    }),
};
