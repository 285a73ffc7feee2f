/** The composer's order reference: a small form; the accepted reference shows as a chip until sent. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { OrderChip } from './OrderChip';
import {
  EMPTY_ORDER_FORM,
  orderToForm,
  validateOrderForm,
  type OrderFieldError,
  type OrderFormFields,
} from './logic';
import { orderUi, useOrderUi } from './uiState';

const FIELDS: (keyof OrderFormFields)[] = ['orderNo', 'productId', 'title', 'url', 'price', 'quantity'];

export function OrderButton({ open, onToggle }: { open: boolean; onToggle: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="tool-button"
      aria-expanded={open}
      onClick={onToggle}
      aria-label={t('evidence.attachOrder')}
      title={t('evidence.attachOrder')}
    >
      <Icon name="orders" size={18} />
    </button>
  );
}

/** The order waiting in the composer, with its remove button. */
export function ComposerOrder({ partnerId }: { partnerId: string }): React.JSX.Element | null {
  const { t } = useTranslation();
  const order = useOrderUi((s) => s.composerOrder[partnerId] ?? null);
  if (!order) return null;
  return (
    <div className="composer-order">
      <OrderChip order={order} />
      <button
        type="button"
        className="chip-x"
        onClick={() => orderUi.setComposerOrder(partnerId, null)}
        aria-label={t('evidence.removeOrder')}
      >
        ×
      </button>
    </div>
  );
}

export function OrderForm({
  partnerId,
  onDone,
}: {
  partnerId: string;
  onDone: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const current = useOrderUi((s) => s.composerOrder[partnerId] ?? null);
  const [fields, setFields] = useState<OrderFormFields>(() =>
    current ? orderToForm(current) : EMPTY_ORDER_FORM,
  );
  const [errors, setErrors] = useState<Partial<Record<keyof OrderFormFields, OrderFieldError>>>({});
  const message = (e: OrderFieldError): string =>
    e === 'required'
      ? t('evidence.orderRequired')
      : e === 'url'
        ? t('evidence.badUrl')
        : e === 'quantity'
          ? t('evidence.badQuantity')
          : t('evidence.tooLong');
  const submit = (): void => {
    const r = validateOrderForm(fields);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    orderUi.setComposerOrder(partnerId, r.value);
    onDone();
  };
  return (
    // A nested <form> is invalid inside the composer's form: a group with its own submit button.
    <div role="group" aria-label={t('evidence.orderForm')} className="order-form">
      {FIELDS.map((f) => (
        <label key={f} className={`field field-${f}`}>
          <span>{t(`evidence.${f === 'url' ? 'link' : f}`)}</span>
          <input
            value={fields[f]}
            inputMode={f === 'quantity' ? 'numeric' : undefined}
            type={f === 'url' ? 'url' : 'text'}
            dir="auto"
            aria-invalid={errors[f] !== undefined}
            aria-describedby={errors[f] ? `${id}-${f}` : undefined}
            onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
            onKeyDown={(e) => {
              // Enter accepts the order (not the composer's send); Escape closes the form.
              if (e.key === 'Escape') onDone();
              if (e.key === 'Enter') {
                e.preventDefault();
                submit();
              }
            }}
          />
          {errors[f] && (
            <span id={`${id}-${f}`} className="field-error" role="alert">
              {message(errors[f])}
            </span>
          )}
        </label>
      ))}
      <div className="order-form-actions">
        <button type="button" className="button-ghost" onClick={onDone}>
          {t('evidence.cancel')}
        </button>
        <button type="button" className="button-primary" onClick={submit}>
          {t('evidence.addOrder')}
        </button>
      </div>
    </div>
  );
}
