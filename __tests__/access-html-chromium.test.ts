/**
 * Issue 27 item 8, checked the way a person would: the default example's
 * `modules/access.html` opened in headless Chromium (Debian's `chromium`
 * package, or CHROMIUM_BIN). The browser lays out every account box of the
 * example with its title (read back from the rendered DOM through a probe
 * that only this test appends to a copy of the page), and a screenshot is
 * taken and must not be blank. Without Chromium the test fails and says how
 * to install it; it never skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { resolveModel } from '../src/model/resolve';
import { loadSpec } from '../src/synth';
import { synthTo, tempDir } from './helpers/synth';

const INSTALL = 'apt-get update && apt-get install -y chromium';

/** The browser: CHROMIUM_BIN, else `chromium` on PATH. */
function chromium(): string {
  const fromEnv = process.env.CHROMIUM_BIN;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_BIN=${fromEnv} does not exist; unset it or install Chromium: ${INSTALL}`);
    return fromEnv;
  }
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  if (found.status !== 0 || !found.stdout.trim())
    throw new Error(
      `headless Chromium is needed to render modules/access.html and was not found on PATH; install Debian's package: ${INSTALL} (or set CHROMIUM_BIN)`,
    );
  return found.stdout.trim();
}

/** Headless, offline, with a profile of its own. */
function run(bin: string, args: readonly string[], work: string): string {
  const profile = join(work, `profile-${args.length}`);
  mkdirSync(profile);
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
  ];
  return execFileSync(bin, [...flags, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Appended to a copy of the page: each account box's laid-out size and
 * position and its title as rendered, as JSON in a <pre>, which --dump-dom shows.
 */
const PROBE = `<script>
const boxes = [...document.querySelectorAll('svg.graph g.account')].map((g) => {
  const r = g.querySelector('rect').getBoundingClientRect();
  const t = g.querySelector('text.title');
  return { account: g.dataset.account, title: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height, textWidth: t.getComputedTextLength() };
});
const pre = document.createElement('pre');
pre.id = 'probe';
pre.textContent = JSON.stringify(boxes);
document.body.appendChild(pre);
</script>`;

/** Width, height and the share of non-zero bytes of the decompressed image data of a PNG. */
function pngStats(png: Buffer): { width: number; height: number; inked: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  let nonZero = 0;
  for (const b of raw) if (b !== 0) nonZero++;
  return { width, height, inked: nonZero / raw.length };
}

describe('GIVEN the default example synthesized, WHEN modules/access.html is opened in headless Chromium', () => {
  const model = resolveModel(loadSpec(''));
  const work = tempDir('access-html-');
  const { dir } = synthTo(undefined, join(work, 'synth'));
  const pagePath = join(dir, 'modules', 'access.html');

  test('THEN every account of the example is laid out as a box with its name and id, and no two boxes overlap', () => {
    const bin = chromium();
    const probed = join(work, 'probed.html');
    writeFileSync(probed, readFileSync(pagePath, 'utf8').replace('</body>', `${PROBE}\n</body>`));
    const dom = run(bin, ['--dump-dom', `file://${probed}`], work);
    const json = /<pre id="probe">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(json).toBeDefined();
    const boxes: { account: string; title: string; x: number; y: number; w: number; h: number; textWidth: number }[] = JSON.parse(
      json!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    );
    expect(boxes.map((b) => b.account)).toEqual(model.accounts.map((a) => a.name));
    for (const a of model.accounts) {
      const b = boxes.find((x) => x.account === a.name)!;
      expect(b.title).toBe(`${a.name} · ${a.id}`);
      expect(b.w).toBeGreaterThan(100);
      expect(b.h).toBeGreaterThan(30);
      expect(b.textWidth).toBeGreaterThan(50);
    }
    for (const p of boxes) for (const q of boxes) if (p !== q) expect(p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y).toBe(true);
  });

  test('THEN a 1400x1000 screenshot is taken and is not blank', () => {
    const bin = chromium();
    const shot = join(work, 'access.png');
    run(bin, [`--screenshot=${shot}`, '--window-size=1400,1000', '--hide-scrollbars', `file://${pagePath}`], work);
    const stats = pngStats(readFileSync(shot));
    expect([stats.width, stats.height]).toEqual([1400, 1000]);
    // A blank page filters to almost all zero bytes; the graph, the text and the boxes do not.
    expect(stats.inked).toBeGreaterThan(0.02);
  });
});
