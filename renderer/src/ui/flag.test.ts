import { describe, expect, it } from 'vitest';
import { flagEmoji, joinsFlags } from './flag';

describe('country flags (drawn as emoji, or the code where no font joins them)', () => {
  it('makes the emoji from two capitals only', () => {
    expect(flagEmoji('CN')).toBe('🇨🇳');
    expect(flagEmoji('pl')).toBe('');
    expect(flagEmoji('')).toBe('');
  });

  it('takes a pair drawn as one glyph for a flag, and two boxes or letters for none', () => {
    // An emoji font: the pair is one glyph of about one em; each letter alone another em.
    const emojiFont = (s: string) => ([...s].length === 2 ? 32 : 30);
    // No emoji font: a box per letter, the pair two boxes wide.
    const boxes = (s: string) => 16 * [...s].length;
    expect(joinsFlags(emojiFont)).toBe(true);
    expect(joinsFlags(boxes)).toBe(false);
    expect(joinsFlags(null)).toBe(false);
  });
});
