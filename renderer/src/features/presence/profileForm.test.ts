import { describe, expect, it } from 'vitest';
import type { Me } from '../../../../shared/protocol';
import { formFromMe, parseClock, updateFromForm, zoneOptions } from './profileForm';

const me = (extra: Partial<Me['profile']> = {}): Me => ({
  memberId: 'li-shanghai',
  displayName: 'Li Wei',
  role: 'seller',
  memberSince: '2026-01-01T00:00:00Z',
  contactPolicy: 'anyone',
  presenceVisibility: 'everyone',
  readLanguage: 'zh',
  profile: { company: 'Yiwu Bright', country: 'CN', timeZone: 'Asia/Shanghai', languages: ['zh'], ...extra },
});

describe('profile form', () => {
  it('does not publish hours the user never set', () => {
    const r = updateFromForm(formFromMe(me()));
    expect(r.ok && r.update.profile).toEqual({
      company: 'Yiwu Bright',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
    });
  });

  it('round-trips weekly hours, closed days, a lunch break, and a close at midnight', () => {
    const hours = [
      [
        { start: 540, end: 720 },
        { start: 780, end: 1080 },
      ],
      [{ start: 540, end: 1080 }],
      [{ start: 540, end: 1080 }],
      [{ start: 540, end: 1080 }],
      [{ start: 600, end: 1440 }],
      [],
      [],
    ];
    const f = formFromMe(me({ businessHours: hours }));
    expect(f.days[0]).toMatchObject({ open: true, start: '09:00', end: '12:00' });
    expect(f.days[4]).toMatchObject({ start: '10:00', end: '00:00' });
    expect(f.days[5]?.open).toBe(false);
    const r = updateFromForm(f);
    expect(r.ok && r.update.profile?.businessHours).toEqual(hours);
  });

  it('starts unticked without hours, ticked with them; ticking publishes the default week', () => {
    expect(formFromMe(me()).publishHours).toBe(false);
    const f = formFromMe(me());
    f.publishHours = true;
    const r = updateFromForm(f);
    const nineToFive = [{ start: 540, end: 1020 }];
    expect(r.ok && r.update.profile?.businessHours).toEqual([
      nineToFive,
      nineToFive,
      nineToFive,
      nineToFive,
      nineToFive,
      [],
      [],
    ]);
  });

  it('withdraws published hours with null when "Publish my business hours" is unticked', () => {
    const f = formFromMe(me({ businessHours: [[{ start: 540, end: 1080 }], [], [], [], [], [], []] }));
    expect(f.publishHours).toBe(true);
    f.publishHours = false;
    // A broken day that is no longer published does not block saving.
    f.days[2] = { open: true, start: '18:00', end: '09:00', more: [] };
    const r = updateFromForm(f);
    expect(r.ok && r.update.profile).toEqual({
      company: 'Yiwu Bright',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      businessHours: null,
    });
  });

  it('sends nothing about hours when they were never published and stay unticked', () => {
    const f = formFromMe(me());
    f.publishHours = true;
    f.days[0] = { open: true, start: '08:00', end: '12:00', more: [] };
    f.publishHours = false;
    const r = updateFromForm(f);
    expect(r.ok && r.update.profile).not.toHaveProperty('businessHours');
  });

  it('refuses a day that closes before it opens, and an empty name', () => {
    const f = formFromMe(me());
    f.publishHours = true;
    f.days[2] = { open: true, start: '18:00', end: '09:00', more: [] };
    expect(updateFromForm(f)).toEqual({ ok: false, problem: { kind: 'hours', day: 2 } });
    expect(updateFromForm({ ...formFromMe(me()), displayName: '  ' })).toEqual({
      ok: false,
      problem: { kind: 'name' },
    });
  });

  it('parses clock times', () => {
    expect([parseClock('09:30'), parseClock('24:00'), parseClock('24:01'), parseClock('9:5')]).toEqual([
      570,
      1440,
      null,
      null,
    ]);
  });

  it('offers a choice per zone name, standing for the current zone, and keeps one no choice has', () => {
    const choices = [
      { label: 'GMT+1 · Central European Time', zones: ['Africa/Ceuta', 'Europe/Berlin', 'Europe/Warsaw'] },
      { label: 'GMT+8 · China Standard Time', zones: ['Asia/Shanghai'] },
    ];
    expect(zoneOptions(choices, 'Europe/Warsaw', 'x')).toEqual([
      { value: 'Europe/Warsaw', label: 'GMT+1 · Central European Time' },
      { value: 'Asia/Shanghai', label: 'GMT+8 · China Standard Time' },
    ]);
    expect(zoneOptions(choices, 'Etc/Unknown', 'GMT+0')).toEqual([
      { value: 'Etc/Unknown', label: 'GMT+0' },
      { value: 'Africa/Ceuta', label: 'GMT+1 · Central European Time' },
      { value: 'Asia/Shanghai', label: 'GMT+8 · China Standard Time' },
    ]);
  });
});
