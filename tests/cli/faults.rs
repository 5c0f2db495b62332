//! Index faults (robustness issue): a killed indexer, a search while indexing, two
//! indexers, a damaged index, a full disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::env::*;

/// Articles in the long-running corpus: enough that indexing outlasts the checks
/// made while it runs (each check asserts the indexer was still running).
const LONG_RUN: usize = 40_000;

/// Starts `netra index big.jsonl` on an index that holds the seeds, and returns
/// once it holds the writer lock.
fn start_long_index(env: &Env) -> Child {
    env.synthetic_jsonl("big.jsonl", LONG_RUN);
    let mut child = env.spawn(&["index", "big.jsonl", "--quiet"]);
    let owner = env.path("index/netra-writer.json");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !owner.exists() {
        assert!(
            child.try_wait().expect("poll").is_none(),
            "the indexer stopped before taking the lock"
        );
        assert!(Instant::now() < deadline, "the indexer never took the lock");
        sleep(Duration::from_millis(10));
    }
    child
}

fn still_running(child: &mut Child, what: &str) {
    assert!(
        child.try_wait().expect("poll").is_none(),
        "the indexer finished before {what}: the test proved nothing (raise LONG_RUN)"
    );
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_killed_indexer_leaves_the_last_commit_and_a_rerun_completes() {
    let env = Env::indexed();
    let mut child = start_long_index(&env);
    sleep(Duration::from_millis(300));
    still_running(&mut child, "SIGKILL");
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");

    // Every synthetic article says "netralitas": none of them may be visible.
    assert_eq!(env.search("netralitas", &[]).json()["total"], 5);

    let total = format!("now holds {} articles", LONG_RUN + 5);
    let rerun = env.netra(&["index", "big.jsonl", "--quiet"]);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    assert!(rerun.stderr.contains(&total), "{}", rerun.stderr);
    let again = env.netra(&["index", "big.jsonl", "--quiet"]);
    assert!(again.stderr.contains(&total), "{}", again.stderr);
    assert_eq!(env.search("kode1234", &[]).json()["total"], 1);
}

#[test]
fn a_search_during_indexing_answers_from_the_last_commit() {
    let env = Env::indexed();
    let mut child = start_long_index(&env);
    for _ in 0..3 {
        assert_eq!(env.search("netralitas", &[]).json()["total"], 5);
    }
    still_running(&mut child, "the searches ended");
    stop(child);
}

#[test]
fn a_second_indexer_is_told_the_index_is_in_use_and_by_what() {
    let env = Env::indexed();
    let mut child = start_long_index(&env);
    let second = env.netra(&["index", "--quiet"]);
    still_running(&mut child, "the second indexer ran");
    let pid = child.id();
    stop(child);
    assert_eq!(second.code, 2);
    let err = &second.stderr;
    assert!(
        err.contains(&format!("is in use by process {pid}")),
        "{err}"
    );
    assert!(err.contains("index big.jsonl"), "{err}");
    assert_eq!(env.search("netralitas", &[]).json()["total"], 5);
}

fn segment_file(index: &Path, ext: &str) -> PathBuf {
    fs::read_dir(index)
        .expect("index folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == ext))
        .unwrap_or_else(|| panic!("no .{ext} file"))
}

#[test]
fn a_damaged_index_is_named_with_the_rebuild_command() {
    for (ext, damage) in [
        ("idx", "delete"),
        ("term", "truncate"),
        ("store", "truncate"),
        ("json", "garble"),
    ] {
        let env = Env::indexed();
        let victim = if ext == "json" {
            env.path("index/meta.json")
        } else {
            segment_file(&env.path("index"), ext)
        };
        match damage {
            "delete" => fs::remove_file(&victim).expect("delete"),
            "truncate" => fs::File::options()
                .write(true)
                .open(&victim)
                .and_then(|f| f.set_len(10))
                .expect("truncate"),
            _ => fs::write(&victim, "{ not json").expect("garble"),
        }
        let run = env.netra(&["search", "ikrar"]);
        assert_eq!(run.code, 2, "{ext} {damage}");
        assert!(
            run.stderr.contains("the index at index is damaged")
                && run.stderr.contains("--rebuild"),
            "{ext} {damage}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

        let rebuilt = env.netra(&["index", "--rebuild", "--quiet"]);
        assert_eq!(rebuilt.code, 0, "{ext} {damage}: {}", rebuilt.stderr);
        assert_eq!(env.search("\"ikrar\"", &[]).json()["total"], 2);
    }
}

/// Unmounts a test's tmpfs when the test ends, however it ends.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Run by `.ci/run` (as root): `cargo test --test cli -- --ignored as_root_`.
#[test]
#[ignore = "needs root: mounts a 3 MB tmpfs to fill"]
fn as_root_a_full_disk_is_reported_and_the_previous_index_kept() {
    let env = Env::with_seeds();
    let small = env.path("small");
    fs::create_dir(&small).expect("mkdir");
    let mount = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
        .arg(&small)
        .output()
        .expect("run mount");
    assert!(
        mount.status.success(),
        "cannot mount a small tmpfs (this test needs root with CAP_SYS_ADMIN): {}",
        String::from_utf8_lossy(&mount.stderr)
    );
    let _unmount = Mounted(small.clone());
    let index = small.join("index");
    let index = index.to_str().expect("utf-8 path");
    let first = env.netra(&["index", "seeds", "--index", index, "--quiet"]);
    assert_eq!(first.code, 0, "{}", first.stderr);

    env.synthetic_jsonl("big.jsonl", 20_000);
    let run = env.netra(&["index", "big.jsonl", "--index", index, "--quiet"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is full"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

    let after = env.netra(&["search", "netralitas", "--index", index, "--json"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.json()["total"], 5);

    // The failed run's partial segments do not stay to fill the disk: once space
    // is freed (here, a smaller input), indexing works again.
    let retry = env.netra(&["index", "seeds", "--index", index, "--quiet"]);
    assert_eq!(retry.code, 0, "{}", retry.stderr);
}
