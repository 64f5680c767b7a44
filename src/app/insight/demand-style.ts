// The style a demand event records for the product asked for: its "style:…" tag (欧式, 北欧), else its first tag
// as the category (coffee, sofa), else null. Lets merchants read "which styles are missing around this store".
export function demandStyleOf(tags: readonly string[] | null | undefined): string | null {
  if (!tags?.length) return null;
  const style = tags.find((t) => t.startsWith("style:"));
  return (style ? style.slice("style:".length) : tags[0]).trim() || null;
}
