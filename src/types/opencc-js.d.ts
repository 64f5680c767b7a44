// opencc-js's dictionary files: each a string of "from to|from to|…" entries.
declare module "opencc-js/dict/*" {
  const dict: string;
  export default dict;
}
