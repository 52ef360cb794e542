//! A small, bounded HTTP load generator for `cargo xtask bench`: a fixed
//! number of keep-alive connections on loopback for a fixed time.

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Stats {
    pub ok: usize,
    pub failed: usize,
    pub per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
}

/// Sends requests made by `request` (given a running number) from
/// `connections` threads for `duration`, at most `max_requests` in all, and
/// reports throughput and latency.
pub fn run(
    request: &(dyn Fn(usize) -> Request + Sync),
    connections: usize,
    duration: Duration,
    max_requests: usize,
) -> Stats {
    let started = Instant::now();
    let per_thread = max_requests.div_ceil(connections);
    let results: Vec<(Vec<Duration>, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..connections)
            .map(|thread| {
                scope.spawn(move || {
                    worker(request, thread, connections, started + duration, per_thread)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let failed = results.iter().map(|(_, f)| f).sum();
    let mut latencies: Vec<Duration> = results.into_iter().flat_map(|(l, _)| l).collect();
    latencies.sort_unstable();
    let pick = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    Stats {
        ok: latencies.len(),
        failed,
        per_second: latencies.len() as f64 / elapsed,
        p50: pick(0.50),
        p99: pick(0.99),
    }
}

fn worker(
    request: &(dyn Fn(usize) -> Request + Sync),
    thread: usize,
    threads: usize,
    deadline: Instant,
    limit: usize,
) -> (Vec<Duration>, usize) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut latencies = Vec::with_capacity(limit.min(100_000));
    let mut failed = 0;
    let mut sent_count = 0;
    while Instant::now() < deadline && latencies.len() + failed < limit {
        // Interleaved numbering: every request of the run gets its own.
        let request = request(sent_count * threads + thread);
        sent_count += 1;
        let sent = Instant::now();
        let outcome = match request.method {
            "POST" => {
                let mut req = agent.post(&request.url);
                for (k, v) in &request.headers {
                    req = req.header(k, v);
                }
                req.send(request.body.clone().unwrap_or_default())
            }
            _ => {
                let mut req = agent.get(&request.url);
                for (k, v) in &request.headers {
                    req = req.header(k, v);
                }
                req.call()
            }
        };
        match outcome {
            Ok(mut response) if response.status().is_success() => {
                // Read the body so the connection can be reused.
                let _ = response.body_mut().read_to_vec();
                latencies.push(sent.elapsed());
            }
            _ => failed += 1,
        }
    }
    (latencies, failed)
}
