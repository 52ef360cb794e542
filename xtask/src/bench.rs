//! `cargo xtask bench`: the widget's size and the edge's throughput, as
//! tables. Load goes to 127.0.0.1 only and is bounded in time and count.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::edge::{self, LocalEdge};
use crate::load::{self, Request};
use crate::tools::{self, Needs};
use crate::{Result, build, seed, step};

const CONNECTIONS: usize = 16;
const DURATION: Duration = Duration::from_secs(10);
const MAX_REQUESTS: usize = 50_000;
/// Distinct orders the lookup benchmark spreads over.
const BENCH_ORDERS: usize = 500;
/// The whole widget must fit in this, brotli-compressed.
const WIDGET_BUDGET_BROTLI: usize = 100 * 1024;

/// What `cargo xtask bench` measures.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// The widget's sizes only: a build, no edge.
    SizeOnly,
}

pub fn run(scope: Scope) -> Result {
    let tools = tools::ensure(Needs::BUILD)?;
    let bundle = build::all(&tools)?;

    step("widget size (bytes)");
    println!("| file | raw | gzip -9 | brotli -q11 |");
    println!("|---|---:|---:|---:|");
    let mut total = [0usize; 3];
    for (name, path) in [
        ("wasm", &bundle.wasm),
        ("js (glue)", &bundle.js),
        ("css", &bundle.css),
        ("loader widget.js", &bundle.loader),
    ] {
        let sizes = sizes(path)?;
        for (sum, size) in total.iter_mut().zip(sizes) {
            *sum += size;
        }
        println!("| {name} | {} | {} | {} |", sizes[0], sizes[1], sizes[2]);
    }
    println!("| **total** | {} | {} | {} |", total[0], total[1], total[2]);
    println!(
        "budget: {} of {} bytes brotli ({:.0}%)",
        total[2],
        WIDGET_BUDGET_BROTLI,
        100.0 * total[2] as f64 / WIDGET_BUDGET_BROTLI as f64
    );

    if scope == Scope::SizeOnly {
        return Ok(());
    }

    edge::write_dev_vars()?;
    let persist = edge::fresh_state("bench-state")?;
    edge::prepare_state(&tools, &persist)?;
    let orders_file = persist.join("bench-orders.sql");
    std::fs::write(&orders_file, seed::bench_sql(seed::now(), BENCH_ORDERS))?;
    edge::execute_sql_file(&tools, &persist, &orders_file)?;
    let local = LocalEdge::start(&tools, edge::free_port()?, &persist, true)?;

    let url = local.url.clone();
    // Each lookup is a different shopper at a different address, as real
    // traffic is: the per-IP and per-order limits stay out of the figure.
    let lookup = move |i: usize| Request {
        method: "POST",
        url: format!("{url}/v1/shops/demo/lookup"),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            (
                "cf-connecting-ip".into(),
                format!("198.18.{}.{}", (i / 256) % 256, i % 256),
            ),
        ],
        body: Some(format!(
            r#"{{"orderNumber":"B{n}","email":"bench{n}@example.com"}}"#,
            n = i % BENCH_ORDERS
        )),
    };
    let token = token_for(&lookup(0))?;
    let url = local.url.clone();
    let health = move |_: usize| Request {
        method: "GET",
        url: format!("{url}/healthz"),
        headers: Vec::new(),
        body: None,
    };
    // Shopper GETs of one order, each route the widget reads on an order view.
    let order_get = |path: &'static str| {
        let url = local.url.clone();
        let token = token.clone();
        move |_: usize| Request {
            method: "GET",
            url: format!("{url}/v1/shops/demo/orders/bench-0{path}"),
            headers: vec![("authorization".into(), format!("Bearer {token}"))],
            body: None,
        }
    };
    let order = order_get("");
    let returns = order_get("/returns");
    let engagement = order_get("/engagement");
    let url = local.url.clone();
    // Public and uncached here (wrangler dev has no edge cache).
    let product_reviews = move |_: usize| Request {
        method: "GET",
        url: format!("{url}/v1/shops/demo/products/p-trail-socks/reviews"),
        headers: Vec::new(),
        body: None,
    };
    let routes: [(&str, &(dyn Fn(usize) -> Request + Sync)); 6] = [
        ("GET /healthz (static)", &health),
        ("POST /v1/shops/demo/lookup", &lookup),
        ("GET /v1/shops/demo/orders/{id}", &order),
        ("GET /v1/shops/demo/orders/{id}/returns", &returns),
        ("GET /v1/shops/demo/orders/{id}/engagement", &engagement),
        ("GET /v1/shops/demo/products/{id}/reviews", &product_reviews),
    ];

    step(&format!(
        "edge throughput: wrangler dev on 127.0.0.1, {CONNECTIONS} connections, {} s per route",
        DURATION.as_secs()
    ));
    println!("| route | requests | req/s | p50 ms | p99 ms | vs static | failed |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut baseline = None;
    for (index, (name, request)) in routes.iter().enumerate() {
        // Warm the isolate and the connection pool first, on numbers the
        // measured run does not use.
        let offset = 100_000 * (index + 1);
        load::run(&|i| request(offset + i), 2, Duration::from_secs(1), 50);
        let stats = load::run(*request, CONNECTIONS, DURATION, MAX_REQUESTS);
        let base = *baseline.get_or_insert(stats.per_second);
        println!(
            "| {name} | {} | {:.0} | {:.1} | {:.1} | {:.0}% | {} |",
            stats.ok,
            stats.per_second,
            stats.p50.as_secs_f64() * 1e3,
            stats.p99.as_secs_f64() * 1e3,
            100.0 * stats.per_second / base,
            stats.failed
        );
        std::io::stdout().flush()?;
    }
    drop(local);
    Ok(())
}

fn token_for(lookup: &Request) -> Result<String> {
    let body: serde_json::Value = ureq::post(&lookup.url)
        .header("content-type", "application/json")
        .send(lookup.body.clone().unwrap_or_default())?
        .body_mut()
        .read_json()?;
    body["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "lookup returned no token".into())
}

/// Raw, gzip -9 and brotli -q11 sizes.
fn sizes(path: &Path) -> Result<[usize; 3]> {
    let raw = std::fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&raw)?;
    let gzip = gz.finish()?.len();
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut raw.as_slice(), &mut brotli, &params)?;
    Ok([raw.len(), gzip, brotli.len()])
}
