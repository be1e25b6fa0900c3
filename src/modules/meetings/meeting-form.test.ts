import { describe, expect, it } from 'vitest';
import { guestList, meetingFormValues, meetingInput } from './meeting-form.ts';

const form = (over: Record<string, string | string[]> = {}) =>
  meetingFormValues({
    body: 'cam',
    kind: 'regular_session',
    title: 'Sesión',
    startsAt: '2026-03-10',
    endsAt: '2026-03-10',
    ...over,
  });

describe('meetingInput', () => {
  it('keeps a meeting without times as days', () => {
    const read = meetingInput(form());
    expect(read).toEqual({
      ok: true,
      input: expect.objectContaining({ startsAt: '2026-03-10', endsAt: '2026-03-10', visibility: 'public' }),
    });
    expect(read.ok && 'timeZone' in read.input).toBe(false);
  });

  it('gives times as instants in the chosen zone, Washington by default', () => {
    const washington = meetingInput(form({ startTime: '10:00', endTime: '13:00' }));
    expect(washington.ok && washington.input).toMatchObject({
      startsAt: '2026-03-10T10:00:00-04:00',
      endsAt: '2026-03-10T13:00:00-04:00',
      timeZone: 'America/New_York',
    });
    const lima = meetingInput(form({ startTime: '09:00', endTime: '11:30', timeZone: 'America/Lima' }));
    expect(lima.ok && lima.input).toMatchObject({ startsAt: '2026-03-10T09:00:00-05:00', timeZone: 'America/Lima' });
  });

  it('asks for the other time when only one is given, and refuses a time that is not one', () => {
    expect(meetingInput(form({ startTime: '10:00' }))).toEqual({
      ok: false,
      fields: [{ field: 'endTime', messageKey: 'error.field.timeMissing' }],
    });
    expect(meetingInput(form({ startTime: '25:00', endTime: '10:00' }))).toEqual({
      ok: false,
      fields: [{ field: 'startTime', messageKey: 'error.field.invalidValue' }],
    });
  });

  it('reads a field given twice by its last value, so that a bad one is not passed over', () => {
    expect(meetingFormValues({ kind: ['seminar', 'nonsense'] }).kind).toBe('nonsense');
  });

  it('reads the ticked actors, one or several', () => {
    expect(meetingFormValues({ invited: 'mx' }).invited).toEqual(['mx']);
    expect(meetingFormValues({ invited: ['mx', ' gt ', ''] }).invited).toEqual(['mx', 'gt']);
    const read = meetingInput(form({ invited: ['mx', 'gt'] }));
    expect(read.ok && read.input.invited).toEqual(['mx', 'gt']);
  });

  it('gives every choice, so that unticking the last actor or clearing the guests takes them off', () => {
    const read = meetingInput(form());
    expect(read.ok && read.input).toMatchObject({ invited: [], guests: [] });
  });

  it('names the first guest line that is not an address, with its number', () => {
    expect(meetingInput(form({ guests: 'ana@example.org\nnot an address\nalso bad' }))).toEqual({
      ok: false,
      fields: [{ field: 'guests', messageKey: 'error.field.guestEmail', params: { line: 2, value: 'not an address' } }],
    });
  });
});

describe('guestList', () => {
  it('reads addresses one per line or as pasted from an e-mail, each once, in lower case', () => {
    expect(
      guestList('Ana@Example.org\r\n\n  luis@cancilleria.gob.gt ; Marta Pérez <marta@oim.int>, ana@example.org'),
    ).toEqual({ emails: ['ana@example.org', 'luis@cancilleria.gob.gt', 'marta@oim.int'], problems: [] });
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      'ana',
      'ana@',
      '@example.org',
      'ana@example',
      'a b@example.org',
      'ana@@example.org',
      `${'a'.repeat(250)}@x.org`,
    ])
      expect(guestList(bad).problems, bad).toEqual([
        { field: 'guests', messageKey: 'error.field.guestEmail', params: { line: 1, value: bad } },
      ]);
  });
});
