/**
 * An OIDC issuer of the spec (`issuers:`, by name): its URL, client ids,
 * thumbprints, audience, and the account and EKS cluster it belongs to.
 */
import { z } from 'zod';
import { quoteValue } from '../../errors';
import { fix, issue } from '../primitives/fields';
import { LIMITS } from '../primitives/limits';

const quote = (v: string) => quoteValue(v, 40);

/** IAM009: `https://host/path`, no port, query or fragment, at most 255 characters. */
const issuerUrl = z
  .string({ error: fix('expected the issuer URL as text', 'write the URL, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE', 'IAM009') })
  .superRefine((url, ctx) => {
    const copy = 'copy the issuer URL exactly, e.g. from `aws eks describe-cluster --query cluster.identity.oidc.issuer`';
    if (!url.startsWith('https://')) {
      issue(ctx, `the issuer URL ${quote(url)} does not start with https://`, 'IAM accepts only https issuers: write https://host/path', 'IAM009');
      return;
    }
    const rest = url.slice('https://'.length);
    const authority = rest.split(/[/?#]/)[0];
    if (/:/.test(authority))
      issue(
        ctx,
        `the issuer URL has a port (${quote(authority.slice(authority.indexOf(':')))})`,
        'remove the port: IAM OIDC providers are reached on port 443',
        'IAM009',
      );
    if (url.includes('?')) issue(ctx, 'the issuer URL has a query ("?...")', 'remove everything from "?" on', 'IAM009');
    if (url.includes('#')) issue(ctx, 'the issuer URL has a fragment ("#...")', 'remove everything from "#" on', 'IAM009');
    if (url.length > LIMITS.issuerUrl) issue(ctx, `the issuer URL has ${url.length} characters; IAM allows at most ${LIMITS.issuerUrl}`, copy, 'IAM009');
    if (/[:?#]/.test(rest)) return;
    if (url.endsWith('/')) issue(ctx, 'an issuer URL has no trailing "/"', 'remove the trailing "/"', 'IAM009');
    else if (!/^https:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~%/-]*)?$/.test(url)) {
      issue(ctx, 'the issuer URL has characters that are not allowed (host in lower case; path of letters, digits and . _ ~ % / -)', copy, 'IAM009');
    }
  });

export const issuer = z
  .strictObject({
    /** The issuer URL, e.g. an EKS cluster's `https://oidc.eks.<region>.amazonaws.com/id/<ID>`. */
    url: issuerUrl.meta({
      description: 'The issuer URL (IAM009): https://host/path, no port, query, fragment or trailing "/", at most 255 characters.',
      examples: ['https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E', 'https://token.actions.githubusercontent.com'],
    }),
    /** IAM008: 1-100 audiences (client ids) registered with the provider, each up to 255 characters. */
    clientIds: z
      .array(
        z
          .string({ error: fix('expected a client id as text', 'quote the client id', 'IAM008') })
          .min(1, fix('a client id is empty', 'remove the empty entry', 'IAM008'))
          .max(
            LIMITS.clientIdLength,
            fix(`a client id has at most ${LIMITS.clientIdLength} characters`, 'use the client id (audience) exactly as the issuer registers it', 'IAM008'),
          ),
        { error: fix('expected a list of client ids', 'write clientIds: [sts.amazonaws.com]', 'IAM008') },
      )
      .min(1, fix('a provider needs at least one client id', 'write clientIds: [sts.amazonaws.com], or remove clientIds for that default', 'IAM008'))
      .max(
        LIMITS.clientIds,
        fix(`a provider has at most ${LIMITS.clientIds} client ids`, 'remove client ids, or split the audiences over two issuers', 'IAM008'),
      )
      .default(['sts.amazonaws.com'])
      .meta({
        description: 'The audiences (client ids) registered with the OIDC provider (IAM008): 1 to 100, each up to 255 characters.',
        examples: [['sts.amazonaws.com']],
      }),
    /** IAM007: at most 5 server certificate thumbprints of 40 hex characters; optional for providers AWS verifies itself. */
    thumbprints: z
      .array(
        z
          .string({ error: fix('expected a thumbprint as text', 'quote the thumbprint', 'IAM007') })
          .regex(/^[0-9a-fA-F]{40}$/, fix('a thumbprint is 40 hex characters', 'copy the SHA-1 thumbprint of the issuer certificate', 'IAM007')),
        { error: fix('expected a list of thumbprints', 'write thumbprints: [<40 hex characters>]', 'IAM007') },
      )
      .max(LIMITS.thumbprints, fix(`a provider has at most ${LIMITS.thumbprints} thumbprints`, 'keep at most 5 thumbprints', 'IAM007'))
      .default([])
      .meta({
        description:
          "SHA-1 thumbprints of the issuer's server certificate (IAM007): at most 5, 40 hex characters each; optional for providers AWS verifies itself.",
      }),
    /** The `aud` every trust on this issuer requires; one of clientIds. */
    audience: z
      .string()
      .optional()
      .meta({
        description:
          'The aud every trust on this issuer requires; one of clientIds. Default: sts.amazonaws.com when clientIds has it, else the first client id.',
        examples: ['sts.amazonaws.com'],
      }),
    /** The spec account the issuer's cluster runs in (data platform `aws_role` values are role names there). */
    account: z
      .string()
      .optional()
      .meta({
        description: "The spec account the issuer's cluster runs in (data platform aws_role values are role names there).",
        examples: ['data-platform'],
      }),
    /** The EKS cluster's name, when this issuer is an EKS cluster's: its IRSA ServiceAccounts share `kubernetes/<cluster>.yaml` with its Pod Identity ones. @default the issuer's name */
    cluster: z
      .string({ error: fix('expected the EKS cluster name as text', 'write the cluster name as `aws eks list-clusters` shows it') })
      .regex(
        /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
        fix('an EKS cluster name has 1 to 100 letters, digits, "-" and "_"', 'write the cluster name as `aws eks list-clusters` shows it'),
      )
      .optional()
      .meta({
        description:
          "The EKS cluster's name (as aws eks list-clusters shows it), when this issuer is an EKS cluster's: its IRSA ServiceAccounts share kubernetes/<cluster>.yaml with its Pod Identity ones. Default: the issuer's name.",
        examples: ['core'],
      }),
  })
  .refine((i) => i.audience === undefined || i.clientIds.includes(i.audience), {
    error: fix('audience is not one of clientIds', 'add the audience to clientIds or pick one of them'),
    path: ['audience'],
  });
