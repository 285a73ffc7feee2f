import { describe, expect, it } from 'vitest';
import { describeDevice, isUserAgent } from './device';

describe('describeDevice', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      { name: 'Chrome 140', platform: 'Linux' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      { name: 'Edge 131', platform: 'Windows' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      { name: 'Safari 17', platform: 'macOS' },
    ],
    [
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      { name: 'Firefox 133', platform: 'Linux' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      { name: 'Chrome 131', platform: 'Android' },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      { name: 'Safari 17', platform: 'iOS' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) tradewind/0.1.0 Chrome/138.0.0.0 Electron/37.2.0 Safari/537.36',
      { name: 'Tradewind desktop', platform: 'Windows' },
    ],
    ['curl/8.5.0', { name: null, platform: null }],
    // What clients before issue 12 stored: the user agent cut at 64 characters.
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like ', { name: null, platform: 'Linux' }],
  ])('%s', (ua, expected) => {
    expect(describeDevice(ua)).toEqual(expected);
  });

  it('tells a raw user agent from a device name', () => {
    expect(isUserAgent('Mozilla/5.0 (X11; Linux x86_64)')).toBe(true);
    expect(isUserAgent('Chrome 140')).toBe(false);
    expect(isUserAgent('demo')).toBe(false);
  });
});
