import { isIP } from 'node:net';
import type { CelFunc, CelMap } from '@bufbuild/cel';
import { celModule } from './cel-module.js';
import { field, markedType, marked } from './cel-marked.js';

/**
 * k8s.io/apiserver/pkg/cel/library/ip.go and cidr.go. Like Go's netip, IPv4-mapped IPv6 and
 * zones are refused, and a CIDR's address need not be its network address.
 */

function bits(address: string): bigint {
  if (isIP(address) === 4)
    return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
  const [head, tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function validIP(text: string): boolean {
  const family = isIP(text);
  if (family === 4) return !/(^|\.)0\d/.test(text);
  return family === 6 && !text.includes('%') && !/\d+\.\d+\.\d+\.\d+$/.test(text);
}

function ip(text: string): CelMap {
  if (!validIP(text))
    throw new Error(`IP Address ${JSON.stringify(text)} parse error during conversion from string`);
  const family = isIP(text);
  return marked('ip', { text, family: BigInt(family), bits: bits(text) });
}

function parseCidr(text: string): { address: string; prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!validIP(address) || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= (isIP(address) === 4 ? 32 : 128) ? { address, prefix } : undefined;
}

function cidr(text: string): CelMap {
  const parsed = parseCidr(text);
  if (!parsed)
    throw new Error(`network address parse error during conversion from string: ${text}`);
  return marked('cidr', { text, address: parsed.address, prefix: BigInt(parsed.prefix) });
}

function width(family: bigint): bigint {
  return family === 4n ? 32n : 128n;
}

function ipBits(value: CelMap): { family: bigint; bits: bigint } {
  return { family: field<bigint>(value, 'ip', 'family'), bits: field<bigint>(value, 'ip', 'bits') };
}

function network(value: CelMap): { family: bigint; bits: bigint; prefix: bigint } {
  const address = field<string>(value, 'cidr', 'address');
  const prefix = field<bigint>(value, 'cidr', 'prefix');
  const family = BigInt(isIP(address));
  const host = width(family) - prefix;
  return { family, prefix, bits: (bits(address) >> host) << host };
}

function contains(net: CelMap, family: bigint, address: bigint, prefix: bigint): boolean {
  const outer = network(net);
  if (outer.family !== family || prefix < outer.prefix) return false;
  const host = width(family) - outer.prefix;
  return (address >> host) << host === outer.bits;
}

function isLoopback(value: CelMap): boolean {
  const { family, bits: b } = ipBits(value);
  return family === 4n ? b >> 24n === 127n : b === 1n;
}

export function ipFunctions(): readonly CelFunc[] {
  const { CelScalar, celFunc, celMethod } = celModule();
  const MARKED = markedType();
  return [
    celFunc('ip', [CelScalar.STRING], MARKED, (text) => ip(text)),
    celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (text) => validIP(text)),
    celFunc('cidr', [CelScalar.STRING], MARKED, (text) => cidr(text)),
    celFunc('isCIDR', [CelScalar.STRING], CelScalar.BOOL, (text) => parseCidr(text) !== undefined),
    celFunc('ip.isCanonical', [CelScalar.STRING], CelScalar.BOOL, (text) => {
      if (!validIP(text)) throw new Error(`IP Address ${JSON.stringify(text)} parse error`);
      return isIP(text) === 4 || text === text.toLowerCase();
    }),
    celMethod('family', MARKED, [], CelScalar.INT, function () {
      return ipBits(this).family;
    }),
    celMethod('isUnspecified', MARKED, [], CelScalar.BOOL, function () {
      return ipBits(this).bits === 0n;
    }),
    celMethod('isLoopback', MARKED, [], CelScalar.BOOL, function () {
      return isLoopback(this);
    }),
    celMethod('isLinkLocalUnicast', MARKED, [], CelScalar.BOOL, function () {
      const { family, bits: b } = ipBits(this);
      return family === 4n ? b >> 16n === 0xa9fen : b >> 118n === 0x3fan;
    }),
    celMethod('isLinkLocalMulticast', MARKED, [], CelScalar.BOOL, function () {
      const { family, bits: b } = ipBits(this);
      return family === 4n ? b >> 8n === 0xe00000n : b >> 112n === 0xff02n;
    }),
    celMethod('isGlobalUnicast', MARKED, [], CelScalar.BOOL, function () {
      const { family, bits: b } = ipBits(this);
      if (b === 0n || isLoopback(this)) return false;
      if (family === 4n) return b >> 28n !== 0xen && b !== 0xffffffffn && b >> 16n !== 0xa9fen;
      return b >> 120n !== 0xffn && b >> 118n !== 0x3fan;
    }),
    celMethod('containsIP', MARKED, [MARKED], CelScalar.BOOL, function (other) {
      const { family, bits: b } = ipBits(other);
      return contains(this, family, b, width(family));
    }),
    celMethod('containsIP', MARKED, [CelScalar.STRING], CelScalar.BOOL, function (text) {
      const { family, bits: b } = ipBits(ip(text));
      return contains(this, family, b, width(family));
    }),
    celMethod('containsCIDR', MARKED, [MARKED], CelScalar.BOOL, function (other) {
      const inner = network(other);
      return contains(this, inner.family, inner.bits, inner.prefix);
    }),
    celMethod('containsCIDR', MARKED, [CelScalar.STRING], CelScalar.BOOL, function (text) {
      const inner = network(cidr(text));
      return contains(this, inner.family, inner.bits, inner.prefix);
    }),
    celMethod('prefixLength', MARKED, [], CelScalar.INT, function () {
      return field<bigint>(this, 'cidr', 'prefix');
    }),
    celMethod('ip', MARKED, [], MARKED, function () {
      return ip(field<string>(this, 'cidr', 'address'));
    }),
  ];
}
