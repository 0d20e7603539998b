//! Where the time of one compile goes: each pipeline stage timed on its own,
//! warm, in one process (`cargo bench --bench phases -- POLICY.yaml`).
//!
//! `benches/run.sh` times whole commands against their peers; this shows
//! which stage a change should target. Stages run one after another here,
//! while `build` renders the HTML beside the other formats.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use policyc::render::{Format, RenderOptions, renderer};

const RUNS: usize = 30;

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; the policy is the first other argument.
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: cargo bench --bench phases -- POLICY.yaml"))?;
    let templates = policyc::cmd::templates_for(&path, None)?;
    let options = RenderOptions {
        width: 80,
        templates: &templates,
    };
    let mut times: Vec<(&str, Vec<Duration>)> = ["read", "parse", "resolve", "html", "md", "txt"]
        .into_iter()
        .map(|name| (name, Vec::new()))
        .collect();
    for _ in 0..RUNS {
        let t = Instant::now();
        let (source, problem) = policyc::load::read(&path)?;
        times[0].1.push(t.elapsed());
        if let Some(problem) = problem {
            anyhow::bail!("{}", problem.message);
        }
        let t = Instant::now();
        let policy = policyc::load::parse(&source)
            .map_err(|d| anyhow::anyhow!("the policy has {} problems", d.len()))?;
        times[1].1.push(t.elapsed());
        let t = Instant::now();
        let (doc, _) = policyc::resolve::resolve(&source, &policy, &[])
            .map_err(|d| anyhow::anyhow!("the policy has {} problems", d.len()))?;
        times[2].1.push(t.elapsed());
        for (i, format) in [(3, Format::Html), (4, Format::Md), (5, Format::Txt)] {
            let t = Instant::now();
            let bytes = renderer(format, &options)?.render(&doc)?;
            times[i].1.push(t.elapsed());
            std::hint::black_box(bytes);
        }
    }
    println!("{} ({RUNS} runs, median per stage)", path.display());
    let mut total = Duration::ZERO;
    for (name, mut runs) in times {
        runs.sort();
        let median = runs[runs.len() / 2];
        total += median;
        println!("  {name:<8} {:>8.2} ms", median.as_secs_f64() * 1000.0);
    }
    println!("  {:<8} {:>8.2} ms", "total", total.as_secs_f64() * 1000.0);
    Ok(())
}
