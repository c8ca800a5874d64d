/** `1 partner`, `3 partners`: a count with its noun. */
export const countOf = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
