/**
 * One distinct label per model, for legends and headings: the model's name, with
 * ` (2)`, ` (3)`, … appended to repeats so two models never merge into one series.
 */
export function modelLabels(models: readonly { readonly name: string }[]): string[] {
  const seen = new Map<string, number>();
  return models.map((model) => {
    const count = (seen.get(model.name) ?? 0) + 1;
    seen.set(model.name, count);
    return count === 1 ? model.name : `${model.name} (${count})`;
  });
}

/**
 * A file-name-safe slug of a label: `L2, λ = 0.7` → `l2-0-7`; empty becomes `model`.
 * Non-ASCII letters are dropped, so names stay portable across file systems; at most 80 characters.
 */
export function slug(label: string): string {
  const s = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // A file name stays far below the 255 bytes file systems allow, however long the name.
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'model' : s;
}

/** The longest {@link slug}, in characters. */
export const MAX_SLUG_LENGTH = 80;

/** `decision-boundary-<slug>.svg` per model, unique even when two labels share a slug. */
export function decisionBoundaryFileNames(labels: readonly string[]): string[] {
  const used = new Set<string>();
  return labels.map((label) => {
    const base = `decision-boundary-${slug(label)}`;
    let name = `${base}.svg`;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}.svg`;
    used.add(name);
    return name;
  });
}
