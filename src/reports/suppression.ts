/** A report cell and how many residents its numbers are about. */
export interface CellResidents {
  key: string;
  residents: number;
}

/**
 * The keys whose numbers a report withholds so that no resident can be singled out: every cell about
 * fewer than `threshold` residents, and then, as long as the withheld cells together are about fewer
 * than `threshold` (the total minus the cells shown would give their sum away), the next smallest
 * cell too. `together` counts the residents of a set of cells (a resident may be in several).
 */
export function suppressedKeys(
  cells: readonly CellResidents[],
  threshold: number,
  together: (keys: readonly string[]) => number,
): Set<string> {
  const withheld = new Set(cells.filter((c) => c.residents < threshold).map((c) => c.key));
  if (withheld.size === 0) return withheld;
  const shown = cells
    .filter((c) => !withheld.has(c.key))
    .sort((a, b) => a.residents - b.residents || a.key.localeCompare(b.key));
  for (const cell of shown) {
    if (together([...withheld]) >= threshold) break;
    withheld.add(cell.key);
  }
  return withheld;
}
