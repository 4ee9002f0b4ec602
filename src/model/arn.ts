/** ARNs and names built from the spec, so that every policy is known at plan time. */

export const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/[\x21-\x7e]*)?\/([\w+=,.@-]{1,64})$/;
export const POLICY_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy(\/[\x21-\x7e]*)?\/([\w+=,.@-]{1,128})$/;

/** The partition a region belongs to: `cn-*` to aws-cn, `us-gov-*` to aws-us-gov, the commercial regions to aws; undefined for the isolated ones. */
export function partitionOfRegion(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' | undefined {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (/^[a-z]{2}-iso/.test(region)) return undefined;
  return 'aws';
}

export function roleArn(partition: string, accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role${path}${name}`;
}

export function policyArn(partition: string, accountId: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:policy/${name}`;
}

export function oidcProviderArn(partition: string, accountId: string, host: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${host}`;
}

/** `https://oidc.eks.eu-west-1.amazonaws.com/id/X` -> `oidc.eks.eu-west-1.amazonaws.com/id/X`, the condition-key prefix. */
export function issuerHost(url: string): string {
  return url.replace(/^https:\/\//, '');
}

export interface ParsedRoleArn {
  readonly partition: string;
  readonly accountId: string;
  readonly path: string;
  readonly name: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], accountId: m[2], path: `${m[3] ?? ''}/`, name: m[4] };
}

/** A Terraform identifier from any name: letters, digits, `_` and `-`, starting with a letter or `_`. */
export function tfIdentifier(name: string): string {
  const cleaned = isIdentifierText(name) ? name : name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Whether every character is a letter, a digit, `_` or `-` (`/^[A-Za-z0-9_-]*$/`, without a regular expression: the resolver asks for every id it hands out). */
function isIdentifierText(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Hands out Terraform identifiers that stay unique within one scope, deterministically. */
export class IdentifierScope {
  private readonly used = new Set<string>();

  claim(name: string): string {
    const base = tfIdentifier(name);
    let id = base;
    let key = id.toLowerCase();
    for (let n = 2; this.used.has(key); n++) {
      id = `${base}_${n}`;
      key = id.toLowerCase();
    }
    this.used.add(key);
    return id;
  }
}
