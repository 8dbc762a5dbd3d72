export * from "./specs.js";
export { renderSvg } from "./render.js";
