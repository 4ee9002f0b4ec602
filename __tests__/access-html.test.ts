/**
 * Issue 27 item 8: `modules/access.html`, the trust graph as a self-contained
 * page. Written beside ACCESS.md, byte-identical across runs, nothing fetched;
 * every role in the graph links to its entry, which lists its callers; failing
 * checks are marked. (`access-html-chromium.test.ts` renders it in a browser.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessPage, roleAnchor } from '../src/access/report/access-html';
import { writeAccessDocs } from '../src/access/report/access-md';
import { MAX_GRAPH_EDGES } from '../src/access/report/graph';
import type { MatrixCell } from '../src/access/proof/matrix';
import type { RoleResult } from '../src/access/proof/sweep';
import { resolveModel } from '../src/model/resolve';
import { loadSpec } from '../src/synth';
import { model as modelOf } from './helpers/model';
import { synthTo } from './helpers/synth';

const model = resolveModel(loadSpec(''));
const first = synthTo(undefined);
const page = readFileSync(join(first.dir, 'modules', 'access.html'), 'utf8');

/** The ids of the `<section>` entries, and the `#...` links of the graph. */
const sectionIds = (html: string) => [...html.matchAll(/<section class="role[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
const graphLinks = (html: string) => [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));

test('GIVEN the default example WHEN synthesized twice THEN access.html is written, byte-identical, the same as writeAccessDocs gives', () => {
  expect(readFileSync(join(synthTo(undefined).dir, 'modules', 'access.html'), 'utf8')).toBe(page);
  const docs = new Map<string, string>();
  writeAccessDocs(model, (path, content) => docs.set(path, content));
  expect(docs.get('access.html')).toBe(page);
  expect(page).not.toContain(first.dir);
});

test('THEN the page is self-contained: no script, stylesheet link, image, font, frame or URL to fetch', () => {
  expect(page.startsWith('<!DOCTYPE html>\n')).toBe(true);
  for (const forbidden of [
    /<script/i,
    /<link/i,
    /<img/i,
    /<iframe/i,
    /@import/i,
    /@font-face/i,
    /\bsrc=/i,
    /href="(?!#)/i,
    /url\((?!#arrow\))/i,
    /xlink:href/i,
  ])
    expect(page).not.toMatch(forbidden);
  expect(page).toContain('<svg class="graph"');
  expect(page).toContain('<style>');
});

test('THEN every account of the example is a box in the graph, titled with its name and id', () => {
  for (const a of model.accounts) expect(page).toContain(`data-account="${a.name}"><rect`);
  for (const a of model.accounts) expect(page).toContain(`>${a.name} · ${a.id}<`);
});

test('THEN every role is one click from its callers: each role of the graph links to an entry, and each entry is linked', () => {
  const ids = sectionIds(page);
  expect(ids).toEqual(model.accounts.flatMap((a) => a.roles.map((r) => roleAnchor(a.name, r.name))));
  expect([...graphLinks(page)].sort()).toEqual([...ids].sort());
  expect(new Set(ids).size).toBe(ids.length);
});

test("THEN raw-data/airflow-emr's entry lists the airflow role (and its session) as callers, and no failing check", () => {
  const s = section(page, roleAnchor('raw-data', 'airflow-emr'));
  expect(s).toContain('<h4>Callers (2)</h4>');
  expect(s).toContain('<code>arn:aws:iam::333333333333:role/airflow</code>');
  expect(s).toContain('<code>arn:aws:sts::333333333333:assumed-role/airflow/access-check</code>');
  expect(s).not.toContain('Exceptions');
  expect(page).not.toContain('class="role fail"');
});

test('THEN every trust entry of the example is an arrow, and each source (issuer, Google, service) a node', () => {
  const entries = model.accounts.reduce((n, a) => n + a.roles.reduce((m, r) => m + r.trust.length, 0), 0);
  expect(page.match(/<path class="edge/g)).toHaveLength(entries);
  for (const source of ['data-platform-cluster', 'airflow-cluster', 'connections-cluster', 'accounts.google.com', 's3.amazonaws.com'])
    expect(page).toMatch(new RegExp(`<g class="source"><rect[^>]*/><text[^>]*>${source.replace(/\./g, '\\.')}</text>`));
});

test('GIVEN a role with a failing and an undecidable check THEN the graph marks it, its account counts it, and its entry lists both', () => {
  const p = new AccessPage(model, () => undefined);
  const role = {
    key: 'data-query/airflow-athena',
    account: 'data-query',
    accountId: '555555555555',
    name: 'airflow-athena',
    arn: 'arn:aws:iam::555555555555:role/airflow-athena',
    declared: true,
  };
  const cell = (identity: string, actual: MatrixCell['actual'], ok: boolean): MatrixCell => ({
    role: role.key,
    identity,
    expected: 'deny',
    actual,
    deciding: '',
    reason: 'test',
    notes: [],
    ok,
  });
  p.add({
    index: 0,
    role,
    cells: [cell('arn:aws:iam::999999999999:role/intruder', 'allow', false), cell('arn:aws:iam::888888888888:role/maybe', 'cannot-decide', true)],
    evaluated: 2,
  } as RoleResult);
  const html = p.render({ cells: 1, expectedAllow: 0, allowed: 1, failures: 1, cannotDecide: 1, roles: 1, identities: 2, evaluated: 2 }, []);
  expect(html).toMatch(/<g class="role fail">[^\n]*airflow-athena ✗<\/text>/);
  expect(html).toMatch(/<g class="account has-fail" data-account="data-query">[^\n]*555555555555 ✗ 1<\/text>/);
  const s = section(html, roleAnchor('data-query', 'airflow-athena'));
  expect(s).toContain('<h4>Exceptions (2)</h4>');
  expect(s).toContain('<span class="bad">✗ fails</span> <code>arn:aws:iam::999999999999:role/intruder</code>');
  expect(s).toContain('<span class="warn">? cannot decide</span> <code>arn:aws:iam::888888888888:role/maybe</code>');
});

test(`GIVEN more than ${MAX_GRAPH_EDGES} trust edges THEN each account is one row of the graph, edges merged, and every role still has its entry`, () => {
  const roles = Array.from({ length: MAX_GRAPH_EDGES + 1 }, (_, i) => ({ name: `r${i}`, trust: [{ type: 'aws-service', service: 's3.amazonaws.com' }] }));
  const big = modelOf({ version: 1, accounts: [{ name: 'big', id: '111111111111', region: 'eu-west-1', roles }] } as never);
  const docs = new Map<string, string>();
  writeAccessDocs(big, (path, content) => docs.set(path, content));
  const html = docs.get('access.html')!;
  expect(html).toContain(`${MAX_GRAPH_EDGES + 1} roles (listed below)`);
  expect(html.match(/<path class="edge/g)).toHaveLength(1);
  expect(graphLinks(html)).toEqual([]);
  expect(sectionIds(html)).toHaveLength(MAX_GRAPH_EDGES + 1);
});

test('GIVEN role names that differ only in characters an id cannot hold THEN their anchors differ', () => {
  expect(roleAnchor('a', 'x.y')).not.toBe(roleAnchor('a', 'x_y'));
  expect(roleAnchor('a-b', 'c')).not.toBe(roleAnchor('a', 'b-c'));
  expect(roleAnchor('a', 'x.y')).toMatch(/^[A-Za-z0-9_-]+$/);
});
