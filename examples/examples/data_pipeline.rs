//! A generator pipeline over a file larger than you want in memory: a web server's access
//! log, read line by line, parsed, filtered and aggregated into status counts and the
//! slowest paths.
//!
//! Each stage is a generator that pulls from the one before it, so only one line is in
//! memory at a time, whatever the size of the file. The same job written the usual way,
//! `read_to_string` and `collect` at each step, holds the whole file and every record.
//!
//! ```text
//! cargo run --release --example data_pipeline              # a 300 MiB log, both versions
//! cargo run --release --example data_pipeline -- 3000      # a 3000 MiB log
//! cargo run --release --example data_pipeline -- 300 stream   # one version only
//! ```
//!
//! The log is written on first run under the target directory
//! (`target/data_pipeline/access-300MiB.log`) and reused after that. Each version runs in a
//! process of its own, which reports its peak resident memory as the OS counts it
//! (`getrusage`).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use gen_runtime::{generator, yield_};
use oorandom::Rand64;

/// One request of the log.
#[derive(Clone, Debug, PartialEq)]
struct Request {
    method: String,
    path: String,
    status: u16,
    millis: u32,
}

/// Every line of the log, read when the next stage asks for it.
#[generator]
fn read_lines(mut reader: impl BufRead) -> impl Iterator<Item = io::Result<String>> {
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => return,
            Ok(_) => yield_!(Ok(line)),
            Err(e) => {
                yield_!(Err(e));
                return;
            }
        }
    }
}

/// The requests in the lines; malformed lines are skipped, a read error ends the log.
#[generator]
fn parse(lines: impl Iterator<Item = io::Result<String>>) -> impl Iterator<Item = Request> {
    for line in lines {
        let Ok(line) = line else {
            eprintln!("read error; stopping");
            return;
        };
        if let Some(request) = parse_line(&line) {
            yield_!(request);
        }
    }
}

/// Leaves out the load balancer's health checks.
#[generator]
fn without_health_checks(requests: impl Iterator<Item = Request>) -> impl Iterator<Item = Request> {
    for request in requests {
        if request.path != "/healthz" {
            yield_!(request);
        }
    }
}

/// `203.0.113.9 - - [12/Mar/2025:10:00:00 +0000] "GET /path HTTP/1.1" 200 5120 37`: the
/// last field is the response time in milliseconds.
fn parse_line(line: &str) -> Option<Request> {
    let (_, rest) = line.split_once("] \"")?;
    let (request, rest) = rest.split_once("\" ")?;
    let mut request = request.split(' ');
    let method = request.next()?;
    let path = request.next()?;
    let mut fields = rest.split(' ');
    let status = fields.next()?.parse().ok()?;
    let _bytes = fields.next()?;
    let millis = fields.next()?.trim_end().parse().ok()?;
    Some(Request {
        method: method.to_string(),
        path: path.to_string(),
        status,
        millis,
    })
}

/// What the job reports.
#[derive(Debug, Default, PartialEq)]
struct Summary {
    requests: u64,
    statuses: BTreeMap<u16, u64>,
    /// Path → (requests, total milliseconds).
    paths: HashMap<String, (u64, u64)>,
}

impl Summary {
    fn add(&mut self, request: Request) {
        self.requests += 1;
        *self.statuses.entry(request.status).or_default() += 1;
        let (count, total) = self.paths.entry(request.path).or_default();
        *count += 1;
        *total += u64::from(request.millis);
    }

    /// The `n` paths with the highest mean response time.
    fn slowest(&self, n: usize) -> Vec<(&str, f64)> {
        let mut means: Vec<(&str, f64)> = self
            .paths
            .iter()
            .map(|(path, &(count, total))| (path.as_str(), total as f64 / count as f64))
            .collect();
        means.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        means.truncate(n);
        means
    }
}

/// The job as a pipeline of generators: one line in memory at a time.
fn streaming(reader: impl BufRead) -> Summary {
    let mut summary = Summary::default();
    for request in without_health_checks(parse(read_lines(reader))) {
        summary.add(request);
    }
    summary
}

/// The same job written the usual way: the whole file, then every record, in memory.
fn slurping(mut reader: impl Read) -> io::Result<Summary> {
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let lines: Vec<&str> = text.lines().collect();
    let requests: Vec<Request> = lines.iter().filter_map(|line| parse_line(line)).collect();
    let kept: Vec<Request> = requests
        .into_iter()
        .filter(|r| r.path != "/healthz")
        .collect();
    let mut summary = Summary::default();
    for request in kept {
        summary.add(request);
    }
    Ok(summary)
}

/// An endless access log, the same for the same seed.
#[generator]
fn fake_log(seed: u64) -> impl Iterator<Item = String> {
    const METHODS: [&str; 4] = ["GET", "GET", "GET", "POST"];
    const STATUSES: [u16; 10] = [200, 200, 200, 200, 200, 200, 304, 404, 500, 503];
    let mut rng = Rand64::new(u128::from(seed));
    let mut second = 0u64;
    loop {
        // Searches are slow, and slower for some terms; feeds depend on the user.
        let (path, slowness) = match rng.rand_range(0..20) {
            0..=2 => ("/healthz".to_string(), 0),
            3..=9 => (format!("/articles/{}", rng.rand_range(0..100)), 10),
            10..=15 => {
                let user = rng.rand_range(0..50);
                (format!("/users/{user}/feed"), 2 * user)
            }
            _ => {
                let term = rng.rand_range(0..25);
                (format!("/search/{term}"), 100 + 8 * term)
            }
        };
        let millis = 5 + slowness + rng.rand_range(0..40);
        second += rng.rand_range(0..2);
        yield_!(format!(
            "203.0.113.{} - - [12/Mar/2025:{:02}:{:02}:{:02} +0000] \"{} {} HTTP/1.1\" {} {} {}",
            rng.rand_range(1..255),
            (second / 3600) % 24,
            (second / 60) % 60,
            second % 60,
            METHODS[rng.rand_range(0..4) as usize],
            path,
            STATUSES[rng.rand_range(0..10) as usize],
            rng.rand_range(200..20_000),
            millis,
        ));
    }
}

/// Writes `mib` MiB of log to `path`, unless a file of that size is already there.
fn ensure_log(path: &Path, mib: u64) -> io::Result<()> {
    let size = mib << 20;
    if std::fs::metadata(path).is_ok_and(|m| m.len() >= size) {
        return Ok(());
    }
    eprintln!("writing {} ({mib} MiB)…", path.display());
    std::fs::create_dir_all(path.parent().expect("a file in a directory"))?;
    let mut out = BufWriter::new(File::create(path)?);
    let mut written = 0;
    for line in fake_log(2025) {
        if written >= size {
            break;
        }
        writeln!(out, "{line}")?;
        written += line.len() as u64 + 1;
    }
    out.flush()
}

/// `target/` of this build: the example runs from `target/<profile>/examples/`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of this program");
    exe.ancestors()
        .nth(3)
        .expect("target/<profile>/examples/<exe>")
        .to_path_buf()
}

/// Peak resident memory of this process so far, in KiB, as the OS counts it.
fn peak_rss_kib() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` fills the struct it is given; RUSAGE_SELF is a valid target.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    // Linux reports KiB, macOS bytes.
    let max = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    if cfg!(target_os = "macos") {
        max / 1024
    } else {
        max
    }
}

fn run(mode: &str, path: &Path) -> io::Result<()> {
    let bytes = std::fs::metadata(path)?.len();
    let start = Instant::now();
    let summary = match mode {
        "stream" => streaming(BufReader::new(File::open(path)?)),
        "slurp" => slurping(File::open(path)?)?,
        other => panic!("unknown mode {other:?}: stream or slurp"),
    };
    let seconds = start.elapsed().as_secs_f64();
    println!("== {mode}: {} requests", summary.requests);
    for (status, count) in &summary.statuses {
        println!("   {status}: {count}");
    }
    println!("   slowest paths (mean):");
    for (path, mean) in summary.slowest(3) {
        println!("     {mean:6.1} ms  {path}");
    }
    println!(
        "   {:.0} MiB in {seconds:.2} s: {:.0} MiB/s, peak memory {:.1} MiB",
        bytes as f64 / 1048576.0,
        bytes as f64 / 1048576.0 / seconds,
        peak_rss_kib() as f64 / 1024.0,
    );
    Ok(())
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mib: u64 = args
        .next()
        .map_or(300, |s| s.parse().expect("the size in MiB, a number"));
    let mode = args.next();
    let path = target_dir()
        .join("data_pipeline")
        .join(format!("access-{mib}MiB.log"));
    ensure_log(&path, mib)?;
    match mode {
        Some(mode) => run(&mode, &path),
        // Each version in a process of its own, so that each peak is its own.
        None => {
            for mode in ["stream", "slurp"] {
                let status = Command::new(std::env::current_exe()?)
                    .args([mib.to_string(), mode.to_string()])
                    .status()?;
                assert!(status.success(), "the {mode} run failed");
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
203.0.113.1 - - [12/Mar/2025:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 512 30
203.0.113.2 - - [12/Mar/2025:10:00:01 +0000] \"GET /healthz HTTP/1.1\" 200 2 1
not a log line
203.0.113.3 - - [12/Mar/2025:10:00:01 +0000] \"POST /b HTTP/1.1\" 500 90 250
203.0.113.4 - - [12/Mar/2025:10:00:02 +0000] \"GET /a HTTP/1.1\" 404 0 10
";

    #[test]
    fn the_pipeline_counts_statuses_and_ranks_paths() {
        let summary = streaming(LOG.as_bytes());
        assert_eq!(summary.requests, 3);
        assert_eq!(
            summary.statuses,
            BTreeMap::from([(200, 1), (404, 1), (500, 1)])
        );
        assert_eq!(summary.slowest(5), [("/b", 250.0), ("/a", 20.0)]);
    }

    #[test]
    fn streaming_and_slurping_agree_on_a_generated_log() {
        let mut log = Vec::new();
        for line in fake_log(1).take(20_000) {
            writeln!(log, "{line}").unwrap();
        }
        let streamed = streaming(log.as_slice());
        assert_eq!(streamed, slurping(log.as_slice()).unwrap());
        assert!(streamed.requests > 15_000 && streamed.requests < 20_000);
        assert_eq!(
            streamed.statuses.keys().copied().collect::<Vec<_>>(),
            [200, 304, 404, 500, 503]
        );
        assert_eq!(streamed.slowest(1)[0].0, "/search/24");
    }

    #[test]
    fn the_generated_log_is_the_same_for_a_seed() {
        let first: Vec<String> = fake_log(7).take(3).collect();
        assert_eq!(first, fake_log(7).take(3).collect::<Vec<_>>());
        assert!(first.iter().all(|line| parse_line(line).is_some()));
    }
}
