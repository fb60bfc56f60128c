//! The runtime files copied into generated crates (`codegen/inlineable/src`), their
//! `// @section NAME` … `// @end` parts, and the crates both need, declared in one place.
//!
//! A crate carries some files whole (by its protocol) and, inside them, only the sections its
//! types and operations use. Each [`Section`] and [`RuntimeFile`] says what it needs: other files,
//! other sections, and the dependencies of the generated `Cargo.toml`. Those dependencies' lines
//! are read from `codegen/inlineable/Cargo.toml`, where the runtime is compiled and tested, so a
//! version is written once. `cargo xtask sections` compiles every section and file with exactly
//! what it declares.

use std::collections::BTreeSet;

use crate::error::{Error, Result};

/// The runtime crate's manifest: the one place the dependencies' versions are written.
const INLINEABLE_MANIFEST: &str = include_str!("../../inlineable/Cargo.toml");

/// A crate a runtime file or section uses, as the generated `Cargo.toml` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dependency {
    Http,
    RegexLite,
    QuickXml,
    Flate2,
    Sha2,
    Crc32fast,
    Crc32c,
    Crc64fastNvme,
    Sha1,
}

impl Dependency {
    pub const ALL: [Dependency; 9] = [
        Dependency::Http,
        Dependency::RegexLite,
        Dependency::QuickXml,
        Dependency::Flate2,
        Dependency::Sha2,
        Dependency::Crc32fast,
        Dependency::Crc32c,
        Dependency::Crc64fastNvme,
        Dependency::Sha1,
    ];

    /// The package name.
    pub fn name(self) -> &'static str {
        match self {
            Dependency::Http => "http",
            Dependency::RegexLite => "regex-lite",
            Dependency::QuickXml => "quick-xml",
            Dependency::Flate2 => "flate2",
            Dependency::Sha2 => "sha2",
            Dependency::Crc32fast => "crc32fast",
            Dependency::Crc32c => "crc32c",
            Dependency::Crc64fastNvme => "crc64fast-nvme",
            Dependency::Sha1 => "sha1",
        }
    }

    /// The `[dependencies]` line of `codegen/inlineable/Cargo.toml` for this crate (`name = ...`),
    /// without its line end. The unit tests check that every dependency has one.
    pub fn line(self) -> &'static str {
        let prefix = format!("{} = ", self.name());
        manifest_dependencies().find(|line| line.starts_with(&prefix)).unwrap_or_default()
    }
}

/// The lines of the `[dependencies]` table of `codegen/inlineable/Cargo.toml`.
fn manifest_dependencies() -> impl Iterator<Item = &'static str> {
    INLINEABLE_MANIFEST
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A `// @section NAME` … `// @end` part of the runtime files: kept in a crate only when it
/// needs it, in every file the crate carries that has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `timestamp`: `DateTime`, its formats and codecs.
    DateTime,
    /// `blob` (and base64 header strings): `Blob` and base64.
    Blob,
    /// `document`: `Document` and `Number`.
    Document,
    /// `bigInteger` and `bigDecimal`.
    BigNumbers,
    /// The `2^63` constant the float conversions share.
    TwoPow63,
    /// The quoted, shortened user input the parse errors show.
    Excerpt,
    /// `awsQueryCompatible`: the error code of `x-amzn-query-error`.
    QueryCompatible,
    /// The `aws.partition` rules function.
    AwsPartition,
    /// The `aws.parseArn` rules function.
    AwsArn,
    /// The `aws.isVirtualHostableS3Bucket` rules function.
    AwsS3,
    /// `Content-MD5` for `@httpChecksumRequired`.
    Checksum,
    /// Route 53's prefixed IDs.
    Route53,
    /// `@requestCompression`: gzip.
    Gzip,
    /// Glacier's SHA-256 tree hash headers.
    Glacier,
}

impl Section {
    pub const ALL: [Section; 14] = [
        Section::DateTime,
        Section::Blob,
        Section::Document,
        Section::BigNumbers,
        Section::TwoPow63,
        Section::Excerpt,
        Section::QueryCompatible,
        Section::AwsPartition,
        Section::AwsArn,
        Section::AwsS3,
        Section::Checksum,
        Section::Route53,
        Section::Gzip,
        Section::Glacier,
    ];

    /// The name its markers give it.
    pub fn name(self) -> &'static str {
        match self {
            Section::DateTime => "date-time",
            Section::Blob => "blob",
            Section::Document => "document",
            Section::BigNumbers => "big-numbers",
            Section::TwoPow63 => "two-pow-63",
            Section::Excerpt => "excerpt",
            Section::QueryCompatible => "query-compatible",
            Section::AwsPartition => "aws-partition",
            Section::AwsArn => "aws-arn",
            Section::AwsS3 => "aws-s3",
            Section::Checksum => "checksum",
            Section::Route53 => "route53",
            Section::Gzip => "gzip",
            Section::Glacier => "glacier",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The other sections its code uses.
    pub fn requires(self) -> &'static [Section] {
        match self {
            Section::DateTime => &[Section::Excerpt, Section::TwoPow63],
            Section::BigNumbers => &[Section::Excerpt],
            Section::Document => &[Section::TwoPow63],
            Section::Checksum => &[Section::Blob],
            _ => &[],
        }
    }

    /// The crates its code uses, beyond those of the file it is in.
    pub fn dependencies(self) -> &'static [Dependency] {
        match self {
            Section::AwsPartition => &[Dependency::RegexLite],
            Section::Gzip => &[Dependency::Flate2],
            Section::Glacier => &[Dependency::Sha2],
            _ => &[],
        }
    }

    /// `sections` with every section they require, transitively.
    pub fn closure(sections: impl IntoIterator<Item = Section>) -> BTreeSet<Section> {
        let mut all = BTreeSet::new();
        let mut todo: Vec<Section> = sections.into_iter().collect();
        while let Some(section) = todo.pop() {
            if all.insert(section) {
                todo.extend(section.requires());
            }
        }
        all
    }
}

/// A file of `codegen/inlineable/src`, copied into the crates that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuntimeFile {
    Validation,
    Error,
    Primitives,
    Body,
    Rules,
    Auth,
    Checksums,
    Json,
    Query,
    Wire,
    Xml,
}

impl RuntimeFile {
    pub const ALL: [RuntimeFile; 11] = [
        RuntimeFile::Validation,
        RuntimeFile::Error,
        RuntimeFile::Primitives,
        RuntimeFile::Body,
        RuntimeFile::Rules,
        RuntimeFile::Auth,
        RuntimeFile::Checksums,
        RuntimeFile::Json,
        RuntimeFile::Query,
        RuntimeFile::Wire,
        RuntimeFile::Xml,
    ];

    /// The module's name (`json`), which is also the file's (`src/json.rs`).
    pub fn module(self) -> &'static str {
        match self {
            RuntimeFile::Validation => "validation",
            RuntimeFile::Error => "error",
            RuntimeFile::Primitives => "primitives",
            RuntimeFile::Body => "body",
            RuntimeFile::Rules => "rules",
            RuntimeFile::Auth => "auth",
            RuntimeFile::Checksums => "checksums",
            RuntimeFile::Json => "json",
            RuntimeFile::Query => "query",
            RuntimeFile::Wire => "wire",
            RuntimeFile::Xml => "xml",
        }
    }

    /// The path in a generated crate, `src/json.rs`.
    pub fn path(self) -> &'static str {
        match self {
            RuntimeFile::Validation => "src/validation.rs",
            RuntimeFile::Error => "src/error.rs",
            RuntimeFile::Primitives => "src/primitives.rs",
            RuntimeFile::Body => "src/body.rs",
            RuntimeFile::Rules => "src/rules.rs",
            RuntimeFile::Auth => "src/auth.rs",
            RuntimeFile::Checksums => "src/checksums.rs",
            RuntimeFile::Json => "src/json.rs",
            RuntimeFile::Query => "src/query.rs",
            RuntimeFile::Wire => "src/wire.rs",
            RuntimeFile::Xml => "src/xml.rs",
        }
    }

    /// The file as it is in `codegen/inlineable/src`, unit tests and markers included.
    pub fn source(self) -> &'static str {
        match self {
            RuntimeFile::Validation => include_str!("../../inlineable/src/validation.rs"),
            RuntimeFile::Error => include_str!("../../inlineable/src/error.rs"),
            RuntimeFile::Primitives => include_str!("../../inlineable/src/primitives.rs"),
            RuntimeFile::Body => include_str!("../../inlineable/src/body.rs"),
            RuntimeFile::Rules => include_str!("../../inlineable/src/rules.rs"),
            RuntimeFile::Auth => include_str!("../../inlineable/src/auth.rs"),
            RuntimeFile::Checksums => include_str!("../../inlineable/src/checksums.rs"),
            RuntimeFile::Json => include_str!("../../inlineable/src/json.rs"),
            RuntimeFile::Query => include_str!("../../inlineable/src/query.rs"),
            RuntimeFile::Wire => include_str!("../../inlineable/src/wire.rs"),
            RuntimeFile::Xml => include_str!("../../inlineable/src/xml.rs"),
        }
    }

    /// The file without its unit tests (those run in `codegen/inlineable`).
    pub fn text(self) -> &'static str {
        let source = self.source();
        match source.find("\n#[cfg(test)]\nmod tests") {
            Some(at) => &source[..=at],
            None => source,
        }
    }

    /// The other runtime files its code uses (`crate::wire`, ...).
    pub fn requires(self) -> &'static [RuntimeFile] {
        use RuntimeFile::*;
        match self {
            Error => &[Primitives],
            Wire => &[Error, Primitives],
            Json | Rules | Checksums => &[Error, Primitives, Wire],
            Xml => &[Error, Primitives, Wire],
            Validation | Primitives | Body | Auth | Query => &[],
        }
    }

    /// The sections its code uses, in itself or in the files it requires.
    pub fn sections(self) -> &'static [Section] {
        match self {
            RuntimeFile::Rules => &[Section::Document],
            RuntimeFile::Checksums => &[Section::Blob],
            _ => &[],
        }
    }

    /// The crates its code outside any section uses.
    pub fn dependencies(self) -> &'static [Dependency] {
        use Dependency::*;
        match self {
            RuntimeFile::Json | RuntimeFile::Wire | RuntimeFile::Rules => &[Http],
            RuntimeFile::Xml => &[Http, QuickXml],
            RuntimeFile::Checksums => &[Http, Crc32c, Crc32fast, Crc64fastNvme, Sha1, Sha2],
            _ => &[],
        }
    }

    /// `files` with every file they require, transitively.
    pub fn closure(files: impl IntoIterator<Item = RuntimeFile>) -> BTreeSet<RuntimeFile> {
        let mut all = BTreeSet::new();
        let mut todo: Vec<RuntimeFile> = files.into_iter().collect();
        while let Some(file) = todo.pop() {
            if all.insert(file) {
                todo.extend(file.requires());
            }
        }
        all
    }

    /// The sections its markers name (checked: an unknown name or a bad nesting is an error).
    pub fn marked_sections(self) -> Result<BTreeSet<Section>> {
        Ok(self.keep(&Section::ALL.into_iter().collect())?.1)
    }

    /// The file's text (without unit tests) with only the sections in `keep`; see [`keep_sections`].
    pub fn keep(self, keep: &BTreeSet<Section>) -> Result<(String, BTreeSet<Section>)> {
        keep_sections(self.path(), self.text(), keep)
    }
}

/// `text` without the marker lines, and without the sections not in `keep` (a section inside
/// another is kept when both are); the blank lines around a dropped section become one. Also
/// returns the sections of `keep` that the text has. A marker naming no [`Section`], an `@end`
/// with no section open, or a section left open is an error naming `file` and the line.
pub fn keep_sections(file: &str, text: &str, keep: &BTreeSet<Section>) -> Result<(String, BTreeSet<Section>)> {
    let error = |line: usize, problem: String| Error::RuntimeSection { file: file.to_string(), line, problem };
    let mut out = String::with_capacity(text.len());
    let mut kept = BTreeSet::new();
    // The open sections, innermost last, each with its line and whether it is kept.
    let mut open: Vec<(Section, usize, bool)> = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let marker = line.trim();
        if let Some(name) = marker.strip_prefix("// @section ") {
            let section = Section::from_name(name).ok_or_else(|| error(number, format!("`{name}` is not a runtime section (emit/runtime.rs lists them)")))?;
            let keeps = keep.contains(&section);
            if keeps && open.iter().all(|(_, _, kept)| *kept) {
                kept.insert(section);
            }
            open.push((section, number, keeps));
        } else if marker == "// @end" {
            if open.pop().is_none() {
                return Err(error(number, "`// @end` closes no section".to_string()));
            }
        } else if open.iter().all(|(_, _, kept)| *kept) && !(marker.is_empty() && (out.is_empty() || out.ends_with("\n\n"))) {
            out.push_str(line);
        }
    }
    if let Some((section, line, _)) = open.pop() {
        return Err(error(line, format!("section `{}` has no `// @end`", section.name())));
    }
    Ok((out, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(sections: &[Section]) -> BTreeSet<Section> {
        sections.iter().copied().collect()
    }

    #[test]
    fn sections_are_kept_or_dropped_by_name() {
        let text = "a\n\n// @section blob\nx\n// @end\n\n// @section gzip\n    y\n    // @end\n\nb\n";
        let keep = |sections: &[Section]| keep_sections("t.rs", text, &set(sections)).unwrap();
        assert_eq!(keep(&[Section::Blob]), ("a\n\nx\n\nb\n".to_string(), set(&[Section::Blob])));
        assert_eq!(keep(&[Section::Gzip, Section::Glacier]), ("a\n\n    y\n\nb\n".to_string(), set(&[Section::Gzip])));
        assert_eq!(keep(&[]), ("a\n\nb\n".to_string(), set(&[])));
    }

    #[test]
    fn nested_sections_are_kept_when_both_are() {
        let text = "// @section blob\nb\n// @section gzip\ng\n// @end\nc\n// @end\nd\n";
        let keep = |sections: &[Section]| keep_sections("t.rs", text, &set(sections)).unwrap().0;
        assert_eq!(keep(&[Section::Blob, Section::Gzip]), "b\ng\nc\nd\n");
        assert_eq!(keep(&[Section::Blob]), "b\nc\nd\n");
        assert_eq!(keep(&[Section::Gzip]), "d\n");
    }

    #[test]
    fn bad_markers_name_the_file_and_line() {
        let message = |text: &str| keep_sections("src/t.rs", text, &set(&[])).unwrap_err().to_string();
        assert_eq!(
            message("a\n// @section blobs\n// @end\n"),
            "runtime file `src/t.rs`, line 2: `blobs` is not a runtime section (emit/runtime.rs lists them)"
        );
        assert_eq!(message("// @end\n"), "runtime file `src/t.rs`, line 1: `// @end` closes no section");
        assert_eq!(message("\n// @section blob\nx\n"), "runtime file `src/t.rs`, line 2: section `blob` has no `// @end`");
    }

    /// Every marker of every runtime file names a known section, and every section is in some file.
    #[test]
    fn every_section_is_marked_somewhere_and_every_marker_is_a_section() {
        let mut marked = BTreeSet::new();
        for file in RuntimeFile::ALL {
            marked.extend(file.marked_sections().unwrap_or_else(|e| panic!("{e}")));
        }
        let unused: Vec<&str> = Section::ALL.into_iter().filter(|s| !marked.contains(s)).map(Section::name).collect();
        assert!(unused.is_empty(), "sections no runtime file marks: {unused:?}");
        assert!(Section::ALL.into_iter().all(|s| Section::from_name(s.name()) == Some(s)));
    }

    /// Every file of `codegen/inlineable/src` but `lib.rs` is a `RuntimeFile`, and `lib.rs` declares each.
    #[test]
    fn every_runtime_file_is_listed() {
        let lib = include_str!("../../inlineable/src/lib.rs");
        let modules: Vec<&str> = lib.lines().filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';')).collect();
        let mut listed: Vec<&str> = RuntimeFile::ALL.iter().map(|f| f.module()).collect();
        listed.sort_unstable();
        assert_eq!(modules, listed);
        assert!(RuntimeFile::ALL.iter().all(|f| f.path() == format!("src/{}.rs", f.module())));
    }

    /// Each dependency is declared once, in `codegen/inlineable/Cargo.toml`, with the line the
    /// generated `Cargo.toml` copies; nothing there is left undeclared here.
    #[test]
    fn dependencies_come_from_the_inlineable_manifest() {
        for dependency in Dependency::ALL {
            let line = dependency.line();
            assert!(line.starts_with(&format!("{} = ", dependency.name())), "`{}` has no line in codegen/inlineable/Cargo.toml", dependency.name());
            assert!(line.contains("version = \"") || line.ends_with('"'), "`{line}` must give a version (no `.workspace = true`)");
        }
        let names: BTreeSet<&str> = manifest_dependencies().filter_map(|l| l.split([' ', '.']).next()).collect();
        let declared: BTreeSet<&str> = Dependency::ALL.iter().map(|d| d.name()).collect();
        assert_eq!(names, declared);
    }
}
