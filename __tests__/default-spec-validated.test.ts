/** The embedded default example ships validated: what the CLI loads is what the schema makes of it today, key order included. */
import { DEFAULT_SPEC_NAME, defaultSpec } from '../src/examples/default-spec';
import { validatedDefaultSpec } from '../src/examples/default-spec-validated';
import { loadSpecOrExample } from '../src/examples/spec-or-example';
import { validateSpec } from '../src/input/load';

test('GIVEN the embedded default spec WHEN the schema validates it THEN the committed default-spec-validated.ts holds exactly its output, key order included (npm run examples)', () => {
  const fromSchema = validateSpec(defaultSpec, DEFAULT_SPEC_NAME).spec;
  expect(validatedDefaultSpec).toStrictEqual(fromSchema);
  expect(JSON.stringify(validatedDefaultSpec)).toBe(JSON.stringify(fromSchema));
});

test('GIVEN no spec file WHEN loadSpecOrExample loads the example THEN it equals validating the embedded spec, with the same name and no locator', () => {
  const shipped = loadSpecOrExample(undefined);
  const validated = validateSpec(defaultSpec, DEFAULT_SPEC_NAME);
  expect(shipped.file).toBe(validated.file);
  expect(shipped.locate).toBeUndefined();
  expect(shipped.spec).toStrictEqual(validated.spec);
  expect(JSON.stringify(shipped.spec)).toBe(JSON.stringify(validated.spec));
});

test('GIVEN the example loaded twice WHEN one copy is changed THEN the other is not', () => {
  const first = loadSpecOrExample('');
  first.spec.accounts.pop();
  expect(loadSpecOrExample(undefined).spec.accounts).toHaveLength(validateSpec(defaultSpec).spec.accounts.length);
});
