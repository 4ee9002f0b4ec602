/**
 * A spec written as JSON takes JSON.parse's fast path only when JSON.parse reads
 * it exactly as the YAML path would; a repeated key or a number that loses
 * digits goes through the YAML path and is refused there, with line and fix.
 */
import { SpecError } from '../src/errors';
import { resolveModel } from '../src/model/resolve';
import { needsYamlPath } from '../src/input/json-text';
import { parseSpecYaml } from '../src/input/load';

const account = (role: string) => `{"name": "a", "id": "111111111111", "region": "eu-west-1", "roles": [${role}]}`;
const spec = (role: string) => `{\n  "version": 1,\n  "issuers": {},\n  "accounts": [\n    ${account(role)}\n  ]\n}\n`;
const googleRole = (uniqueId: string) => `{"name": "r", "trust": [{"type": "google-service-account", "uniqueId": ${uniqueId}}]}`;

function messageOf(text: string): string {
  try {
    resolveModel(parseSpecYaml(text, 'spec.json'));
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).message;
  }
  throw new Error('the spec was accepted');
}

describe('JSON specs', () => {
  test('a repeated key is refused, not resolved to the last value', () => {
    const text = spec('{"name": "r", "name": "s", "trust": [{"type": "aws-service", "service": "ec2.amazonaws.com"}]}');
    expect(needsYamlPath(text)).toBe(true);
    const message = messageOf(text);
    expect(message).toContain('spec.json:5');
    expect(message).toContain('the key "name" appears twice in the same map');
    expect(message).toContain('fix: keep one "name" in that map');
  });

  test('an unquoted id that loses digits is refused with the value read and the quoting fix', () => {
    const text = spec(googleRole('109876543210987654321'));
    expect(needsYamlPath(text)).toBe(true);
    const message = messageOf(text);
    expect(message).toContain('109876543210987654321');
    expect(message).toContain('"109876543210987654321"');
  });

  test('the same spec, quoted and without repeats, takes the fast path and is accepted', () => {
    const text = spec(googleRole('"109876543210987654321"'));
    expect(needsYamlPath(text)).toBe(false);
    const model = resolveModel(parseSpecYaml(text, 'spec.json'));
    expect(JSON.stringify(model.accounts[0].roles[0].trustPolicy)).toContain('109876543210987654321');
  });

  test('escaped keys, keys in arrays of objects and strings that look like keys are told apart', () => {
    expect(needsYamlPath('{"a": [{"k": 1}, {"k": 2}], "b": "k:", "c\\u0041": {"a": -2.5}}')).toBe(false);
    expect(needsYamlPath('{"cA": 1, "c\\u0041": 2}')).toBe(true);
    expect(needsYamlPath('{"a": {"x": 1}, "b": {"x": 1}}')).toBe(false);
    expect(needsYamlPath('{"n": 3600.0}')).toBe(true);
    expect(needsYamlPath('{"n": 1e3}')).toBe(true);
    expect(needsYamlPath('{"n": 3600, "s": "1e3 \\" x"}')).toBe(false);
  });
});
