"""Browser-side checks of the RGAA audit (tests/browser/test_rgaa_audit.py), as JavaScript run in the page."""

# WCAG 1.4.12 values, as the text-spacing bookmarklet applies them.
TEXT_SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)

# The page's CSP refuses inline styles: a constructed style sheet applies them as a user's bookmarklet would.
APPLY_STYLE_JS = """(css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""

# Elements that hide what overflows them and do overflow, leaving out the visually hidden texts
# (1 px boxes clipped on purpose for screen readers) and empty boxes.
CLIPPED_TEXT_JS = """() => {
    const clipped = [];
    for (const el of document.body.querySelectorAll('*')) {
        const style = getComputedStyle(el);
        const hides = ['hidden', 'clip'];
        const hidesX = hides.includes(style.overflowX), hidesY = hides.includes(style.overflowY);
        if (!hidesX && !hidesY) continue;
        if (el.clientWidth <= 1 || el.clientHeight <= 1 || !el.textContent.trim()) continue;
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const overX = hidesX && el.scrollWidth > el.clientWidth + 1;
        const overY = hidesY && el.scrollHeight > el.clientHeight + 1;
        if (overX || overY) clipped.push(`${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
    }
    return clipped;
}"""

HORIZONTAL_SCROLL_JS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"

# What the focused element shows: a visible outline or a box shadow (RGAA 10.7).
FOCUS_JS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
        tag: el.tagName,
        text: (el.textContent || el.id || '').trim().slice(0, 40),
        visible: outline || style.boxShadow !== 'none',
        inFooter: !!el.closest('footer'),
        last: el === [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
            .filter((x) => x.offsetParent && !x.disabled && x.type !== 'hidden').pop(),
    };
}"""

# The main menu's entries, the skip link and the site-wide landmarks of a page (RGAA 12.2, 12.6, 12.7).
NAVIGATION_JS = """() => ({
    menu: [...document.querySelectorAll('nav.main-nav a')]
        .map((a) => `${a.textContent.trim()} ${a.getAttribute('href')}`),
    skip: document.querySelector('a[href]') && document.querySelector('a[href]').getAttribute('href'),
    skipText: document.querySelector('a[href]') && document.querySelector('a[href]').textContent.trim(),
    target: !!document.getElementById('contenu'),
    search: !!document.querySelector('header form[role=search] input[type=search]'),
    siteMap: [...document.querySelectorAll('footer a')].some((a) => a.getAttribute('href') === '/plan-du-site/'),
    landmarks: ['header', 'nav.main-nav', 'main', 'footer'].map((s) => document.querySelectorAll(s).length),
})"""

# What a phone's first screen shows (RGAA 10.11, 12.x): where the first h1 ends (null when it is not
# shown), whether the menu's entries and its button are shown, and the search field. "Shown" as
# Playwright's is_visible() has it: rendered (checkVisibility: not in a closed <details>, say),
# visibility: visible, and a box of some size.
FIRST_SCREEN_JS = """() => {
    const shown = (el) => {
        if (!el || !el.checkVisibility() || getComputedStyle(el).visibility !== 'visible') return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
    };
    const h1 = document.querySelector('h1');
    return {
        h1Bottom: shown(h1) ? h1.getBoundingClientRect().bottom : null,
        menuEntries: shown(document.querySelector('.main-nav__list')),
        menuButton: shown(document.querySelector('.main-nav__toggle')),
        search: shown(document.getElementById('site-search-q')),
    };
}"""
