import { describe, expect, it } from 'vitest';
import { effectiveSetting, notificationsMuted } from './autoAway';

describe('effectiveSetting', () => {
  it('turns online into away after the idle threshold, and back', () => {
    expect(effectiveSetting('online', 299, 5)).toBe('online');
    expect(effectiveSetting('online', 300, 5)).toBe('away');
    expect(effectiveSetting('online', 2, 5)).toBe('online');
  });
  it('never changes a deliberate busy / appear offline / away', () => {
    expect(effectiveSetting('busy', 10_000, 5)).toBe('busy');
    expect(effectiveSetting('invisible', 10_000, 5)).toBe('invisible');
    expect(effectiveSetting('away', 0, 5)).toBe('away');
  });
  it('0 minutes means never away automatically', () => {
    expect(effectiveSetting('online', 10_000, 0)).toBe('online');
  });
  it('mutes notifications only when busy', () => {
    expect(notificationsMuted('busy')).toBe(true);
    expect(notificationsMuted('away')).toBe(false);
    expect(notificationsMuted('online')).toBe(false);
  });
});
