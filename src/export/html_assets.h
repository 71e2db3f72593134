/*
 * export/html_assets.h — the style sheet and the script every tlsstep web page
 * carries inline (a page must work from a USB stick, with no network): written
 * once here for export/html.c and export/html_compare.c.
 */
#ifndef TLSSTEP_EXPORT_HTML_ASSETS_H
#define TLSSTEP_EXPORT_HTML_ASSETS_H

/* The page's CSS, for a <style> element: screen, print and narrow screens. */
extern const char html_css[];

/* The page's script, for a <script> element: highlighting a field and its bytes, and
 * the "one step at a time" mode over the elements of class "unit" (data-unit says
 * which are shown together). The page reads whole without it. */
extern const char html_js[];

#endif
