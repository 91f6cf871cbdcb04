/** An ILIKE pattern matching `term` anywhere, with `%`, `_` and `\` in the term taken literally (use with `escape '\'`). */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
