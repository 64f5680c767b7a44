// English grammar for service names said as verbs (no domain words here: the verbs and objects are the catalog's).
// A service is named as a compound, object then verb ("shoe shine", "sneaker cleaning", "ski rental"), or as a verb
// phrase ("sew button", "take in waist"); customers say either the other way round or inflected: "shine my shoes",
// "clean 2 pairs of sneakers", "rental skis", "4 buttons sewn on", "waist taken in".

/** particles of phrasal verbs ("take in", "sew on") */
export const PARTICLE = /^(?:in|on|up|out|off|down|back)$/;

/**
 * words that may stand between a verb and its object: articles, possessives, particles, counts ("clean 2 pairs of
 * sneakers"; "of" only after "pair": a glass of wine is no wine glass)
 */
export const BETWEEN_VERB_AND_OBJECT =
  /^(?:the|a|an|my|your|his|her|our|their|its|this|that|these|those|some|both|all|in|on|up|out|off|down|back|one|two|three|four|five|six|\d+|pairs?|of)$/;

const undouble = (s: string) => (/([bdfgklmnprtvz])\1$/.test(s) ? s.slice(0, -1) : s);
/** the key of a verb's base form: without a final e, so that "shine", "shining" and "shined" agree */
const baseKey = (s: string) => (s.length > 3 ? s.replace(/e$/, "") : s);

/**
 * The keys of the verb a catalog word names: itself ("shine", "repair"), the verb of its gerund ("cleaning", "hemming")
 * or of a noun made from it ("replacement", "rental", "removal"). `verbal` tells whether the word is surely a verb form
 * (a gerund or such a noun), not just a word that may be one ("lock" of "bike lock").
 */
export function catalogVerb(word: string): { key: string; verbal: boolean } {
  if (/^[a-z]{3,}ing$/.test(word)) return { key: baseKey(undouble(word.slice(0, -3))), verbal: true };
  if (/^[a-z]{3,}ment$/.test(word)) return { key: baseKey(word.slice(0, -4)), verbal: true };
  if (/^[a-z]{2,}[tv]al$/.test(word) || /^[a-z]{2,}wal$/.test(word)) return { key: baseKey(word.slice(0, -2)), verbal: true };
  // (a noun that may be a verb, in the plural: "photo prints" is print + photo)
  return { key: baseKey(nounKey(word)), verbal: false };
}

/** The verb keys a word in a message may stand for: as written, or inflected (cleaned, cleaning, sewn, taken, rental). */
export function messageVerbs(word: string): string[] {
  const out = [baseKey(word)];
  if (word.length < 4) return out;
  if (word.endsWith("ing") && word.length > 5) out.push(baseKey(undouble(word.slice(0, -3))));
  if (word.endsWith("ied")) out.push(word.slice(0, -3) + "y");
  else if (word.endsWith("ed")) out.push(baseKey(undouble(word.slice(0, -2))));
  // (past participles in -n and -en: sewn, shown; taken, shaken)
  if (word.endsWith("en")) out.push(baseKey(word.slice(0, -2)));
  if (/[aeiouw]n$/.test(word)) out.push(baseKey(word.slice(0, -1)));
  if (/[tvw]al$/.test(word)) out.push(baseKey(word.slice(0, -2)));
  return out;
}

/** Whether a word in a message is a participle or a noun of the verb (it may follow its object: "jeans hemmed"). */
export function isParticiple(word: string): boolean {
  return /^[a-z]{2,}(?:ed|en|[aeiouw]n)$/.test(word) || /^[a-z]{2,}[tvw]al$/.test(word);
}

/** A noun's key: singular ("shoes" → shoe, "glasses" → glass, "skis" → ski; "dress" stays). */
export function nounKey(word: string): string {
  if (word.length <= 3) return word;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

export interface VerbReading {
  verb: string;
  /** the object's words, each by nounKey */
  object: string;
  /** surely a verb (a gerund, a noun made from a verb, or the first word of a verb phrase) */
  verbal: boolean;
}

/**
 * The readings of an English name of two or three plain words as a verb and its object: "sneaker cleaning" (object,
 * then verb), "sew button", "take in waist" (verb, particle, object). Both readings of a bare compound are kept
 * ("shoe shine" is shine + shoe, and "shoe" + object "shine"): the message decides which it says.
 */
export function verbReadings(name: string): VerbReading[] {
  const words = name.split(" ");
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^[a-z]{3,}$/.test(w) || PARTICLE.test(w))) return [];
  // a phrasal verb alone: "lock out" (said "locked out"), its particle in the object's place
  if (words.length === 2 && PARTICLE.test(words[1]) && !PARTICLE.test(words[0])) return [{ verb: catalogVerb(words[0]).key, object: words[1], verbal: true }];
  const out: VerbReading[] = [];
  // object then verb: "sneaker cleaning", "sleeping bag rental"
  const last = words[words.length - 1];
  const head = words.slice(0, -1);
  if (!head.some((w) => PARTICLE.test(w)) && !PARTICLE.test(last)) {
    const v = catalogVerb(last);
    out.push({ verb: v.key, object: head.map(nounKey).join(" "), verbal: v.verbal });
  }
  // verb (and particle) then object: "sew button", "take in waist", "replace zipper"
  const rest = PARTICLE.test(words[1]) ? words.slice(2) : words.slice(1);
  if (rest.length && !rest.some((w) => PARTICLE.test(w)) && !PARTICLE.test(words[0])) {
    out.push({ verb: catalogVerb(words[0]).key, object: rest.map(nounKey).join(" "), verbal: true });
  }
  return out;
}
