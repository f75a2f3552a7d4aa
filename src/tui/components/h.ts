/** `React.createElement`, short: the TUI is written without JSX so it needs no compiler setting of its own. */
import { createElement } from "react";

export const h = createElement;
