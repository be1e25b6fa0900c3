/** A text cut to at most `max` characters, an ellipsis marking the cut, for a line in a list or a message. */
export const shorten = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
