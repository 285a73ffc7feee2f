import { describe, expect, it } from 'vitest';
import { directoryList, matchesDirectory, type DirectoryEntry } from './directory';

const names: Record<string, string> = { CN: 'China', PL: 'Polska', BR: 'Brasil' };
const countryName = (code: string): string => names[code] ?? code;
const entry = (memberId: string, displayName: string, company: string, country: string): DirectoryEntry => ({
  memberId,
  displayName,
  company,
  country,
});
const li = entry('li-yiwu', 'Li Wei', 'Yiwu Bright Trading Co., Ltd.', 'CN');
const ana = entry('ana-sp', 'Ana Lúcia', 'Importadora São Paulo', 'BR');
const jan = entry('jan-k', 'Jan Kowalski', '', 'PL');
const nobody = entry('zz-x', 'Zoë', '', '');

describe('contact directory', () => {
  it('finds by name, member id (with or without @), company and country code or name', () => {
    expect(matchesDirectory(li, 'wei', countryName)).toBe(true);
    expect(matchesDirectory(li, '@li-yiwu', countryName)).toBe(true);
    expect(matchesDirectory(li, 'bright trading', countryName)).toBe(true);
    expect(matchesDirectory(li, 'china', countryName)).toBe(true);
    expect(matchesDirectory(jan, 'pl', countryName)).toBe(true);
    expect(matchesDirectory(jan, 'polska', countryName)).toBe(true);
    expect(matchesDirectory(li, 'polska', countryName)).toBe(false);
  });

  it('ignores accents and case, and needs every word', () => {
    expect(matchesDirectory(ana, 'sao paulo', countryName)).toBe(true);
    expect(matchesDirectory(ana, 'LUCIA brasil', countryName)).toBe(true);
    expect(matchesDirectory(ana, 'lucia china', countryName)).toBe(false);
    expect(matchesDirectory(nobody, 'zoe', countryName)).toBe(true);
  });

  it('lists the matches by name; an empty query lists everyone', () => {
    expect(directoryList([li, jan, ana, nobody], '', countryName, 'en').map((e) => e.memberId)).toEqual([
      'ana-sp',
      'jan-k',
      'li-yiwu',
      'zz-x',
    ]);
    expect(directoryList([li, jan, ana], 'trading', countryName).map((e) => e.memberId)).toEqual(['li-yiwu']);
  });
});
