/** Ranks names against a keyword the way a person searching would: exact, prefix, word, substring, in order. */

export function fuzzyScore(name: string, keyword: string): number {
  const text = name.toLowerCase();
  const query = keyword.toLowerCase().trim();
  if (!query) return 1;
  if (text === query) return 100;
  if (text.startsWith(query)) return 80;
  if (text.split(/[\s_\-./]+/).some((word) => word.startsWith(query))) return 60;
  if (text.includes(query)) return 40;
  const words = query.split(/\s+/).filter(Boolean);
  if (words.length > 1 && words.every((word) => text.includes(word))) return 30;
  let position = 0;
  for (const char of query.replace(/\s+/g, '')) {
    position = text.indexOf(char, position);
    if (position < 0) return 0;
    position++;
  }
  return 10;
}

export function fuzzyRank<T>(items: readonly T[], keyword: string, nameOf: (item: T) => string[]): T[] {
  return items
    .map((item) => ({ item, score: Math.max(...nameOf(item).map((name) => fuzzyScore(name, keyword))) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.item);
}
