// What is rented, when the catalog both sells a thing and rents it out: "头盔租俩", "租个轮椅", "雪镜也租一个",
// "zu gopro" name the rental (头盔租赁, 轮椅租赁(月租), GoPro租赁) rather than the helmet, the wheelchair or the camera
// for sale. The rentals and what each rents out are read from the catalog's names ("租头盔", "wheelchair rental"); the
// words of renting are general language.

/** a word of renting in a product's name: 租赁, 出租, 日租, rental, hire (every one of them, to take out of the name) */
const RENTAL_WORDS = /租赁|出租|租借|租用|[日月周时]租|租|(?<![a-z])(?:rentals?|rent|hire)(?![a-z])/g;
/** renting said in a message, next to the thing rented (in pinyin too: "zu gopro") */
const RENT_SAID = /租|(?<![a-z])(?:rent(?:ing|ed|al)?|hire|zu)(?![a-z])/;
/** how near the word of renting must be said: within a few characters either side of the thing */
const NEAR = 5;

export class RentalSiblings {
  /** what is rented out (头盔, helmet, gopro) → the one product renting it out, or null when several do */
  private readonly rents = new Map<string, string | null>();
  /** the products that are rentals */
  private readonly rentals = new Set<string>();

  constructor(products: readonly { id: string; name: string; aliases?: string[] }[]) {
    for (const p of products) {
      for (const n of [p.name, ...(p.aliases ?? [])]) {
        const name = n.normalize("NFKC").toLowerCase();
        const thing = name.replace(RENTAL_WORDS, " ");
        if (thing === name) continue;
        this.rentals.add(p.id);
        const rented = thing.replace(/[()（）]/g, " ").replace(/(?<![a-z])(?:a|an|the)(?![a-z])/g, " ").replace(/\s+/g, " ").trim();
        if (!(/^[\u4e00-\u9fff]{2,}$/.test(rented) || /^[a-z][a-z0-9 ]{2,}$/.test(rented))) continue;
        const had = this.rents.get(rented);
        this.rents.set(rented, had === undefined || had === p.id ? p.id : null);
      }
    }
  }

  /** The rental a thing said is, when renting is said beside it and it is not a rental already; else null. */
  rentalOf(lower: string, said: { start: number; end: number; productId: string }): string | null {
    if (!this.rents.size || this.rentals.has(said.productId)) return null;
    const around = lower.slice(Math.max(0, said.start - NEAR), said.end + NEAR);
    if (!RENT_SAID.test(around)) return null;
    return this.rents.get(lower.slice(said.start, said.end).trim()) ?? null;
  }
}
