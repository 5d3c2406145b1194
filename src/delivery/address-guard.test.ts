import { describe, expect, it } from 'vitest';
import { forbiddenDestination, nonPublicRange } from './address-guard.ts';

describe('SSRF guard', () => {
  it.each([
    ['8.8.8.8', null],
    ['142.250.185.10', null],
    ['2001:4860:4860::8888', null],
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['2002:0a00:0001::1', '6to4'],
    ['not an ip', 'invalid'],
  ])('classifies %s', (ip, range) => {
    expect(nonPublicRange(ip)).toBe(range);
  });

  it('lets everything through under RELAIS_ALLOW_PRIVATE_WEBHOOKS, and a name that does not resolve (checked again at connect time)', async () => {
    expect(await forbiddenDestination(new URL('https://10.0.0.1/x'), true)).toBeNull();
    expect(await forbiddenDestination(new URL('https://no-such-host.invalid/x'), false)).toBeNull();
    const refused = await forbiddenDestination(new URL('https://10.0.0.1/x'), false);
    expect(String(refused)).toMatch(/10\.0\.0\.1, a private address/);
    expect(refused?.in('fr')).toMatch(
      /^10\.0\.0\.1, une adresse de type private : les webhooks ne peuvent joindre que des adresses publiques/,
    );
  });
});
