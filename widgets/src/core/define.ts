/**
 * Registers an element unless its tag is already taken: a second import of the bundle, a second
 * entry (`alkana.js` next to `leadtime.js`), or another version's copy on the same page must not
 * throw. The first definition wins.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
