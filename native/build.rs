//! Two jobs before the core compiles:
//!
//! * check that `src/skillterms/_version.py` and this crate carry the same version (maturin
//!   stamps the wheel with the crate's; Python code reads `_version.py`);
//! * write the built-in vocabulary's snapshot (the vocabulary compiled from its YAML files,
//!   pickled) into `OUT_DIR`, which `lib.rs` embeds: maturin runs no Python build hooks, so the
//!   build script asks the Python that maturin builds for to write it. The snapshot is made of
//!   pure-Python tables only (nothing in it needs this crate), so it can be written before the
//!   crate exists.
use std::env;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest
        .parent()
        .expect("native/ sits in the repository")
        .to_path_buf();
    let src = root.join("src");
    let version_file = src.join("skillterms").join("_version.py");
    check_version(&version_file);

    let python = ["PYO3_PYTHON", "PYTHON_SYS_EXECUTABLE"]
        .iter()
        .find_map(|name| env::var(name).ok())
        .unwrap_or_else(|| "python3".to_string());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("builtin_vocabulary.pickle");
    // The core does not exist yet: an empty stand-in lets modules import it, and anything
    // that would call into it while the snapshot is written fails loudly.
    let script = "import sys, types; sys.path.insert(0, sys.argv[1]); \
                  sys.modules['skillterms._core'] = types.ModuleType('skillterms._core'); \
                  from skillterms.snapshot import snapshot_bytes; \
                  open(sys.argv[2], 'wb').write(snapshot_bytes())";
    let status = Command::new(&python)
        .args(["-c", script])
        .arg(&src)
        .arg(&out)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {python} to write the vocabulary snapshot: {e}"));
    if !status.success() {
        panic!(
            "{python} failed to write the vocabulary snapshot ({status}); it needs pyyaml, which \
             pyproject.toml's [build-system] requires"
        );
    }
    write_char_table(
        &python,
        &PathBuf::from(env::var("OUT_DIR").unwrap()).join("pychars_table.rs"),
    );
    println!(
        "cargo:rerun-if-changed={}",
        src.join("skillterms").display()
    );
    println!("cargo:rerun-if-changed={}", version_file.display());
    println!("cargo:rerun-if-env-changed=PYO3_PYTHON");
}

/// Python's own character classes (`str.isalpha`, `isdecimal`, `isdigit`, `isnumeric`,
/// `isspace`, `isupper`, `islower`, titlecase), `re.IGNORECASE`'s folds and `str.lower()`, as
/// tables of code points past ASCII, asked of
/// the Python the core is built for: Rust's classes differ from them in places (combining
/// marks are alphabetic to Rust, not to Python; `\x1c`-`\x1f` are space to Python only), and
/// the core must read text exactly as the Python rules it replaces did.
fn write_char_table(python: &str, out: &PathBuf) {
    let script = r#"
import sys
def flags(ch):
    f = 0
    for bit, test in enumerate((ch.isalpha(), ch.isdecimal(), ch.isdigit(), ch.isnumeric(), ch.isspace(),
                                ch.isupper(), ch.islower(), ch.istitle() and not ch.isupper())):
        f |= test << bit
    return f
rows, start, prev = [], None, 0
for cp in range(0x80, 0x110001):
    f = flags(chr(cp)) if cp < 0x110000 else 0
    if f != prev:
        if prev:
            rows.append(f"({start:#x}, {cp - 1:#x}, {prev}),")
        start, prev = cp, f
import _sre
try:
    from re import _casefix
    extra = _casefix._EXTRA_CASES
except ImportError:  # Python 3.10
    import sre_compile
    extra = {low: tuple(o for o in others) for low, others in sre_compile._ignorecase_fixes.items()}
def fold(cp):
    low = _sre.unicode_tolower(cp)
    return min((low, *extra.get(low, ())))
folds = [f"({cp:#x}, {fold(cp):#x})," for cp in range(0x80, 0x110000) if fold(cp) != cp]
# str.lower() of each code point past ASCII whose lowercase is another single one (the one
# whose lowercase is longer, U+0130, and capital sigma, whose lowercase depends on its
# neighbours, are the core's to handle: see pychars::lowercase)
lowers = [f"({cp:#x}, {ord(chr(cp).lower()):#x})," for cp in range(0x80, 0x110000)
          if len(chr(cp).lower()) == 1 and chr(cp).lower() != chr(cp) and cp != 0x3A3]
longer = [cp for cp in range(0x110000) if len(chr(cp).lower()) != 1]
if longer != [0x130]:
    raise SystemExit(f"lowercase longer than one code point for {longer}, not only U+0130")
with open(sys.argv[1], "w") as out:
    out.write(f"pub static RANGES: [(u32, u32, u8); {len(rows)}] = [\n" + "\n".join(rows) + "\n];\n")
    out.write(f"pub static FOLDS: [(u32, u32); {len(folds)}] = [\n" + "\n".join(folds) + "\n];\n")
    out.write(f"pub static LOWERS: [(u32, u32); {len(lowers)}] = [\n" + "\n".join(lowers) + "\n];\n")
"#;
    let status = Command::new(python)
        .args(["-c", script])
        .arg(out)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {python} to write the character table: {e}"));
    if !status.success() {
        panic!("{python} failed to write the character table ({status})");
    }
}

fn check_version(version_file: &PathBuf) {
    let text = fs::read_to_string(version_file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", version_file.display()));
    let python_version = text
        .lines()
        .find_map(|line| line.strip_prefix("__version__ = "))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| {
            panic!(
                "{} holds no `__version__ = \"...\"` line",
                version_file.display()
            )
        });
    let crate_version = env::var("CARGO_PKG_VERSION").unwrap();
    if python_version != crate_version {
        panic!(
            "version mismatch: {} says {python_version}, native/Cargo.toml says {crate_version}; \
             set both to the release's version",
            version_file.display()
        );
    }
}
