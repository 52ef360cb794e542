//! Why hostile text in any field the widget shows is inert: the widget
//! never turns a string into markup. Leptos renders every `{text}` as a
//! text node and every attribute as a value, so the only ways in would be
//! raw-HTML setters, or a link whose `href` comes from data. This test
//! keeps both out, by reading the widget's own source: no raw-HTML setter
//! anywhere, and `href` only in the places whose URLs are checked before
//! they arrive (`TrackingUrl` at ingest; https-only merchant links in
//! `engage::merchant`). The browser suite (tests/browser/hostile.test.mjs)
//! shows the same with hostile orders in Chromium.

#[test]
fn no_string_becomes_markup_and_links_come_only_from_checked_urls() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("inert.rs") {
                let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
                out.push((
                    name.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10, "found the widget's sources");
    let raw = [
        "inner_html",
        "innerHTML",
        "outer_html",
        "insertAdjacentHTML",
        "document.write",
    ];
    let href = "href=";
    let mut links = Vec::new();
    for (name, source) in &files {
        for needle in &raw {
            assert!(!source.contains(needle), "{name} uses {needle}");
        }
        links.extend(
            source
                .lines()
                .filter(|line| line.contains(href))
                .map(|line| (name.clone(), line.trim().to_owned())),
        );
    }
    let checked = [
        // ShipmentView::tracking_url is a TrackingUrl (https only).
        ("src/order/parcels.rs", "href=url.to_string()"),
        // Recommendation and tip links: https-only in engage::merchant.
        ("src/engage/tips.rs", "href=product.url"),
        ("src/engage/tips.rs", "href=url "),
    ];
    for (name, line) in &links {
        assert!(
            checked
                .iter()
                .any(|(file, what)| name == file && line.contains(what)),
            "{name}: a link from data that is not known to be checked: {line}"
        );
    }
    assert_eq!(links.len(), checked.len(), "{links:?}");
}
