//! A web crawler as an async generator: it follows links breadth-first with a bounded
//! number of requests in flight, and yields each page as it arrives. The consumer decides
//! how much to crawl: when it stops, the stream is dropped, and so are the requests still
//! in flight.
//!
//! The example starts its own web site on 127.0.0.1 (a few dozen linked pages, each
//! answered after a simulated latency; `gen_examples::site`) and crawls it with hyper's
//! client.
//!
//! Run with `cargo run --example async_crawl`.
//!
//! The crawler keeps its requests in a local `FuturesUnordered` and awaits
//! `in_flight.next()`, a future that borrows that local across the `.await`: the stream
//! keeps its locals in place, in itself (it is pinned), allocating nothing for it.

use std::collections::{HashSet, VecDeque};

use futures::stream::{FuturesUnordered, StreamExt};
use gen_examples::site::{self, Site};
use gen_runtime::{generator, yield_, Stream};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// A page the crawler fetched.
#[derive(Debug)]
struct Page {
    url: String,
    title: String,
    links: Vec<String>,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Fetches `url` and reads its title and links.
async fn fetch(client: HttpClient, url: String) -> Result<Page, Error> {
    let response = client.get(url.parse()?).await?;
    let body = response.into_body().collect().await?.to_bytes();
    let html = String::from_utf8_lossy(&body);
    let title = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map_or_else(String::new, |(title, _)| title.to_string());
    let origin = url.split("/page/").next().unwrap_or_default();
    let links = html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(href, _)| format!("{origin}{href}"))
        .collect();
    Ok(Page { url, title, links })
}

/// Every page reachable from `start`, breadth-first, at most `max_in_flight` requests at a
/// time, each page yielded as soon as it arrives. Pages that fail to load are skipped.
#[generator]
fn crawl(client: HttpClient, start: String, max_in_flight: usize) -> impl Stream<Item = Page> {
    let mut seen = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([start]);
    let mut in_flight = FuturesUnordered::new();
    loop {
        while in_flight.len() < max_in_flight {
            let Some(url) = queue.pop_front() else { break };
            in_flight.push(fetch(client.clone(), url));
        }
        let Some(fetched) = in_flight.next().await else {
            break;
        };
        let Ok(page) = fetched else { continue };
        for link in &page.links {
            if seen.insert(link.clone()) {
                queue.push_back(link.clone());
            }
        }
        yield_!(page);
    }
}

const PAGES: usize = 40;
const MAX_IN_FLIGHT: usize = 4;

/// Crawls a fresh site of `PAGES` pages, taking at most `limit` pages; returns the URLs'
/// paths in arrival order, and the server's count of requests answered and peak in flight.
async fn crawl_site(limit: usize, print: bool) -> (Vec<String>, usize, usize) {
    let (addr, stats) = site::serve(Site::new(PAGES, 1)).await.expect("a free port");
    let client = Client::builder(TokioExecutor::new()).build_http();
    let origin = format!("http://{addr}");
    let pages = crawl(client, format!("{origin}{}", Site::path(0)), MAX_IN_FLIGHT).take(limit);
    let mut pages = std::pin::pin!(pages);
    let mut paths = Vec::new();
    while let Some(page) = pages.next().await {
        if print {
            println!(
                "{:>10}  {}",
                page.url.trim_start_matches(&origin),
                page.title
            );
        }
        paths.push(page.url.trim_start_matches(&origin).to_string());
    }
    (paths, stats.served(), stats.peak_in_flight())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (paths, served, peak) = crawl_site(usize::MAX, true).await;
    println!(
        "crawled {} pages, at most {peak} requests in flight (limit {MAX_IN_FLIGHT})",
        paths.len()
    );
    assert_eq!(served, paths.len());

    let (paths, served, _) = crawl_site(5, false).await;
    println!("stopping after {}: {served} requests answered", paths.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn the_crawl_finds_every_linked_page_once_within_the_limit() {
        let (paths, served, peak) = runtime().block_on(crawl_site(usize::MAX, false));
        let found: BTreeSet<String> = paths.iter().cloned().collect();
        assert_eq!(found.len(), paths.len(), "a page was yielded twice");
        assert_eq!(found, Site::new(PAGES, 1).reachable());
        assert_eq!(served, paths.len());
        assert!(peak > 1 && peak <= MAX_IN_FLIGHT, "peak {peak}");
    }

    #[test]
    fn the_crawl_stops_when_the_consumer_does() {
        let (paths, served, _) = runtime().block_on(crawl_site(5, false));
        assert_eq!(paths.len(), 5);
        assert!(served < 5 + MAX_IN_FLIGHT, "{served} requests answered");
    }
}
