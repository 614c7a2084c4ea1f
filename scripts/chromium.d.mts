/** Chromium flags every lazyflow browser run uses (sandbox off for root CI, no network chatter). */
export declare const CHROMIUM_FLAGS: string[];
/** The browser path: `CHROMIUM_PATH` when set, else Debian's Chromium at /usr/bin/chromium. */
export declare function chromiumPath(): string;
/** Makes sure the browser exists, installing Debian's package with apt-get when it does not. */
export declare function ensureChromium(): string;
