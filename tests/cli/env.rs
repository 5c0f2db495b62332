//! The test environment: a temporary folder, the seeds, and the netra binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
pub const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

/// A temporary working folder with the seeds copied in, and a way to run netra there.
pub struct Env {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Checks the exit code and that stderr says `said`.
    pub fn assert_said(&self, code: i32, said: &str) {
        assert_eq!(self.code, code, "{}", self.stderr);
        assert!(self.stderr.contains(said), "{}", self.stderr);
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }

    /// The seed numbers ("000".."004") of a search's hits, sorted.
    pub fn seed_hits(&self) -> Vec<String> {
        let mut seeds: Vec<String> = self.json()["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| seed_number(h["path"].as_str().expect("path")))
            .collect();
        seeds.sort();
        seeds
    }
}

pub fn seed_number(path: &str) -> String {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n[..3].to_owned())
        .expect("a seed file name")
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn with_seeds() -> Env {
        let env = Env::new();
        let seeds = env.path("seeds");
        fs::create_dir(&seeds).expect("mkdir seeds");
        for entry in fs::read_dir(SEEDS).expect("seeds folder") {
            let entry = entry.expect("entry");
            fs::copy(entry.path(), seeds.join(entry.file_name())).expect("copy seed");
        }
        env
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, bytes).expect("write fixture");
        path
    }

    pub fn netra(&self, args: &[&str]) -> Run {
        self.netra_env(args, &[])
    }

    pub fn netra_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_netra"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("NETRA_INDEX")
            .env_remove("NO_COLOR");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let Output {
            status,
            stdout,
            stderr,
        } = cmd.output().expect("run netra");
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
            "netra panicked on {args:?}:\n{}",
            run.stderr
        );
        run
    }

    /// Indexes the seeds into ./index and returns the run.
    pub fn indexed() -> Env {
        let env = Env::with_seeds();
        let run = env.netra(&["index", "--quiet"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        env
    }

    /// Starts netra without waiting for it.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        Command::new(env!("CARGO_BIN_EXE_netra"))
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("NETRA_INDEX")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start netra")
    }

    /// Writes `n` distinct synthetic articles as JSONL; article `i` alone has the
    /// word `kodeI` in its body.
    pub fn synthetic_jsonl(&self, rel: &str, n: usize) -> PathBuf {
        const WORDS: [&str; 12] = [
            "netralitas",
            "pegawai",
            "deklarasi",
            "ikrar",
            "pilkada",
            "camat",
            "desa",
            "menolak",
            "politik",
            "uang",
            "pengawasan",
            "integritas",
        ];
        let mut out = String::with_capacity(n * 1100);
        for i in 0..n {
            let body: Vec<&str> = (0..140)
                .map(|k| WORDS[(i * 7 + k * k) % WORDS.len()])
                .collect();
            out.push_str(&format!(
                "{{\"id\": \"s{i}\", \"title\": \"Berita {i} tentang netralitas ASN\", \"text\": \"{} kode{i}.\"}}\n",
                body.join(" ")
            ));
        }
        self.write(rel, out)
    }

    pub fn search(&self, query: &str, extra: &[&str]) -> Run {
        let mut args = vec!["search", query, "--json"];
        args.extend_from_slice(extra);
        let run = self.netra(&args);
        assert!(
            run.code == 0 || run.code == 1,
            "search {query:?} failed: {}",
            run.stderr
        );
        // 0 when something matched, 1 when nothing did, as grep says.
        let total = run.json()["total"].as_u64().expect("a total");
        assert_eq!(run.code, i32::from(total == 0), "search {query:?}");
        run
    }
}

pub fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// The expected fields of each seed (`tests/golden/seed-fields.jsonl`).
pub fn seed_gold() -> Vec<Value> {
    fs::read_to_string(format!("{GOLDEN}/seed-fields.jsonl"))
        .expect("seed gold")
        .lines()
        .map(|l| serde_json::from_str(l).expect("gold line"))
        .collect()
}

/// The record (or hit) whose path ends with `file`.
pub fn record_for<'a>(records: &'a [Value], file: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .unwrap_or_else(|| panic!("no record for {file}"))
}
