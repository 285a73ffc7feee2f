import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/DateField';
import { conversationIdFor, partnerOf } from '../../../../shared/protocol';
import type { ContactRow } from '../../db/schema';
import { locale } from '../../i18n';
import type { SearchFilters } from './query';

type Editing = 'contact' | 'order' | 'date' | null;

interface Props {
  filters: SearchFilters;
  onChange: (next: SearchFilters) => void;
  contacts: ReadonlyMap<string, ContactRow> | undefined;
  me: string;
}

/** Local midnight of a `YYYY-MM-DD` date input (plus `days`), ms since epoch; DST-safe. */
const dayStart = (value: string, days = 0): number => {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days).getTime();
};
const shortDate = (ms: number): string =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(ms));

/**
 * The filters as chips (contact, order number, date range): each set filter is a chip with a
 * remove button; "+ Contact", "+ Order", "+ Date" open a small form for one.
 */
export function Filters({ filters, onChange, contacts, me }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const chips: { name: string; clear: SearchFilters }[] = [];
  const { conversationId, orderNo, from, to } = filters;
  if (conversationId !== undefined) {
    const partner = partnerOf(conversationId, me) ?? conversationId;
    const name = contacts?.get(partner)?.displayName ?? partner;
    chips.push({ name: t('search.chipContact', { name }), clear: { ...filters, conversationId: undefined } });
  }
  if (orderNo !== undefined) {
    chips.push({
      name: t('search.chipOrder', { order: orderNo }),
      clear: { ...filters, orderNo: undefined },
    });
  }
  if (from !== undefined || to !== undefined) {
    chips.push({
      name: t('search.chipDate', {
        from: from !== undefined ? shortDate(from) : '…',
        to: to !== undefined ? shortDate(to - 1) : '…',
      }),
      clear: { ...filters, from: undefined, to: undefined },
    });
  }

  return (
    <div className="search-filters" role="group" aria-label={t('search.filters')}>
      {chips.map((c) => (
        <span key={c.name} className="search-chip">
          {c.name}
          <button
            type="button"
            className="chip-x"
            aria-label={t('search.remove', { name: c.name })}
            onClick={() => onChange(c.clear)}
          >
            ×
          </button>
        </span>
      ))}
      {conversationId === undefined && (
        <button
          type="button"
          className="button-ghost"
          aria-expanded={editing === 'contact'}
          onClick={() => setEditing(editing === 'contact' ? null : 'contact')}
        >
          {t('search.addContact')}
        </button>
      )}
      {orderNo === undefined && (
        <button
          type="button"
          className="button-ghost"
          aria-expanded={editing === 'order'}
          onClick={() => setEditing(editing === 'order' ? null : 'order')}
        >
          {t('search.addOrder')}
        </button>
      )}
      {from === undefined && to === undefined && (
        <button
          type="button"
          className="button-ghost"
          aria-expanded={editing === 'date'}
          onClick={() => setEditing(editing === 'date' ? null : 'date')}
        >
          {t('search.addDate')}
        </button>
      )}
      {editing === 'contact' && (
        <ContactForm
          contacts={contacts}
          onPick={(memberId) => {
            setEditing(null);
            onChange({ ...filters, conversationId: conversationIdFor(me, memberId) });
          }}
        />
      )}
      {editing === 'order' && (
        <OrderForm
          onPick={(no) => {
            setEditing(null);
            onChange({ ...filters, orderNo: no });
          }}
        />
      )}
      {editing === 'date' && (
        <DateForm
          onPick={(range) => {
            setEditing(null);
            onChange({ ...filters, ...range });
          }}
        />
      )}
    </div>
  );
}

function ContactForm({
  contacts,
  onPick,
}: {
  contacts: ReadonlyMap<string, ContactRow> | undefined;
  onPick: (memberId: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const sorted = [...(contacts?.values() ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <label className="search-filter-form">
      {t('search.contact')}
      <select
        defaultValue=""
        onChange={(e) => {
          if (e.target.value) onPick(e.target.value);
        }}
      >
        <option value="">{t('search.anyContact')}</option>
        {sorted.map((c) => (
          <option key={c.memberId} value={c.memberId}>
            {c.displayName}
          </option>
        ))}
      </select>
    </label>
  );
}

function OrderForm({ onPick }: { onPick: (orderNo: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  return (
    <form
      className="search-filter-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onPick(value.trim());
      }}
    >
      <label>
        {t('search.order')}
        <input value={value} onChange={(e) => setValue(e.target.value)} dir="auto" maxLength={64} />
      </label>
      <button type="submit" className="button-primary" disabled={value.trim() === ''}>
        {t('search.apply')}
      </button>
    </form>
  );
}

function DateForm({
  onPick,
}: {
  onPick: (range: { from?: number; to?: number }) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  return (
    <form
      className="search-filter-form"
      onSubmit={(e) => {
        e.preventDefault();
        onPick({
          from: from ? dayStart(from) : undefined,
          // Through the end of the chosen day, in the reader's time zone.
          to: to ? dayStart(to, 1) : undefined,
        });
      }}
    >
      <label>
        {t('search.from')}
        <DateField value={from} max={to || undefined} onChange={setFrom} />
      </label>
      <label>
        {t('search.to')}
        <DateField value={to} min={from || undefined} onChange={setTo} />
      </label>
      <button type="submit" className="button-primary" disabled={from === '' && to === ''}>
        {t('search.apply')}
      </button>
    </form>
  );
}
