//! The one place Rust names are made: casing (heck), keyword escaping and collision handling.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words that are keywords in some Rust edition and can be written as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Field names that would clash with methods every generated struct or builder has, or whose
/// accessor would hide a method of a trait the struct implements (`x.clone()`, `Foo::default()`).
const RESERVED_FIELDS: &[&str] =
    &["builder", "build", "validate", "validate_with", "default", "clone", "write_json", "read_json", "from_response"];

/// Type and variant names that would clash with what generated code defines beside them.
const RESERVED_TYPES: &[&str] = &["Self", "Unknown"];

/// Module names generated code uses for itself inside `types`.
const RESERVED_MODULES: &[&str] = &["error", "builders"];

/// The private field in which outputs and errors keep response metadata (request IDs, and an
/// error's code and message as sent). [`field_name`] never gives a name with a leading
/// underscore, so no member can take it.
pub const METADATA_FIELD: &str = "_meta";

/// `fooBar` → `foo_bar`, escaped so it is a valid identifier that clashes with nothing we generate.
pub fn field_name(member: &str) -> String {
    let snake = snake(member);
    if NON_RAW_KEYWORDS.contains(&snake.as_str()) || RESERVED_FIELDS.contains(&snake.as_str()) {
        format!("{snake}_value")
    } else if RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    }
}

/// Renames fields whose accessor would clash with another field's generated method (`set_x`,
/// `get_x`, `x_or_default`): the renamed one gets a `_value` suffix, claimed in `scope`.
pub fn rename_accessor_clashes(names: &mut [String], scope: &mut Scope) {
    let derived: std::collections::BTreeSet<String> = names
        .iter()
        .flat_map(|name| [setter(name), getter(name), format!("{}_or_default", bare(name))])
        .collect();
    for name in names.iter_mut() {
        if derived.contains(bare(name)) {
            *name = scope.claim(format!("{}_value", bare(name)));
        }
    }
}

/// `Stage` → `StageBuilder`: the builder of a structure.
pub fn builder(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// `r#type` → `set_type`: the builder method that sets or clears a field (or parameter).
pub fn setter(field: &str) -> String {
    format!("set_{}", bare(field))
}

/// `r#type` → `get_type`: the builder method that reads a field back.
pub fn getter(field: &str) -> String {
    format!("get_{}", bare(field))
}

/// `ConflictException` → `is_conflict_exception`: an error enum's test for one variant.
pub fn predicate(variant: &str) -> String {
    format!("is_{}", bare(&field_name(variant)))
}

/// The identifier without a raw prefix, for building other names (`set_type`, `TYPE_DEFAULT`).
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// `foo_bar` → `FOO_BAR_DEFAULT`: the associated constant holding a member's default.
pub fn default_const(field: &str) -> String {
    format!("{}_DEFAULT", bare(field).to_shouty_snake_case())
}

/// A type name from a shape name: `fooBar` → `FooBar`, `Self` → `SelfValue`.
pub fn type_name(shape: &str) -> String {
    avoid_reserved_type(camel(shape))
}

fn avoid_reserved_type(name: String) -> String {
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// An enum variant from a member name or value: `t2.micro` → `T2Micro`, `1.0` → `V1_0`, `*` → `Star`,
/// `-` → `Hyphen`.
pub fn variant_name(raw: &str) -> String {
    let spelled: String = raw
        .chars()
        .map(|c| match c {
            '*' => "_star_".to_string(),
            '+' => "_plus_".to_string(),
            '%' => "_percent_".to_string(),
            '&' => "_and_".to_string(),
            '@' => "_at_".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "_".to_string(),
        })
        .collect();
    let mut cased = camel(&spelled);
    if cased.is_empty() {
        // Nothing but punctuation and non-ASCII letters: name every character.
        cased = camel(&raw.chars().map(|c| format!("_{}_", char_name(c))).collect::<String>());
    }
    let name = match cased.chars().next() {
        None => "Empty".to_string(),
        // `1.0` and `10` would both become `10`: keep the separators between digits.
        Some(c) if c.is_ascii_digit() => format!("V{}", digits_kept(&spelled)),
        Some(_) => cased,
    };
    avoid_reserved_type(name)
}

/// A word for a character in a value that has no ASCII letters or digits at all.
fn char_name(c: char) -> String {
    let word = match c {
        '-' => "hyphen",
        '.' => "dot",
        '_' => "underscore",
        '/' => "slash",
        '\\' => "backslash",
        ':' => "colon",
        ',' => "comma",
        ' ' => "space",
        '#' => "hash",
        '$' => "dollar",
        '!' => "bang",
        '?' => "question",
        '=' => "equals",
        '<' => "less",
        '>' => "greater",
        '~' => "tilde",
        '^' => "caret",
        '|' => "pipe",
        _ => return format!("u{:04x}", u32::from(c)),
    };
    word.to_string()
}

/// A module or file name from a type name: `FooBar` → `foo_bar`.
pub fn module_name(type_name: &str) -> String {
    let snake = snake(type_name);
    if RAW_KEYWORDS.contains(&snake.as_str())
        || NON_RAW_KEYWORDS.contains(&snake.as_str())
        || RESERVED_MODULES.contains(&snake.as_str())
    {
        format!("{snake}_shape")
    } else {
        snake
    }
}

/// Makes names unique in order: the first keeps its name, later ones get `2`, `3`, ... appended.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
    separator: &'static str,
}

impl Scope {
    pub fn new(separator: &'static str) -> Self {
        Scope { taken: BTreeSet::new(), separator }
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// A name ending in a digit is numbered with `_` even in a scope without a separator
    /// (`V1_0` then `V1_0_2`, not `V1_02`), and a numbered raw identifier drops its `r#`
    /// (`r#type` then `type_2`).
    pub fn claim(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let base = bare(&name);
        let separator = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { self.separator };
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}{separator}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

fn snake(s: &str) -> String {
    let snake = s.to_snake_case();
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else if snake.is_empty() {
        "value".to_string()
    } else {
        snake
    }
}

fn camel(s: &str) -> String {
    s.to_upper_camel_case()
}

fn digits_kept(spelled: &str) -> String {
    spelled
        .split('_')
        .filter(|p| !p.is_empty())
        .map(|p| p.to_upper_camel_case())
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_that_clash_with_generated_methods_are_renamed() {
        let mut scope = Scope::new("_");
        let mut names: Vec<String> =
            ["name", "set_name", "get_name", "limit", "limit_or_default", "r#type"].iter().map(|n| scope.claim(n.to_string())).collect();
        rename_accessor_clashes(&mut names, &mut scope);
        assert_eq!(names, ["name", "set_name_value", "get_name_value", "limit", "limit_or_default_value", "r#type"]);
        assert_eq!(field_name("writeJson"), "write_json_value");
    }

    #[test]
    fn no_member_takes_the_metadata_field() {
        for member in ["_meta", "__meta", "_Meta", "meta", "_", "__", "_1", "Meta_"] {
            let name = field_name(member);
            assert!(!name.starts_with('_'), "`{member}` became `{name}`");
            assert_ne!(name, METADATA_FIELD);
        }
    }

    #[test]
    fn fields_are_snake_case_and_escaped() {
        assert_eq!(field_name("storageConfigurationArn"), "storage_configuration_arn");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("gen"), "r#gen");
        assert_eq!(field_name("self"), "self_value");
        assert_eq!(field_name("Self"), "self_value");
        assert_eq!(field_name("crate"), "crate_value");
        assert_eq!(field_name("builder"), "builder_value");
        assert_eq!(field_name("ARN"), "arn");
    }

    #[test]
    fn types_and_variants() {
        assert_eq!(type_name("fooBar"), "FooBar");
        assert_eq!(type_name("Self"), "SelfValue");
        assert_eq!(variant_name("AUDIO_VIDEO"), "AudioVideo");
        assert_eq!(variant_name("t2.micro"), "T2Micro");
        assert_eq!(variant_name("1.0"), "V1_0");
        assert_eq!(variant_name("10"), "V10");
        assert_eq!(variant_name("*"), "Star");
        assert_eq!(variant_name("us-east-1"), "UsEast1");
        assert_eq!(variant_name("Unknown"), "UnknownValue");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("-"), "Hyphen");
        assert_eq!(variant_name("--"), "HyphenHyphen");
        assert_eq!(variant_name("."), "Dot");
        assert_eq!(variant_name("ä"), "U00e4");
        assert_eq!(variant_name("2xlarge"), "V2xlarge");
    }

    #[test]
    fn fields_that_would_hide_trait_methods_are_escaped() {
        assert_eq!(field_name("default"), "default_value");
        assert_eq!(field_name("clone"), "clone_value");
        assert_eq!(field_name("validateWith"), "validate_with_value");
    }

    #[test]
    fn modules_avoid_keywords_and_our_own_modules() {
        assert_eq!(module_name("Error"), "error_shape");
        assert_eq!(module_name("Type"), "type_shape");
        assert_eq!(module_name("UpdateStage"), "update_stage");
        assert_eq!(default_const("r#type"), "TYPE_DEFAULT");
    }

    #[test]
    fn scope_numbers_collisions() {
        let mut scope = Scope::new("");
        assert_eq!(scope.claim("FooBar".into()), "FooBar");
        assert_eq!(scope.claim("FooBar".into()), "FooBar2");
        let mut fields = Scope::new("_");
        assert_eq!(fields.claim("foo_bar".into()), "foo_bar");
        assert_eq!(fields.claim("foo_bar".into()), "foo_bar_2");
        assert_eq!(fields.claim("r#type".into()), "r#type");
        assert_eq!(fields.claim("r#type".into()), "type_2");
        let mut variants = Scope::new("");
        assert_eq!(variants.claim("V1_0".into()), "V1_0");
        assert_eq!(variants.claim("V1_0".into()), "V1_0_2");
        assert_eq!(variants.claim("Foo".into()), "Foo");
        assert_eq!(variants.claim("Foo".into()), "Foo2");
    }
}
