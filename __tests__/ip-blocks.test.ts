/**
 * The CIDR arithmetic behind IpAddress / NotIpAddress (src/ip.ts): which
 * texts are blocks, which address is in which block, and the addresses the
 * proofs try inside and just outside a block.
 */
import { addressIn, addressOutside, ipInBlock, parseBlock } from '../src/ip';

test.each([
  ['10.0.0.0/8', 32, 8],
  ['203.0.113.7', 32, 32],
  ['::', 128, 128],
  ['2001:db8::/32', 128, 32],
  ['2001:db8:0:0:0:0:0:1', 128, 128],
  ['::ffff:10.0.0.1/128', 128, 128],
])('GIVEN %s WHEN parsed THEN it is an IPv%s block of prefix %s', (text, bits, prefix) => {
  expect(parseBlock(text)).toMatchObject({ bits, prefix });
});

test.each([
  '256.0.0.1',
  '01.2.3.4',
  '10.0.0.0/33',
  '10.0.0.0/',
  '2001:db8::/129',
  '1:2:3:4:5:6:7:8:9',
  '2001:db8::1:2:3:4:5:6',
  '1::2::3',
  ':1',
  'fe80::1%eth0',
  'vpc-1',
  '',
])('GIVEN %j WHEN parsed THEN it is no block', (text) => {
  expect(parseBlock(text)).toBeUndefined();
});

test('GIVEN addresses and blocks WHEN matched THEN an address is in a block by its prefix bits only, and never across IP versions', () => {
  expect(ipInBlock('10.255.255.255', '10.0.0.0/8')).toBe(true);
  expect(ipInBlock('11.0.0.0', '10.0.0.0/8')).toBe(false);
  expect(ipInBlock('203.0.113.7', '203.0.113.7')).toBe(true);
  expect(ipInBlock('203.0.113.8', '203.0.113.7')).toBe(false);
  expect(ipInBlock('2001:db8:ffff::1', '2001:db8::/32')).toBe(true);
  expect(ipInBlock('2001:db9::', '2001:db8::/32')).toBe(false);
  expect(ipInBlock('10.0.0.1', '::/0')).toBe(false);
  expect(ipInBlock('::1', '0.0.0.0/0')).toBe(false);
  expect(ipInBlock('not-an-address', '0.0.0.0/0')).toBe(false);
});

test('GIVEN a block WHEN the proofs pick addresses THEN one is inside it and the other just outside (before it at the top of the space; none for a block of every address)', () => {
  for (const block of ['10.0.0.0/8', '10.1.2.3/8', '203.0.113.7', '255.0.0.0/8', '2001:db8::/32', '::/1']) {
    expect([block, ipInBlock(addressIn(block)!, block)]).toEqual([block, true]);
    expect([block, ipInBlock(addressOutside(block)!, block)]).toEqual([block, false]);
  }
  expect(addressOutside('10.0.0.0/8')).toBe('11.0.0.0');
  expect(addressOutside('255.0.0.0/8')).toBe('254.255.255.255');
  expect(addressOutside('0.0.0.0/0')).toBeUndefined();
});
