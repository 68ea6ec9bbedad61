//! A small web site to crawl: a few dozen linked pages served over HTTP on 127.0.0.1, each
//! answered after a simulated latency. The server counts the requests it is handling at
//! once, so a crawler's concurrency can be checked from the outside.

use std::collections::{BTreeSet, VecDeque};
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use oorandom::Rand64;
use tokio::net::TcpListener;

const WORDS: [&str; 12] = [
    "amber", "birch", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "indigo", "juniper",
    "kestrel", "lagoon",
];

/// The pages and their links: page `i` is served at `/page/i`.
#[derive(Clone, Debug)]
pub struct Site {
    pages: Vec<Page>,
}

#[derive(Clone, Debug)]
struct Page {
    title: String,
    links: Vec<usize>,
    latency: Duration,
}

impl Site {
    /// `count` pages, each linking to three others chosen from `seed`. The last few pages
    /// are linked from nowhere, so a crawl from page 0 does not find them.
    pub fn new(count: usize, seed: u64) -> Site {
        let mut rng = Rand64::new(u128::from(seed));
        let linked = count - count / 8;
        let pages = (0..count)
            .map(|i| Page {
                title: format!("Page {i}: {}", WORDS[i % WORDS.len()]),
                links: (0..3)
                    .map(|_| rng.rand_range(0..linked as u64) as usize)
                    .chain((i + 1 < linked).then_some(i + 1))
                    .collect(),
                latency: Duration::from_millis(5 + rng.rand_range(0..30)),
            })
            .collect();
        Site { pages }
    }

    /// The path of page `i`.
    pub fn path(i: usize) -> String {
        format!("/page/{i}")
    }

    /// The paths a crawl from page 0 reaches by following links.
    pub fn reachable(&self) -> BTreeSet<String> {
        let mut seen = BTreeSet::from([0]);
        let mut queue = VecDeque::from([0]);
        while let Some(i) = queue.pop_front() {
            for &j in &self.pages[i].links {
                if seen.insert(j) {
                    queue.push_back(j);
                }
            }
        }
        seen.into_iter().map(Site::path).collect()
    }

    /// The number of pages, linked or not.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether the site has no page.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    fn html(&self, i: usize) -> String {
        let page = &self.pages[i];
        let links: String = page
            .links
            .iter()
            .map(|&j| {
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    Site::path(j),
                    self.pages[j].title
                )
            })
            .collect();
        format!(
            "<!doctype html><html><head><title>{}</title></head><body><ul>{links}</ul></body></html>",
            page.title
        )
    }
}

/// What the server saw: requests answered, and the most it was answering at once.
#[derive(Debug, Default)]
pub struct Stats {
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    served: AtomicUsize,
}

impl Stats {
    /// The most requests the server was answering at the same time.
    pub fn peak_in_flight(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }

    /// The requests answered so far.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

/// Serves `site` on 127.0.0.1 on a free port, on the current tokio runtime, until the
/// runtime stops. Returns the address and the server's counters.
pub async fn serve(site: Site) -> io::Result<(SocketAddr, Arc<Stats>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let site = Arc::new(site);
    let stats = Arc::new(Stats::default());
    let counters = stats.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (site, stats) = (site.clone(), counters.clone());
            let service = service_fn(move |request| answer(site.clone(), stats.clone(), request));
            tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
        }
    });
    Ok((addr, stats))
}

async fn answer(
    site: Arc<Site>,
    stats: Arc<Stats>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let page = request
        .uri()
        .path()
        .strip_prefix("/page/")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n < site.len());
    let Some(i) = page else {
        let mut response = Response::new(Full::new(Bytes::from_static(b"not found")));
        *response.status_mut() = StatusCode::NOT_FOUND;
        return Ok(response);
    };
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.peak.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(site.pages[i].latency).await;
    stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    stats.served.fetch_add(1, Ordering::SeqCst);
    Ok(Response::new(Full::new(Bytes::from(site.html(i)))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{BodyExt, Empty};
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;

    #[test]
    fn the_site_serves_linked_pages_and_counts_concurrent_requests() {
        let site = Site::new(40, 1);
        let reachable = site.reachable();
        assert!(
            reachable.len() > 20 && reachable.len() <= 35,
            "{reachable:?}"
        );
        assert!(!reachable.contains("/page/39"));

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (addr, stats) = serve(site).await.unwrap();
            let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
            let get = |path: &str| {
                let uri = format!("http://{addr}{path}").parse().unwrap();
                let client = client.clone();
                async move {
                    let response = client.get(uri).await.unwrap();
                    let status = response.status();
                    let body = response.into_body().collect().await.unwrap().to_bytes();
                    (status, String::from_utf8(body.to_vec()).unwrap())
                }
            };
            let (status, body) = get("/page/0").await;
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("<title>Page 0: amber</title>"), "{body}");
            assert!(body.contains("href=\"/page/1\""), "{body}");
            assert_eq!(get("/nowhere").await.0, StatusCode::NOT_FOUND);

            let three = futures::future::join3(get("/page/1"), get("/page/2"), get("/page/3"));
            let (a, b, c) = three.await;
            assert!([a.0, b.0, c.0].iter().all(|s| *s == StatusCode::OK));
            assert_eq!(stats.served(), 4);
            assert_eq!(stats.peak_in_flight(), 3);
        });
    }
}
