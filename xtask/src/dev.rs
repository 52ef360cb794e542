//! `cargo xtask dev`: the local edge serving the demo store, the widget and
//! the API, with seeded demo orders. Ctrl-C stops it.

use crate::edge::{self, LocalEdge};
use crate::seed::{DEMO_ORDERS, DEMO_SHOP};
use crate::tools::{self, Needs};
use crate::{Result, build, root};

pub fn run(port: u16) -> Result {
    let tools = tools::ensure(Needs::BUILD)?;
    build::all(&tools)?;
    edge::write_dev_vars()?;
    // Kept between runs, like any local database; the seed refreshes only
    // the demo shop.
    let persist = root().join("edge/.wrangler/state");
    std::fs::create_dir_all(&persist)?;
    edge::prepare_state(&tools, &persist)?;
    let edge = LocalEdge::start(&tools, port, &persist, false)?;

    println!("\naftercart is running: {}/", edge.url);
    println!("  demo store      {}/", edge.url);
    println!(
        "  widget loader   {}/widget.js (data-shop=\"{DEMO_SHOP}\")",
        edge.url
    );
    println!("  API             {}/v1/shops/{DEMO_SHOP}/lookup", edge.url);
    println!("\ndemo orders (order number / email):");
    for order in DEMO_ORDERS {
        println!("  #{:<6} {:<22} {}", order.number, order.email, order.state);
    }
    println!("\nCtrl-C stops it.");
    edge.wait()
}
