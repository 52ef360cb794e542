//! Release builds: the widget bundle (wasm + js + css + loader) into
//! `edge/build/assets`, and the worker into `edge/build/worker`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::tools::Tools;
use crate::{Result, root, sh, step};

/// What the build wrote, for the benchmark's size table.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub loader: PathBuf,
    pub wasm: PathBuf,
    pub js: PathBuf,
    pub css: PathBuf,
}

pub fn assets_dir() -> PathBuf {
    root().join("edge/build/assets")
}

pub fn all(tools: &Tools) -> Result<Bundle> {
    let bundle = widget(tools)?;
    edge(tools)?;
    Ok(bundle)
}

pub fn widget(tools: &Tools) -> Result<Bundle> {
    step("building the widget (release, wasm32)");
    let root = root();
    sh::run(Command::new("cargo").current_dir(&root).args([
        "build",
        "--package",
        "aftercart-widget",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ]))?;

    let staging = root.join("target/widget-bundle");
    recreate(&staging)?;
    sh::run(
        Command::new(&tools.wasm_bindgen)
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "aftercart",
                "--out-dir",
            ])
            .arg(&staging)
            .arg(root.join("target/wasm32-unknown-unknown/release/aftercart_widget.wasm")),
    )?;
    let wasm = staging.join("aftercart.opt.wasm");
    sh::run(
        Command::new(&tools.wasm_opt)
            .arg("-Oz")
            .arg(staging.join("aftercart_bg.wasm"))
            .arg("-o")
            .arg(&wasm),
    )?;
    let js = staging.join("aftercart.min.js");
    minify(tools, &staging.join("aftercart.js"), &js, &["--format=esm"])?;
    let css = staging.join("aftercart.min.css");
    minify(tools, &root.join("widget/style.css"), &css, &[])?;

    let out = assets_dir();
    recreate(&out.join("w"))?;
    let wasm = publish(&wasm, &out, "wasm")?;
    let js = publish(&js, &out, "js")?;
    let css = publish(&css, &out, "css")?;

    // The loader is the stable URL merchants embed; it names the hashed files.
    let template = fs::read_to_string(root.join("widget/loader.js"))?;
    let loader_src = template
        .replace("__AFTERCART_JS__", &relative(&js, &out))
        .replace("__AFTERCART_WASM__", &relative(&wasm, &out))
        .replace("__AFTERCART_CSS__", &relative(&css, &out));
    if loader_src.contains("__AFTERCART_") {
        return Err("widget/loader.js has a placeholder the build does not know".into());
    }
    let loader_unminified = staging.join("widget.js");
    fs::write(&loader_unminified, loader_src)?;
    let loader = out.join("widget.js");
    minify(tools, &loader_unminified, &loader, &[])?;

    write_openapi(&out)?;

    let demo = out.join("demo");
    recreate(&demo)?;
    fs::copy(
        root.join("examples/demo-store/index.html"),
        demo.join("index.html"),
    )?;
    Ok(Bundle {
        loader,
        wasm,
        js,
        css,
    })
}

/// The OpenAPI document, generated from the route table and wire types.
pub fn openapi_document() -> serde_json::Value {
    aftercart_shared::api::openapi::document(env!("CARGO_PKG_VERSION"))
}

fn write_openapi(out: &Path) -> Result {
    let text = serde_json::to_string_pretty(&openapi_document())?;
    fs::write(out.join("openapi.json"), text)?;
    Ok(())
}

pub fn edge(tools: &Tools) -> Result {
    step("building the edge worker (release)");
    sh::run(
        Command::new(&tools.worker_build)
            .arg("--release")
            .current_dir(root().join("edge"))
            // worker-build downloads these unless told where they are.
            .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
            .env("WASM_OPT_BIN", &tools.wasm_opt)
            .env("ESBUILD_BIN", &tools.esbuild),
    )
}

fn minify(tools: &Tools, input: &Path, output: &Path, extra: &[&str]) -> Result {
    sh::run(
        Command::new(&tools.esbuild)
            .arg(input)
            .arg("--minify")
            .arg("--log-level=warning")
            .args(extra)
            .arg(format!("--outfile={}", output.display())),
    )
}

/// Copies `file` to `out/w/aftercart-{hash}.{ext}`, named by content so it
/// can be cached forever.
fn publish(file: &Path, out: &Path, ext: &str) -> Result<PathBuf> {
    let bytes = fs::read(file)?;
    let digest = Sha256::digest(&bytes);
    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    let target = out.join("w").join(format!("aftercart-{hash}.{ext}"));
    fs::write(&target, bytes)?;
    Ok(target)
}

fn relative(file: &Path, base: &Path) -> String {
    file.strip_prefix(base)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

fn recreate(dir: &Path) -> Result {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    Ok(())
}
