/**
 * Custom Elements Manifest analyzer settings (`npm run widgets:manifest` writes custom-elements.json
 * at the repository root). The public surface comes from the JSDoc tags on each component class
 * (`@summary @tag @csspart @cssproperty @event`) and from the Lit `@property` declarations.
 */
export default {
  globs: ["widgets/src/**/*.ts"],
  // The registration guard calls customElements.define(tag, element) generically: not an element.
  exclude: ["widgets/src/core/define.ts"],
  litelement: true,
  // package.json is not the analyzer's to edit.
  packagejson: false,
};
