import { describe, expect, it } from 'vitest';
import { formErrors } from './forms.tsx';
import { translator } from './i18n/i18n.ts';

describe('formErrors', () => {
  const es = translator('es');
  const required = (field: string) => ({ field, messageKey: 'error.field.required' });

  it("names a field as the form labels it: the form's own label first, then the label forms share", () => {
    const errors = formErrors(es, [required('title'), required('deadline')], { title: 'meeting.agendaTitle' });
    expect(errors.title).toBe(es.t('error.field.required', { field: 'Punto' }));
    expect(formErrors(es, [required('title')]).title).toBe(es.t('error.field.required', { field: 'Título' }));
    expect(formErrors(es, [required('email')]).email).toContain('«Correo electrónico»');
  });

  it('names a numbered field by its kind, and an unknown one by its name rather than not at all', () => {
    expect(formErrors(es, [required('role3')], { role: 'import.column' }).role3).toContain('«Columna»');
    expect(formErrors(es, [required('mystery')]).mystery).toContain('«mystery»');
  });

  it('passes the parameters of the message', () => {
    const guest = { field: 'guests', messageKey: 'error.field.guestEmail', params: { line: 2, value: 'Pedro' } };
    expect(formErrors(translator('en'), [guest], { guests: 'meeting.guests' }).guests).toBe(
      'Line 2 of “Other people invited”: “Pedro” is not an e-mail address',
    );
  });
});
